"""Slow clients cannot lock a room out: waitress as ``mock_server.serving.waitress_server`` tunes it.

Real sockets, on loopback.

The server's loop runs here, in a thread this test stops; time for the read deadline is a manual
clock, so nothing waits for it for real.
"""

from __future__ import annotations

import socket
import sys
import threading

import pytest

from mock_server import create_app
from mock_server.serving import waitress_server
from mock_server.serving.waitress_server import Channel, create_server


class Served:
    """A tuned waitress server for the plain kitchen, its loop in a thread until ``stop()``."""

    def __init__(self, **options) -> None:
        app = create_app({"CLOCK": "manual", "RATE_LIMIT": None})
        self.server = create_server(app, host="127.0.0.1", port=0, threads=2, **options)
        self.port = self.server.effective_port
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.server.asyncore.loop(timeout=0.05, map=self.server._map, use_poll=True, count=1)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.server.task_dispatcher.shutdown()
        for dispatcher in list(self.server._map.values()):  # the server, its trigger and every open channel
            dispatcher.close()


@pytest.fixture
def served():
    made: list[Served] = []
    yield lambda **options: made.append(Served(**options)) or made[-1]
    for one in made:
        one.stop()


def slow(port: int, source: str = "127.0.0.1") -> socket.socket:
    """A client that has sent the start of a request and nothing more (a slow client, frozen in time)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
    sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n")
    return sock


def get(port: int, source: str = "127.0.0.1") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0)) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:  # a refused connection may be reset once its answer is sent
            pass
    return b"".join(chunks)


def test_a_half_sent_request_is_cut_off_after_the_read_deadline(served, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(Channel, "clock", staticmethod(lambda: now[0]))
    room = served()
    client = slow(room.port)
    try:
        assert get(room.port).startswith(b"HTTP/1.1 200")  # the loop turns: the slow client's bytes are read
        room.server.maintenance(0)
        client.settimeout(0.2)
        with pytest.raises(socket.timeout):
            client.recv(1)  # within the deadline: still open
        now[0] += waitress_server.READ_SECONDS + 1
        room.server.maintenance(0)
        client.settimeout(5)
        assert client.recv(1) == b""  # closed by the server
    finally:
        client.close()


def test_more_slow_clients_than_waitress_default_limit_do_not_lock_out_the_plain_server(served):
    room = served()
    clients = [slow(room.port) for _ in range(110)]  # 110 held waitress' default limit of 100 for 30 s
    try:
        assert get(room.port).startswith(b"HTTP/1.1 200")
    finally:
        for client in clients:
            client.close()


def _second_loopback_works() -> bool:
    try:
        with socket.socket() as probe:
            probe.bind(("127.0.0.2", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _second_loopback_works() or sys.platform == "win32", reason="needs 127.0.0.2 (Linux)")
def test_one_address_holds_a_few_connections_and_the_room_is_still_served(served):
    room = served(per_address=5)
    clients = [slow(room.port, "127.0.0.2") for _ in range(5)]
    try:
        answer = get(room.port, "127.0.0.2")  # a sixth from the same address
        assert answer.startswith(b"HTTP/1.1 503") and b"Retry-After: 5" in answer
        assert b"application/problem+json" in answer and b'"hint"' in answer
        assert get(room.port, "127.0.0.1").startswith(b"HTTP/1.1 200")  # another laptop
    finally:
        for client in clients:
            client.close()
