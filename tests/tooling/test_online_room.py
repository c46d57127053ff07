"""The room behind a real nginx with TLS (issue 28): a team with its kitchen at home joins, reports and shows on the
board, all through https:// with a CA this module makes; a certificate that does not verify is refused in one line.

nginx is a real process on purpose: what is under test is docs/online-room/nginx.conf itself (ports and paths
swapped for a temporary folder), a real TLS handshake and the headers a real proxy adds. It runs unprivileged,
on free high ports, with its pid, temporary and log files in a temporary folder. The CA and the certificate
come from the `openssl` command. Skipped, saying why, where nginx or openssl is missing (`.ci/run` installs both).
"""

from __future__ import annotations

import http.client
import json
import os
import pwd
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from kata.kitchen.live import LiveKitchen
from mock_server import create_app
from mock_server.serving.forwarded import proxy_options
from mock_server.serving.waitress_server import create_server

from .test_workshop import CODE, SECRET, stored
from .tiny_kata import ROOT, TinyKata

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
OPENSSL = shutil.which("openssl")
pytestmark = [
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (Debian: apt-get install nginx; .ci/run does)"),
    pytest.mark.skipif(OPENSSL is None, reason="the openssl command is not installed (it makes the test's CA)"),
    pytest.mark.skipif(not hasattr(os, "geteuid"), reason="nginx from Debian: Linux only"),
    pytest.mark.xdist_group("online-room"),  # one nginx for the module
]
DOCUMENTED = ROOT / "docs" / "online-room" / "nginx.conf"
SECOND = "127.0.0.2"  # another laptop (a second loopback address on Linux)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def make_ca(folder: Path) -> None:
    """ca.pem (a CA of this test's own), room.pem and room.key (localhost and 127.0.0.1, signed by it)."""

    def openssl(*args: str) -> None:
        subprocess.run([str(OPENSSL), *args], cwd=folder, check=True, capture_output=True, timeout=60)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    ca = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Kata CA", *ca)
    openssl("req", *ec, "-keyout", "room.key", "-out", "room.csr", "-subj", "/CN=localhost")
    (folder / "room.ext").write_text(
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n",
        encoding="ascii",
    )
    openssl("x509", "-req", "-in", "room.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "room.pem", "-days", "2", "-extfile", "room.ext")  # fmt: skip


def swap(text: str, old: str, new: str) -> str:
    """``old`` replaced by ``new``, which must happen: a documented line that moved fails here, not silently."""
    assert re.search(old, text, flags=re.M), f"docs/online-room/nginx.conf no longer has {old!r}"
    return re.sub(old, new, text, flags=re.M)


def nginx_conf(folder: Path, https_port: int, http_port: int, room_port: int) -> str:
    """The documented site, on this test's ports and certificate, inside a main config with every path in folder."""
    site = DOCUMENTED.read_text(encoding="utf-8")
    site = swap(site, r"^\s*listen \[::\]:\d+.*$", "")  # IPv6 may be off where the tests run
    site = swap(site, r"listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    site = swap(site, r"listen 80;", f"listen 127.0.0.1:{http_port};")
    site = swap(site, r"listen 443 ssl;|server_name room\.example\.org;", "server_name localhost;")
    site = swap(site, r"ssl_certificate /\S+;", f"ssl_certificate {folder}/room.pem;")
    site = swap(site, r"ssl_certificate_key /\S+;", f"ssl_certificate_key {folder}/room.key;")
    site = swap(site, r"proxy_pass http://127\.0\.0\.1:8000;", f"proxy_pass http://127.0.0.1:{room_port};")
    paths = "\n".join(
        f"    {kind}_temp_path {folder}/{kind}_temp;" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"daemon off;\nmaster_process off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{\n    access_log {folder}/access.log;\n{paths}\n{site}\n}}\n"
    )


class Nginx:
    """nginx in front of the room, started in ``folder``, unprivileged (as nobody when the tests run as root)."""

    def __init__(self, folder: Path, room_port: int) -> None:
        self.folder = folder
        self.port = free_port()
        (folder / "nginx.conf").write_text(nginx_conf(folder, self.port, free_port(), room_port), encoding="utf-8")
        user = {}
        if os.geteuid() == 0:  # root (CI): nginx runs as nobody, who can read only this folder
            nobody = pwd.getpwnam("nobody")
            user = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
            for path in [folder, *folder.iterdir()]:
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
        command = [str(NGINX), "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **user)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # a real process starting: nothing to simulate
            if self.process.poll() is not None:
                log = (folder / "error.log").read_text(errors="replace") if (folder / "error.log").exists() else ""
                raise AssertionError(f"nginx stopped: {self.process.stdout.read().decode(errors='replace')}{log}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.02)
        raise AssertionError("nginx did not listen within 10 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture(scope="module")
def online_room(tmp_path_factory: pytest.TempPathFactory):
    """A room served as `python -m mock_server --workshop --trusted-proxy 127.0.0.1` serves it, behind nginx with TLS.

    Yields (https URL, CA bundle, the room's app). Three joins per address: the budget shows whose address counted.
    """
    from mock_server.workshop import find_exercises

    board = TinyKata(tmp_path_factory.mktemp("board"))
    folder = Path(tempfile.mkdtemp(prefix="kata-nginx-"))  # nginx's own: readable by nobody, removed at the end
    os.chmod(folder, 0o755)  # nobody must reach it (it holds a throwaway test key)
    try:
        make_ca(folder)
        trusted, header, options = proxy_options(["127.0.0.1"], "x-forwarded-for")
        settings = {"secret": SECRET, "join_code": CODE, "exercises": find_exercises(board.root),
                    "joins": {"burst": 3, "every": 600.0, "room_burst": 100}}  # fmt: skip
        app = create_app({"CLOCK": "manual", "RATE_LIMIT": None, "WORKSHOP": settings,
                          "TRUSTED_PROXIES": trusted, "FORWARDED_HEADER": header})  # fmt: skip
        server = create_server(app, host="127.0.0.1", port=0, threads=8, **options)
        import threading

        thread = threading.Thread(target=server.run, name="online-room", daemon=True)
        thread.start()
        room = LiveKitchen(server, thread, f"http://127.0.0.1:{server.effective_port}")
        nginx = Nginx(folder, server.effective_port)
        try:
            yield f"https://localhost:{nginx.port}", str(folder / "ca.pem"), app
        finally:
            nginx.stop()
            room.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def through_nginx(url: str, ca: str, method: str, path: str, body=None, headers=None, source: str | None = None):
    """One https call to the room through nginx (from ``source``, another laptop): (status, JSON answer)."""
    host, port = url.removeprefix("https://").split(":")
    context = ssl.create_default_context(cafile=ca)
    connection = http.client.HTTPSConnection(
        host, int(port), context=context, timeout=10, source_address=(source, 0) if source else None
    )
    try:
        data = None if body is None else json.dumps(body).encode()
        connection.request(method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})})
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read() or b"null")
    finally:
        connection.close()


def test_a_team_with_its_kitchen_at_home_appears_on_the_board_through_nginx_and_tls(kata, cli, online_room):
    url, ca, _ = online_room
    code, out, _ = cli("join", url, "Ada at home", "--code", CODE, "--local-kitchen", "--ca-bundle", ca)
    assert code == 0, out
    assert stored(kata)["ca_bundle"] == ca and stored(kata)["kitchen"] == "local"
    kata.solve(2)
    code, out, _ = cli("check", "2")
    assert code == 0, out
    assert f"workshop: reported to {url} as team 'Ada at home' (1/3 done)." in out, out
    status, board = through_nginx(url, ca, "GET", "/__workshop/progress", headers={"Authorization": f"Bearer {SECRET}"})
    assert status == 200, board
    row = next(team for team in board["teams"] if team["name"] == "Ada at home")
    assert row["kitchen"] == "local" and row["done"] == 1
    assert dict(zip([e["name"] for e in board["exercises"]], row["cells"]))["ex02_is_it_open"] == "done"


def test_a_team_using_the_rooms_kitchen_through_nginx_passes_and_shows_on_the_board(kata, cli, online_room):
    """Without --local-kitchen the tests (the learner's requests code too) use the team's kitchen over https."""
    url, ca, _ = online_room
    before = os.environ.get("REQUESTS_CA_BUNDLE")  # a system's own bundle, say: the room's CA is added to it
    assert cli("join", url, "Grace in the room", "--code", CODE, "--ca-bundle", ca)[0] == 0
    kata.solve(2)
    code, out, _ = cli("check", "2")
    assert code == 0, out
    assert f"workshop: reported to {url} as team 'Grace in the room' (1/3 done)." in out and "home" not in out, out
    assert os.environ.get("REQUESTS_CA_BUNDLE") == before  # the room's CA was lent to the run only
    token = stored(kata)["token"]
    status, journal = through_nginx(url, ca, "GET", f"/t/{token}/__admin/journal")
    assert status == 200 and any(entry["path"] == "/health" for entry in journal["entries"]), journal
    status, board = through_nginx(url, ca, "GET", "/__workshop/progress", headers={"Authorization": f"Bearer {SECRET}"})
    assert next(team for team in board["teams"] if team["name"] == "Grace in the room")["kitchen"] == "room"


def test_nginx_gives_the_room_the_learners_address_and_scheme_and_a_forged_one_counts_for_nothing(online_room):
    url, ca, _ = online_room
    if not _second_loopback(SECOND):
        pytest.skip(f"needs a second loopback address ({SECOND}) for a second laptop")
    for number in (1, 2, 3):  # a forged address each time: nginx appends the real one, which the room believes
        forged = {"X-Forwarded-For": f"10.9.9.{number}"}
        team = {"name": f"Grace {number}", "code": CODE}
        status, joined = through_nginx(url, ca, "POST", "/__workshop/teams", team, forged, SECOND)
        assert status == 201, joined
        assert joined["base_url"] == f"{url}/t/{joined['token']}"  # https, and the name the learner used
    forged = {"X-Forwarded-For": "10.9.9.4"}  # the budget of 127.0.0.2 is spent, whatever it claims to be
    team = {"name": "Mal", "code": CODE}
    status, refused = through_nginx(url, ca, "POST", "/__workshop/teams", team, forged, SECOND)
    assert status == 429 and SECOND in refused["detail"] and "10.9.9" not in refused["detail"], refused


def test_a_certificate_that_does_not_verify_is_refused_by_kata_join_in_one_line(kata, cli, online_room, monkeypatch):
    url, _, _ = online_room
    for name in ("KATA_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"):
        monkeypatch.delenv(name, raising=False)
    code, out, err = cli("join", url, "No CA", "--code", CODE)
    assert code == 1 and err == ""
    assert out.strip().splitlines() == [
        f"Could not join the workshop at {url}: the room's certificate does not verify "
        "(unable to get local issuer certificate); if the room uses a private CA, name its bundle: "
        "kata join URL NAME --ca-bundle FILE (or set REQUESTS_CA_BUNDLE)"
    ], out
    assert not (kata.root / ".kata" / "workshop.json").exists()
    # The same CA named in the environment, as the learner's own requests code would read it: joined.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", online_room[1])
    code, out, _ = cli("join", url, "With CA", "--code", CODE, "--local-kitchen")
    assert code == 0 and "Joined the workshop" in out, out


def _second_loopback(address: str) -> bool:
    try:
        with socket.socket() as probe:
            probe.bind((address, 0))
        return True
    except OSError:
        return False
