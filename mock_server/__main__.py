"""``python -m mock_server``: serve the restaurant with waitress (threaded WSGI).

    python -m mock_server [--host 127.0.0.1] [--port 8000] [--clock real|manual]
    python -m mock_server --workshop --host 0.0.0.0 [--stuck-minutes 10] [--workshop-db FILE]   (a room: workshop)
    python -m mock_server --workshop --trusted-proxy 127.0.0.1   (a room behind nginx or Caddy: docs/online-room.md)

``--port 0`` picks a free port; the first line printed is always
``Restaurant open at http://HOST:PORT/`` so scripts can read the address.
"""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from typing import Sequence

from mock_server.serving.needs import missing_dependencies

WILDCARDS = ("0.0.0.0", "::", "")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mock_server", description="Serve the kata's restaurant API.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    parser.add_argument(
        "--port", type=int, default=8000, help="port to bind, 0 for any free one (default: %(default)s)"
    )
    parser.add_argument(
        "--clock",
        choices=("real", "manual"),
        default=None,
        help="kitchen clock (default: real; manual with --workshop)",
    )
    parser.add_argument("--threads", type=int, default=None, help="waitress worker threads (default: 8; 32 --workshop)")
    parser.add_argument("--no-rate-limit", action="store_true", help="turn the rate limit off (benchmarks, fuzzing)")
    parser.add_argument(
        "--workshop", action="store_true", help="one kitchen per team and a board for the facilitator (see docs)"
    )
    parser.add_argument(
        "--stuck-minutes", type=float, default=10.0, help="workshop: minutes on one exercise before a team shows stuck"
    )
    parser.add_argument(
        "--workshop-db",
        default=None,
        metavar="FILE",
        help="workshop: the SQLite file that keeps the room (default: workshop.sqlite3 in this folder)",
    )
    parser.add_argument(
        "--max-teams",
        type=int,
        default=200,
        metavar="N",
        help="workshop: the most teams the room admits (default: %(default)s; a course of learners at home: more)",
    )
    parser.add_argument(
        "--idle-days",
        type=float,
        default=3.0,
        metavar="DAYS",
        help="workshop: days without a test run before the board shows a team idle (never removed; default: 3)",
    )
    parser.add_argument(
        "--workshop-restore",
        action="store_true",
        help="workshop: start from the newest good backup of the room's file (the file there is moved aside)",
    )
    parser.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a reverse proxy's address or network (repeatable): its X-Forwarded-For gives the client's address",
    )
    parser.add_argument(
        "--forwarded-header",
        choices=("x-forwarded-for", "forwarded"),
        default="x-forwarded-for",
        help="the header the trusted proxy sets (default: %(default)s, as nginx and Caddy do)",
    )
    return parser


def allowed_hosts(host: str, workshop: bool) -> list[str]:
    """Host names to answer to besides loopback: the bound address, or this machine's on a wildcard."""
    from mock_server.workshop.settings import is_loopback, lan_addresses

    if host in WILDCARDS:
        names = [*lan_addresses(), socket.gethostname(), socket.getfqdn()]
        return names if lan_addresses() or not workshop else ["*"]  # no address known: the room's must work
    return [] if is_loopback(host) else [host]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    problem = missing_dependencies()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from mock_server import create_app
    from mock_server.workshop.settings import is_loopback

    config: dict = {"CLOCK": args.clock or ("manual" if args.workshop else "real")}
    if args.no_rate_limit:
        config["RATE_LIMIT"] = None
    config["ALLOWED_HOSTS"] = allowed_hosts(args.host, args.workshop)
    options: dict = {"threads": args.threads or 8}
    from mock_server.serving.forwarded import proxy_options

    try:
        config["TRUSTED_PROXIES"], config["FORWARDED_HEADER"], behind = proxy_options(
            args.trusted_proxy, args.forwarded_header
        )
    except ValueError as error:
        print(f"--trusted-proxy: {error}", file=sys.stderr)
        return 2
    if args.workshop:  # the tests of a whole room share it: their manual clock, more threads and connections
        from mock_server.workshop import settings as workshop

        if args.clock == "real":
            raise SystemExit(workshop.REAL_CLOCK_REFUSED)
        config["WORKSHOP"] = workshop.settings(
            args.stuck_minutes,
            database=args.workshop_db,
            restore=args.workshop_restore,
            max_teams=args.max_teams,
            idle_days=args.idle_days,
        )
        config["RATE_LIMIT"] = None  # on a manual clock a budget never refills; the tests arm theirs as faults
        options = {"threads": args.threads or workshop.THREADS, **workshop.CONNECTIONS}
    options.update(behind)  # the proxy's address is not capped per address; waitress leaves its headers to us
    from mock_server.workshop.roomfile import CannotStart

    try:
        app = create_app(config)
    except CannotStart as error:  # no catalogue, or the room's file cannot be served: one line, with the way out
        print(error, file=sys.stderr, flush=True)
        return 2
    room = app.extensions.get("mock_server.workshop")

    from mock_server.serving.waitress_server import SWITCH_INTERVAL, PortTaken, create_server

    sys.setswitchinterval(SWITCH_INTERVAL)  # this process serves: its I/O thread must get the interpreter often

    # waitress warns "Task queue depth is N" whenever every worker is busy: normal when a learner's
    # concurrency exercise sends 32 requests at once, and a flood of log lines that slows the kitchen.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)

    if room is not None:
        from mock_server.workshop import at_the_door

        options["at_the_door"] = at_the_door(app)
    try:
        server = create_server(app, host=args.host, port=args.port, ident="restaurant", **options)
    except PortTaken as taken:  # one line, no traceback: which port, and what to do
        print(taken.advice(), file=sys.stderr, flush=True)
        return 2
    port = server.effective_port  # one listening socket: a TcpWSGIServer
    shown = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{shown}:{port}/"
    print(f"Restaurant open at {url}", flush=True)
    print(f"Docs: {url}  OpenAPI: {url}openapi.json  Stop with Ctrl+C.", flush=True)
    if room is not None:
        room.db.announce(url)  # a second server on the same file names this one
        if room.db.restored:
            print(room.db.restored, flush=True)
        workshop.announce(args.host, port, config["WORKSHOP"], sys.stdout, proxies=config["TRUSTED_PROXIES"])
    elif not is_loopback(args.host):
        print(
            f"WARNING: listening on {args.host}, not loopback: other machines on the network can reach this "
            "kitchen and its /__admin/ API. Use --host 127.0.0.1 unless you mean it.",
            file=sys.stderr,
            flush=True,
        )
    try:
        server.run()
    except KeyboardInterrupt:
        print("Restaurant closed.", flush=True)
    finally:
        server.close()
        if room is not None:
            room.db.close()  # a last backup
    return 0


if __name__ == "__main__":
    sys.exit(main())
