"""A workshop server killed with ``kill -9`` and started again in the same folder: every team, token and result is back.

A real process on purpose (one of the few places the suite starts one): what is under test is that
every change reached the file before the server answered, which only a killed process can show.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
CODE = "RESTART-1"


def start(folder: Path) -> tuple[subprocess.Popen, str, list[str]]:
    """``python -m mock_server --workshop --port 0`` started in ``folder``: (process, base URL, banner lines)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), KATA_JOIN_CODE=CODE)
    env.pop("KATA_FACILITATOR_SECRET", None)  # made up at first start, then kept by the room's file
    command = [sys.executable, "-m", "mock_server", "--workshop", "--port", "0"]
    server = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    lines = []
    for line in server.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("=" * 20) and len(lines) > 3:
            break
    url = lines[0].split()[-1].rstrip("/")
    return server, url, lines


def kill(server: subprocess.Popen) -> None:
    if sys.platform == "win32":  # pragma: no cover - no SIGKILL: terminate is as abrupt there
        server.kill()
    else:
        os.kill(server.pid, signal.SIGKILL)
    server.wait(timeout=10)
    assert server.stdout is not None
    server.stdout.close()


def shown(board: dict) -> list[dict]:
    """The board's rows without the fields that move with the wall clock (time on the current exercise, idle)."""
    return [{k: v for k, v in team.items() if k not in ("on_current_for", "idle_for")} for team in board["teams"]]


def board_key(lines: list[str]) -> str:
    return next(line.split("key=", 1)[1] for line in lines if "/__workshop/board?key=" in line)


def test_after_kill_9_every_token_works_and_the_board_shows_the_same_progress(tmp_path):
    server, url, banner = start(tmp_path)
    try:
        assert any(str(tmp_path / "workshop.sqlite3") in line for line in banner), banner
        assert any(CODE in line for line in banner), banner
        teams = []
        for name in ("Ada & Grace", "Bob"):
            joined = requests.post(f"{url}/__workshop/teams", json={"name": name, "code": CODE}, timeout=5)
            assert joined.status_code == 201, joined.text
            teams.append(joined.json())
        ada = {"X-Kata-Team-Token": teams[0]["token"]}
        report = {"results": {"ex01_anatomy_of_a_request": "done", "ex02_status_classes": "failing"}}
        assert requests.post(f"{url}/__workshop/reports", json=report, headers=ada, timeout=5).ok
        key = board_key(banner)
        facilitator = {"Authorization": f"Bearer {key}"}
        before = requests.get(f"{url}/__workshop/progress", headers=facilitator, timeout=5).json()
    finally:
        kill(server)

    server, url, banner = start(tmp_path)  # the same folder: the same file
    try:
        assert board_key(banner) == key  # the board's address still works
        after = requests.get(f"{url}/__workshop/progress", headers={"Authorization": f"Bearer {key}"}, timeout=5)
        assert after.status_code == 200
        assert shown(after.json()) == shown(before)
        assert before["teams"][0]["done"] == 1
        for team in teams:
            assert requests.get(f"{url}/t/{team['token']}/health", timeout=5).ok
            headers = {"X-Kata-Team-Token": team["token"]}
            assert requests.get(f"{url}/menu", headers=headers, timeout=5).status_code == 200
        again = requests.post(f"{url}/__workshop/teams", json={"name": "bob", "code": CODE}, timeout=5)
        assert again.status_code == 409  # the name is still taken
    finally:
        kill(server)
