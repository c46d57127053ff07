"""The room's file meets a facilitator's laptop: a second server, removal, a full or read-only disk, damage.

Each accident shows that nothing acknowledged is lost (what was answered 201/200 is in the file, or in the
newest backup ``--workshop-restore`` starts from), and that each failure is one line with a way out.
A full and a read-only disk are real (a small tmpfs) where the machine lets the suite mount one (Linux, as
root); the injected write failure runs everywhere.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mock_server.workshop import registry_of
from mock_server.workshop.db import Database
from mock_server.workshop.roomfile import Backups, RoomFileError

from .conftest import assert_problem
from .test_workshop import CODE, EXERCISES, SECRET, workshop_app
from .test_workshop_restart import ROOT, kill, start

A_REPORT = {"results": {"ex01_anatomy_of_a_request": "done"}}


def room_app(path: Path):
    settings = {"secret": SECRET, "join_code": CODE, "exercises": EXERCISES, "database": str(path)}
    return workshop_app(WORKSHOP=settings)


def join(client, name):
    return client.post("/__workshop/teams", json={"name": name, "code": CODE})


def report(client, token, results):
    return client.post("/__workshop/reports", json={"results": results}, headers={"X-Kata-Team-Token": token})


def kept(path: Path, restore: bool = False) -> dict[str, dict]:
    """The teams a server started again on ``path`` would know, by name (and that it starts at all)."""
    database = Database(path, restore=restore, watch_every=None)
    try:
        return {team["name"]: team["results"] for team in database.teams()}
    finally:
        database.close()


def one_line(error: pytest.ExceptionInfo, *words: str) -> str:
    text = str(error.value)
    assert "\n" not in text and "Traceback" not in text, text
    for word in words:
        assert word in text, text
    return text


def close(app) -> None:
    registry_of(app).db.close()


# A second server ---------------------------------------------------------------------------------


def test_a_second_server_on_the_same_file_is_refused_naming_the_first(tmp_path):
    path = tmp_path / "room.sqlite3"
    first = Database(path, watch_every=None)
    first.announce("http://127.0.0.1:8123/")
    with pytest.raises(RoomFileError) as refused:
        Database(path, watch_every=None)
    one_line(refused, str(path), f"process {os.getpid()}", "http://127.0.0.1:8123/", "--workshop-db")
    first.close()
    Database(path, watch_every=None).close()  # free again once the first one stops


def test_a_second_server_process_says_so_in_one_line_and_exits(tmp_path):
    server, url, _ = start(tmp_path)
    try:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        second = subprocess.run(
            [sys.executable, "-m", "mock_server", "--workshop", "--port", "0"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert second.returncode == 2
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1, second.stderr
        assert f"process {server.pid}" in lines[0] and f"{url}/" in lines[0] and "--workshop-db" in lines[0]
    finally:
        kill(server)


# Removed or replaced while it runs ---------------------------------------------------------------


@pytest.mark.parametrize("accident", ["removed", "replaced"])
def test_a_file_removed_or_replaced_while_serving_is_said_loudly_and_no_join_is_acknowledged(
    tmp_path, capsys, accident
):
    path = tmp_path / "room.sqlite3"
    app = room_app(path)
    client = app.test_client()
    assert join(client, "Ada").status_code == 201
    if accident == "removed":
        path.unlink()
    else:
        other = tmp_path / "other.sqlite3"
        sqlite3.connect(other).close()
        other.replace(path)
    refused = join(client, "Bob")
    assert_problem(refused, 503)
    assert int(refused.headers["Retry-After"]) >= 1
    err = capsys.readouterr().err
    assert f"{path} was {accident}" in err and "Way out" in err and "--workshop-restore" in err
    board = client.get("/__workshop/progress", headers={"Authorization": f"Bearer {SECRET}"}).get_json()
    assert f"was {accident}" in board["alarm"]
    assert [team.name for team in registry_of(app).teams()] == ["Ada"]
    close(app)
    path.unlink(missing_ok=True)
    assert kept(path, restore=True) == {"Ada": {}}  # the copy taken when it was noticed has Ada


def test_a_file_put_back_is_served_again(tmp_path, capsys):
    path = tmp_path / "room.sqlite3"
    app = room_app(path)
    client = app.test_client()
    path.rename(tmp_path / "aside.sqlite3")
    assert join(client, "Ada").status_code == 503
    (tmp_path / "aside.sqlite3").rename(path)
    assert join(client, "Ada").status_code == 201
    assert "is back" in capsys.readouterr().err
    close(app)
    assert kept(path) == {"Ada": {}}


# A write that fails --------------------------------------------------------------------------------


class FullDisk:
    """The room's connection, with every COMMIT failing as SQLite says a full disk does."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __getattr__(self, name):
        return getattr(self.connection, name)

    def execute(self, sql, *args):
        if sql == "COMMIT":
            raise sqlite3.OperationalError("database or disk is full")
        return self.connection.execute(sql, *args)


