"""The server's two platform decisions (mock_server.serving.waitress_server): the bind and the select() cap.

Issue 26.3 / 29.5: a taken port says which and what to do, in one line; on Windows the bind is exclusive.
Issue 29.6: without poll() (Windows) waitress uses select(), 512 sockets there: connections are capped.
"""

from __future__ import annotations

import select
import socket
import threading

import pytest

from mock_server import __main__ as server_main
from mock_server import create_app
from mock_server.serving import waitress_server


@pytest.fixture
def taken_port():
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    yield holder.getsockname()[1]
    holder.close()


def test_a_taken_port_is_one_line_with_what_to_do(taken_port, capsys):
    assert server_main.main(["--port", str(taken_port), "--no-rate-limit"]) == 2
    out, err = capsys.readouterr()
    assert "Restaurant open" not in out and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert f"Port {taken_port} on 127.0.0.1 is taken" in err and "--port" in err


def test_kata_serve_on_a_taken_port(kata, cli, taken_port):
    code, out, err = cli("serve", "--port", str(taken_port))
    assert code == 2 and "Traceback" not in out + err
    assert f"Port {taken_port} on 127.0.0.1 is taken" in err and "--port" in err


def test_the_advice_names_a_free_port_when_there_is_one():
    taken = waitress_server.PortTaken("127.0.0.1", 8000, 8001)
    assert taken.advice().endswith("choose another port: --port 8001.")
    assert "--port with another number" in waitress_server.PortTaken("127.0.0.1", 8000, None).advice()


def test_on_windows_the_bind_is_exclusive(monkeypatch):
    """waitress sets SO_REUSEADDR, which on Windows lets a second server bind a port in use."""
    monkeypatch.setattr(waitress_server, "windows", lambda: True)
    options = [option for _, option, _ in waitress_server.socket_options()]
    assert getattr(socket, "SO_EXCLUSIVEADDRUSE", -5) in options and socket.SO_REUSEADDR not in options


def test_elsewhere_a_restart_binds_over_old_connections(monkeypatch):
    monkeypatch.setattr(waitress_server, "windows", lambda: False)
    assert (socket.SOL_SOCKET, socket.SO_REUSEADDR, 1) in waitress_server.socket_options()


@pytest.fixture
def no_poll(monkeypatch):
    """select() forced, as on Windows: waitress' loop uses poll() only where select has it."""
    monkeypatch.delattr(select, "poll")


def test_without_poll_connections_are_capped_for_select(no_poll):
    app = create_app({"CLOCK": "manual", "RATE_LIMIT": None})
    server = waitress_server.create_server(
        app, host="127.0.0.1", port=0, threads=2, connection_limit=waitress_server.WORKSHOP_CONNECTION_LIMIT
    )
    try:
        assert server.adj.connection_limit <= waitress_server.SELECT_CONNECTIONS < 512
    finally:
        server.task_dispatcher.shutdown()
        for dispatcher in list(server._map.values()):
            dispatcher.close()


def test_with_select_forced_the_server_keeps_to_its_cap_and_keeps_serving(no_poll, monkeypatch):
    """The cap, lowered to 100 so the test stays small: 150 clients, the loop on select(), never an error."""
    monkeypatch.setattr(waitress_server, "SELECT_CONNECTIONS", 100)
    app = create_app({"CLOCK": "manual", "RATE_LIMIT": None})
    server = waitress_server.create_server(app, host="127.0.0.1", port=0, threads=2)
    port = server.effective_port
    stop, errors, most = threading.Event(), [], [0]

    def loop() -> None:
        try:
            while not stop.is_set():
                server.asyncore.loop(timeout=0.02, map=server._map, use_poll=True, count=1)
                most[0] = max(most[0], len(server._map))
        except Exception as error:  # what would kill the room's server
            errors.append(error)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    clients = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(150)]
    try:
        for client in clients[:5]:
            client.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            assert client.recv(64).startswith(b"HTTP/1.1 "), "a capped server still answers"
    finally:
        for client in clients:
            client.close()
        stop.set()
        thread.join(5)
        server.task_dispatcher.shutdown()
        for dispatcher in list(server._map.values()):  # the server, its trigger and every open channel
            dispatcher.close()
    assert not errors
    assert most[0] <= 100 + 2  # the channels, the listener and waitress' trigger
