"""waitress, tuned so that a few slow clients cannot lock everyone else out (``create_server``).

waitress holds a connection for as long as its client keeps sending, however slowly: a client
that sends one header line a second holds it for ever, and once ``connection_limit`` connections
are held waitress accepts nobody else. So, on top of waitress' own settings:

- a request must arrive whole (headers and body) within ``READ_SECONDS`` of its first byte, or its
  connection is closed (checked every ``cleanup_interval`` seconds, in waitress' ``maintenance``);
- an idle connection is closed after ``channel_timeout`` seconds (waitress' default is 120);
- ``connection_limit`` is raised well above a room's needs (the open-files limit is raised to
  match when the system allows it), and ``poll()`` replaces ``select()``, which stops at 1024;
- with ``per_address``, one client address holds at most that many connections: the next one is
  answered 503 and closed at once (a workshop, where every team has its own laptop). A trusted reverse
  proxy's address (``unlimited``) is not capped: it carries every learner's connections, and caps them
  per learner itself (nginx's ``limit_conn``, docs/online-room.md).

Two decisions depend on the system (the server never imports the kata, whose ``kata.host`` makes the others):

- where there is no ``poll()`` (Windows), waitress falls back to ``select()``, which takes at most 512 sockets
  there: past that a ``ValueError`` would stop its loop, so connections are capped at ``SELECT_CONNECTIONS``;
- the listening socket is bound here, not by waitress: exclusively on Windows (``SO_EXCLUSIVEADDRUSE``; waitress'
  ``SO_REUSEADDR`` would let a second server bind a port in use there), and a taken port is ``PortTaken``.
"""

from __future__ import annotations

import errno
import json
import select
import socket
import sys
import time
from typing import Any, Callable

import waitress.server
from waitress.channel import HTTPChannel

from mock_server.serving.framing import FramingParser

READ_SECONDS = 10.0  # from a request's first byte to its last
# How long a thread keeps the interpreter before another may take it (Python's default: 5 ms). waitress reads
# and writes every connection in one thread, which gives the interpreter up at each system call and then waits
# up to this long to get it back while the workers compute: at 5 ms, one team's parallel heavy lists made every
# other team wait 180 ms per request; at 0.2 ms, 30 ms (bench/README.md, "Workshop: heavy teams").
SWITCH_INTERVAL = 0.0002
IDLE_SECONDS = 30  # waitress' channel_timeout: a keep-alive connection with nothing to do
CLEANUP_SECONDS = 2  # how often both are checked
CONNECTION_LIMIT = 1000  # the plain server (one learner's laptop)
WORKSHOP_CONNECTION_LIMIT = 2000  # a room: 200 teams' test runs and their polls
WORKSHOP_PER_ADDRESS = 64  # a pair's laptop: a concurrency exercise opens 32 at once
SELECT_CONNECTIONS = 480  # select() on Windows: 512 sockets, less the listener, waitress' trigger and a margin
TAKEN = {errno.EADDRINUSE, 10048, 10013}  # 10048 WSAEADDRINUSE; 10013 WSAEACCES (an exclusive bind elsewhere)


class PortTaken(OSError):
    """Another program listens on that port already."""

    def __init__(self, host: str, port: int, free: int | None) -> None:
        super().__init__(errno.EADDRINUSE, f"port {port} on {host} is taken")
        self.host, self.port, self.free = host, port, free

    def advice(self) -> str:
        """One line: which port, and what to do."""
        other = f"--port {self.free}" if self.free else "--port with another number"
        return (
            f"Port {self.port} on {self.host} is taken (a kitchen already running? another program?): "
            f"stop that one, or choose another port: {other}."
        )


def windows() -> bool:
    return sys.platform == "win32"


def polls() -> bool:
    """waitress' loop uses poll() (no limit but the open-files one); else select() (512 sockets on Windows)."""
    return hasattr(select, "poll")


def socket_options() -> list[tuple[int, int, int]]:
    """The options set on the listening socket before it binds."""
    if windows():
        return [(socket.SOL_SOCKET, getattr(socket, "SO_EXCLUSIVEADDRUSE", -5), 1)]  # -5: ~SO_REUSEADDR
    return [(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)]  # POSIX: a restart binds over old TIME_WAIT sockets


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) as above; ``PortTaken`` (with a free port to suggest) if it is in use."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        for level, option, value in socket_options():
            sock.setsockopt(level, option, value)
        sock.bind(address)
    except OSError as error:
        sock.close()
        if error.errno in TAKEN or getattr(error, "winerror", None) in TAKEN:
            raise PortTaken(host, port, _free_port_after(host, port)) from None
        raise
    return sock


