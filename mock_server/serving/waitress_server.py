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
  answered 503 and closed at once (a workshop, where every team has its own laptop).
"""

from __future__ import annotations

import json
import socket
import time
from typing import Any, Callable

import waitress.server
from waitress.channel import HTTPChannel

READ_SECONDS = 10.0  # from a request's first byte to its last
IDLE_SECONDS = 30  # waitress' channel_timeout: a keep-alive connection with nothing to do
CLEANUP_SECONDS = 2  # how often both are checked
CONNECTION_LIMIT = 1000  # the plain server (one learner's laptop)
WORKSHOP_CONNECTION_LIMIT = 2000  # a room: 200 teams' test runs and their polls
WORKSHOP_PER_ADDRESS = 64  # a pair's laptop: a concurrency exercise opens 32 at once


class Channel(HTTPChannel):
    """waitress' channel, remembering when the request it is reading began."""

    request_started: float | None = None
    clock: Callable[[], float] = staticmethod(time.monotonic)

    def received(self, data: bytes) -> bool:
        now = self.clock()
        result = super().received(data)
        if self.request is None:
            self.request_started = None  # nothing half-read (the request is whole, or none began)
        elif self.request_started is None:
            self.request_started = now
        return bool(result)


def _busy_answer() -> bytes:
    body = json.dumps(
        {
            "type": "/problems/service-unavailable",
            "title": "Service unavailable",
            "status": 503,
            "detail": "Too many connections from your address are open at once.",
            "hint": "Close the connections you do not use (a Session keeps a few; that is fine), then try again.",
        }
    ).encode()
    head = (
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 5\r\n"
        f"Connection: close\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def create_server(
    app: Any,
    *,
    host: str,
    port: int,
    threads: int,
    connection_limit: int = CONNECTION_LIMIT,
    per_address: int | None = None,
    read_seconds: float = READ_SECONDS,
    **options: Any,
) -> Any:
    """A waitress server for ``app`` with the protections above (``server.run()`` serves)."""
    limit = _raise_open_files(connection_limit + threads + 64)
    server: Any = waitress.server.create_server(  # looked up now: a test may stand in for it
        app,
        host=host,
        port=port,
        threads=threads,
        connection_limit=max(100, min(connection_limit, limit - threads - 64)),
        channel_timeout=IDLE_SECONDS,
        cleanup_interval=CLEANUP_SECONDS,
        asyncore_use_poll=True,
        **options,
    )
    waitress_maintenance = getattr(server, "maintenance", None)
    if waitress_maintenance is None:  # not a waitress server (a test's stand-in): nothing to tune
        return server

    def maintenance(now: float) -> None:
        waitress_maintenance(now)
        cutoff = Channel.clock() - read_seconds
        for channel in list(server.active_channels.values()):
            started = getattr(channel, "request_started", None)
            if started is not None and started < cutoff:
                channel.will_close = True  # waitress closes it on its next turn of the loop

    def channel(server_: Any, conn: Any, addr: Any, adj: Any, map: Any = None) -> Any:
        if per_address is not None and addr:
            same = sum(1 for other in list(server.active_channels.values()) if other.addr[:1] == addr[:1])
            if same >= per_address:
                _refuse(conn)
                return None
        return Channel(server_, conn, addr, adj, map=map)

    server.maintenance = maintenance
    server.channel_class = channel
    return server


def _refuse(conn: Any) -> None:
    """Answer 503 and close, without waiting for anything (this runs in waitress' accept loop)."""
    try:
        conn.setblocking(False)
        conn.send(_busy_answer())
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