def test_a_write_that_fails_changes_nothing_and_is_a_503(tmp_path):
    path = tmp_path / "room.sqlite3"
    app = room_app(path)
    client = app.test_client()
    ada = join(client, "Ada").get_json()
    assert report(client, ada["token"], {"ex01_anatomy_of_a_request": "done"}).status_code == 200
    database = registry_of(app).db
    database._connection = FullDisk(database._connection)  # type: ignore[assignment]
    failed = report(client, ada["token"], {"ex02_status_classes": "done"})
    assert "disk is full" in assert_problem(failed, 503)["detail"] and failed.headers["Retry-After"]
    assert_problem(join(client, "Bob"), 503)
    mine = client.get("/__workshop/teams/Ada", headers={"X-Kata-Team-Token": ada["token"]}).get_json()
    assert mine["results"] == {"ex01_anatomy_of_a_request": "done"} and mine["reports"] == 1
    assert [team.name for team in registry_of(app).teams()] == ["Ada"]
    database._connection = database._connection.connection  # type: ignore[attr-defined]
    assert report(client, ada["token"], {"ex02_status_classes": "done"}).status_code == 200
    close(app)
    assert kept(path) == {"Ada": {"ex01_anatomy_of_a_request": "done", "ex02_status_classes": "done"}}


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB tmpfs (Linux, as root), unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if not sys.platform.startswith("linux") or shutil.which("mount") is None:
        pytest.skip("a small disk needs Linux's mount (the injected write failure above runs everywhere)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mount -t tmpfs is not allowed here (the injected write failure above runs everywhere)")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=True)


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_refuses_reports_with_a_503_and_loses_none_acknowledged(small_disk):
    path = small_disk / "room.sqlite3"
    app = room_app(path)
    client = app.test_client()
    ada = join(client, "Ada").get_json()
    filler = fill(small_disk)
    acknowledged: dict[str, str] = {}
    for number in range(1, 501):
        results = {"ex01_anatomy_of_a_request": "done" if number % 2 else "failing", "ex03_is_it_open": "failing"}
        answer = report(client, ada["token"], results)
        if answer.status_code != 200:
            break
        acknowledged = results
    assert_problem(answer, 503)
    assert registry_of(app).by_name("Ada").results == acknowledged  # memory as the file has it
    filler.unlink()
    assert report(client, ada["token"], {"ex02_status_classes": "done"}).status_code == 200
    close(app)
    assert kept(path) == {"Ada": {**acknowledged, "ex02_status_classes": "done"}}


def test_a_room_on_a_full_disk_does_not_start_and_says_so_in_one_line(small_disk):
    fill(small_disk)
    with pytest.raises(RoomFileError) as refused:
        Database(small_disk / "room.sqlite3", watch_every=None)
    one_line(refused, "full", "--workshop-db")


def test_a_room_on_a_read_only_disk_does_not_start_and_says_so_in_one_line(small_disk):
    path = small_disk / "room.sqlite3"
    a_room_with_ada(path)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        with pytest.raises(RoomFileError) as refused:
            Database(path, watch_every=None)
        one_line(refused, "read-only", "--workshop-db")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert kept(path) == {"Ada": A_REPORT["results"]}


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes a read-only file anyway")
def test_a_read_only_file_does_not_start_and_says_so_in_one_line(tmp_path):  # pragma: no cover - not root
    path = tmp_path / "room.sqlite3"
    Database(path, watch_every=None).close()
    path.chmod(0o400)
    with pytest.raises(RoomFileError) as refused:
        Database(path, watch_every=None)
    one_line(refused, "read-only", "chmod")


# Damaged files ------------------------------------------------------------------------------------


def a_room_with_ada(path: Path) -> None:
    app = room_app(path)
    client = app.test_client()
    ada = join(client, "Ada").get_json()
    assert report(client, ada["token"], A_REPORT["results"]).status_code == 200
    close(app)  # a clean stop takes a last backup


@pytest.mark.parametrize(
    "damage, said",
    [
        (lambda path: path.write_bytes(os.urandom(100) + path.read_bytes()[100:]), "corrupt"),
        (lambda path: path.write_bytes(path.read_bytes()[:-1000]), "truncated"),
        (lambda path: path.write_bytes(b""), "truncated"),
        (lambda path: path.write_bytes(path.read_bytes()[:4096] + os.urandom(4096)), "corrupt"),
    ],
    ids=["header", "cut", "empty", "pages"],
)
def test_a_damaged_file_is_one_line_and_the_newest_backup_has_everything(tmp_path, damage, said):
    path = tmp_path / "room.sqlite3"
    a_room_with_ada(path)
    damage(path)
    with pytest.raises(RoomFileError) as refused:
        Database(path, watch_every=None)
    one_line(refused, said, "--workshop-restore")
    assert kept(path, restore=True) == {"Ada": A_REPORT["results"]}
    assert list(tmp_path.glob("room.sqlite3.broken-*"))  # moved aside, not deleted


def test_a_file_overwritten_while_serving_is_noticed(tmp_path, capsys):
    path = tmp_path / "room.sqlite3"
    app = room_app(path)
    client = app.test_client()
    assert join(client, "Ada").status_code == 201
    with path.open("r+b") as file:
        file.write(os.urandom(16))
    assert "overwritten" in (registry_of(app).db.check() or "")
    assert_problem(join(client, "Bob"), 503)
    assert "overwritten" in capsys.readouterr().err
    close(app)


def test_backups_rotate_and_the_room_is_for_its_owner_only(tmp_path):
    path = tmp_path / "room.sqlite3"
    database = Database(path, watch_every=None)
    for number in range(14):
        database.set_setting("n", str(number))
        database.backup()
    database.close()
    backups = Backups(path).all()
    assert len(backups) == Backups(path).keep
    if sys.platform != "win32":
        for each in (path, *backups):
            assert stat.S_IMODE(each.stat().st_mode) == 0o600, each
        assert stat.S_IMODE(Backups(path).folder.stat().st_mode) == 0o700


def test_without_a_backup_a_damaged_file_says_how_to_start_anew(tmp_path):
    path = tmp_path / "room.sqlite3"
    path.write_bytes(b"not a database at all" * 10)
    with pytest.raises(RoomFileError) as refused:
        Database(path, watch_every=None)
    one_line(refused, "corrupt", "move it aside")
    with pytest.raises(RoomFileError) as nothing:
        Database(path, restore=True, watch_every=None)
    one_line(nothing, "No good backup")
