"""``python -m mock_server`` under waitress: real sockets, drops and timeouts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests

import mock_server.__main__ as cli
from mock_server.workshop.settings import is_loopback

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def live_url():
    """Base URL of ``python -m mock_server --port 0`` running for this module."""
    command = [sys.executable, "-m", "mock_server", "--port", "0"]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as server:
        try:
            first = server.stdout.readline()
            assert first.startswith("Restaurant open at http://127.0.0.1:"), first
            assert "Docs:" in server.stdout.readline()
            yield first.split()[-1].rstrip("/")
        finally:
            server.terminate()
            server.wait(timeout=10)


def test_serves_on_loopback(live_url):
    response = requests.get(f"{live_url}/health", timeout=5)
    assert response.json() == {"status": "open"} and response.headers["Server"] == "restaurant"
    requests.post(f"{live_url}/__admin/reset", timeout=5)


def test_drop_connection_closes_the_socket_without_an_answer(live_url):
    with requests.Session() as session:
        session.post(f"{live_url}/__admin/faults", json={"drop_connection": {"count": 1, "path": "/menu"}}, timeout=5)
        with pytest.raises(requests.ConnectionError):
            session.get(f"{live_url}/menu", timeout=5)
        assert session.get(f"{live_url}/menu", timeout=5).status_code == 200
    requests.post(f"{live_url}/__admin/reset", timeout=5)


def test_slow_endpoint_trips_a_client_timeout(live_url):
    with pytest.raises(requests.ReadTimeout):
        requests.get(f"{live_url}/kitchen/specials?delay=0.5", timeout=0.1)
    assert requests.get(f"{live_url}/kitchen/specials?delay=0.05", timeout=5).json()["waited"] == 0.05


@pytest.mark.parametrize(
    "host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("10.0.0.5", False)]
)
def test_loopback_detection(host, loopback):
    assert is_loopback(host) is loopback


def test_warns_when_not_on_loopback(monkeypatch, capsys):
    class FakeServer:
        effective_port = 8123

        def run(self):
            raise KeyboardInterrupt

        def close(self):
            pass

    import waitress.server

    monkeypatch.setattr(waitress.server, "create_server", lambda app, **options: FakeServer())
    assert cli.main(["--host", "0.0.0.0", "--port", "8123"]) == 0
    out, err = capsys.readouterr()
    assert "Restaurant open at http://0.0.0.0:8123/" in out and "WARNING" in err
    cli.main(["--port", "8123"])
    assert "WARNING" not in capsys.readouterr().err
