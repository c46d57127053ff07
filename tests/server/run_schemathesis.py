"""Fuzz the restaurant with schemathesis against a live server (waitress, loopback).

    python tests/server/run_schemathesis.py [--max-examples 20] [extra schemathesis args]

Starts ``python -m mock_server --port 0 --no-rate-limit`` (the slow endpoint
capped at 0.05 s), runs ``schemathesis run URL/openapi.json --checks all``
with the hooks and config in ``tests/server/schemathesis/``, stops the server
and exits with schemathesis' exit code. Two operations are left out because
they would sabotage the run itself: POST /__admin/faults (can drop
connections and add latency) and POST /__admin/state (closes the restaurant);
the pytest suite covers both.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EXCLUDED = ("setFaults", "setState")


def start_server() -> tuple[subprocess.Popen, str]:
    env = dict(os.environ, MOCK_SERVER_SPECIALS_MAX_DELAY="0.05", PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [sys.executable, "-m", "mock_server", "--host", "127.0.0.1", "--port", "0", "--no-rate-limit"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert server.stdout is not None
    first = server.stdout.readline().strip()  # "Restaurant open at http://127.0.0.1:PORT/"
    if not first.startswith("Restaurant open at "):
        server.kill()
        raise SystemExit(f"the server did not start: {first!r}")
    url = first.rsplit(" ", 1)[-1].rstrip("/")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/health", timeout=1).ok:
                return server, url
        except requests.ConnectionError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("the server did not answer /health within 10 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20240101)
    args, extra = parser.parse_known_args(argv)
    command = [sys.executable, "-m", "schemathesis.cli"]
    server, url = start_server()
    try:
        command += [
            "--config-file",
            str(HERE / "schemathesis" / "schemathesis.toml"),
            "run",
            f"{url}/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            str(args.max_examples),
            "--seed",
            str(args.seed),
            "--workers",  # one: hypothesis reads lambdas with `ast`, which is not thread-safe on Python 3.11
            "1",
            "--request-timeout",
            "10",
            *[option for name in EXCLUDED for option in ("--exclude-operation-id", name)],
            *extra,
        ]
        env = dict(
            os.environ,
            RESTAURANT_URL=url,
            SCHEMATHESIS_HOOKS="restaurant_hooks",
            PYTHONPATH=os.pathsep.join(filter(None, [str(HERE / "schemathesis"), os.environ.get("PYTHONPATH")])),
        )
        print("$", " ".join(command), flush=True)
        return subprocess.run(command, env=env, cwd=ROOT).returncode
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
