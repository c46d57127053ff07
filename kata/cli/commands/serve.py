"""`kata serve [--host H] [--port P] [--workshop]`: the restaurant, served by mock_server's own entry point.

This is `python -m mock_server --host H --port P`: it prints the address of
the docs page and serves until Ctrl+C. The tests never need it: they start
their own kitchen on a free port.
"""

from __future__ import annotations

import argparse
import sys

from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.output import Output


def run(args: argparse.Namespace) -> int:
    out = Output()
    root = str(load_catalogue().root)
    if root not in sys.path:
        sys.path.insert(0, root)
    try:
        from mock_server.__main__ import main as serve
    except ImportError as error:
        out.line(out.bad(f"The restaurant cannot start: {error}."))
        out.line(f"  fix: install the kata in your virtual environment: {out.code('python -m pip install -e .')}")
        return 1
    if getattr(args, "workshop", False):  # one kitchen for the room: docs/facilitator.md
        workshop = ["--workshop", "--stuck-minutes", str(args.stuck_minutes)]
        for proxy in getattr(args, "trusted_proxy", None) or []:
            workshop += ["--trusted-proxy", proxy]
        return int(serve(["--host", args.host, "--port", str(args.port), *workshop]) or 0)
    out.line(out.dim("Your tests do not need this kitchen (they start their own); it is here for a browser or curl."))
    return int(serve(["--host", args.host, "--port", str(args.port)]) or 0)
