"""``python -m mock_server``: serve the restaurant with waitress (threaded WSGI).

    python -m mock_server [--host 127.0.0.1] [--port 8000] [--clock real|manual]

``--port 0`` picks a free port; the first line printed is always
``Restaurant open at http://HOST:PORT/`` so scripts can read the address.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from typing import Sequence

from . import create_app


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mock_server", description="Serve the kata's restaurant API.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    parser.add_argument(
        "--port", type=int, default=8000, help="port to bind, 0 for any free one (default: %(default)s)"
    )
    parser.add_argument("--clock", choices=("real", "manual"), default="real", help="kitchen clock (default: real)")
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads (default: %(default)s)")
    parser.add_argument("--no-rate-limit", action="store_true", help="turn the rate limit off (benchmarks, fuzzing)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    config: dict = {"CLOCK": args.clock}
    if args.no_rate_limit:
        config["RATE_LIMIT"] = None
    app = create_app(config)

    from waitress.server import create_server

    server = create_server(app, host=args.host, port=args.port, threads=args.threads, ident="restaurant")
    port = server.effective_port  # type: ignore[union-attr]  # one listening socket: a TcpWSGIServer
    shown = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{shown}:{port}/"
    print(f"Restaurant open at {url}", flush=True)
    print(f"Docs: {url}  OpenAPI: {url}openapi.json  Stop with Ctrl+C.", flush=True)
    if not _is_loopback(args.host):
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