def _free_port_after(host: str, port: int) -> int | None:
    for candidate in range(port + 1, min(port + 20, 65536)):
        try:
            listening_socket(host, candidate).close()
        except OSError:
            continue
        return candidate
    return None


class Channel(HTTPChannel):
    """waitress' channel, remembering when the request it is reading began."""

    request_started: float | None = None
    clock: Callable[[], float] = staticmethod(time.monotonic)
    parser_class = FramingParser  # ambiguous framing: 400 and the connection closes (framing)

    def received(self, data: bytes) -> bool:
        now = self.clock()
        result = super().received(data)
        if self.request is None:
            self.request_started = None  # nothing half-read (the request is whole, or none began)
        elif self.request_started is None:
            self.request_started = now
        return bool(result)


def answer(status: int, reason: str, problem: dict[str, str], retry_after: int) -> bytes:
    """A whole HTTP answer with a problem (``type``, ``title``, ``detail``, ``hint``), written before the request
    is read; the connection then closes."""
    fields = {"type": problem["type"], "title": problem["title"], "status": status}
    body = json.dumps({**fields, "detail": problem["detail"], "hint": problem["hint"]}).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/problem+json\r\nRetry-After: {retry_after}\r\n"
        f"Connection: close\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


TOO_MANY_CONNECTIONS = answer(
    503,
    "Service Unavailable",
    {
        "type": "/problems/service-unavailable",
        "title": "Service unavailable",
        "detail": "Too many connections from your address are open at once.",
        "hint": "Close the connections you do not use (a Session keeps a few; that is fine), then try again.",
    },
    5,
)


def create_server(
    app: Any,
    *,
    host: str,
    port: int,
    threads: int,
    connection_limit: int = CONNECTION_LIMIT,
    per_address: int | None = None,
    unlimited: Callable[[str], bool] | None = None,
    read_seconds: float = READ_SECONDS,
    at_the_door: Callable[[str], bytes | None] | None = None,
    **options: Any,
) -> Any:
    """A waitress server for ``app`` with the protections above (``server.run()`` serves)."""
    limit = _raise_open_files(connection_limit + threads + 64)
    if not polls():
        connection_limit = min(connection_limit, SELECT_CONNECTIONS)
    sock = listening_socket(host, port)
    server: Any = waitress.server.create_server(  # looked up now: a test may stand in for it
        app,
        sockets=[sock],
        threads=threads,
        connection_limit=max(100, min(connection_limit, limit - threads - 64)),
        channel_timeout=IDLE_SECONDS,
        cleanup_interval=CLEANUP_SECONDS,
        asyncore_use_poll=True,
        **options,
    )
    waitress_maintenance = getattr(server, "maintenance", None)
    if waitress_maintenance is None:  # not a waitress server (a test's stand-in): nothing to tune
        sock.close()
        return server

    def maintenance(now: float) -> None:
        waitress_maintenance(now)
        cutoff = Channel.clock() - read_seconds
        for channel in list(server.active_channels.values()):
            started = getattr(channel, "request_started", None)
            if started is not None and started < cutoff:
                channel.will_close = True  # waitress closes it on its next turn of the loop

    def channel(server_: Any, conn: Any, addr: Any, adj: Any, map: Any = None) -> Any:
        capped = bool(addr) and not (unlimited is not None and unlimited(str(addr[0])))  # a trusted proxy is not
        if capped and at_the_door is not None:
            refusal = at_the_door(str(addr[0]))
            if refusal is not None:  # refused before a byte is read: a client that never waits costs little
                _refuse(conn, refusal)
                return None
        if capped and per_address is not None:
            same = sum(1 for other in list(server.active_channels.values()) if other.addr[:1] == addr[:1])
            if same >= per_address:
                _refuse(conn)
                return None
        return Channel(server_, conn, addr, adj, map=map)

    server.maintenance = maintenance
    server.channel_class = channel
    return server


def _refuse(conn: Any, refusal: bytes = TOO_MANY_CONNECTIONS) -> None:
    """Answer and close, without waiting for anything (this runs in waitress' accept loop)."""
    try:
        conn.setblocking(False)
        conn.send(refusal)
        conn.shutdown(socket.SHUT_WR)
        conn.recv(65536)  # what the client sent already: unread, closing would reset the connection
    except OSError:
        pass
    conn.close()


def _raise_open_files(wanted: int) -> int:
    """Raise the soft limit of open files towards ``wanted`` (POSIX); the limit now."""
    try:
        import resource
    except ImportError:  # Windows: no such limit for sockets
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return wanted if soft == resource.RLIM_INFINITY else int(soft)
