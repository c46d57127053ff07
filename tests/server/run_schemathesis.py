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


def start_server(options: tuple[str, ...] = (), cwd: Path = ROOT, ready: str = "/health", **env: str):
    """``python -m mock_server --port 0 OPTIONS`` on loopback in ``cwd``: (the process, its URL) once it answers."""
    env = dict(os.environ, MOCK_SERVER_SPECIALS_MAX_DELAY="0.05", PYTHONPATH=str(ROOT), **env)
    command = [sys.executable, "-m", "mock_server", "--host", "127.0.0.1", "--port", "0", *options]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=cwd)
    assert server.stdout is not None
    first = server.stdout.readline().strip()  # "Restaurant open at http://127.0.0.1:PORT/"
    if not first.startswith("Restaurant open at "):
        server.kill()
        raise SystemExit(f"the server did not start: {first!r}")
    url = first.rsplit(" ", 1)[-1].rstrip("/")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}{ready}", timeout=1).ok:
                return server, url
        except requests.ConnectionError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit(f"the server did not answer {ready} within 10 s")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def parse(argv: list[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20240101)
    return parser.parse_known_args(argv)


def fuzz(url: str, config: Path, args: argparse.Namespace, extra: list[str], hooks_url: str, secret: str = "") -> int:
    """``schemathesis run URL/openapi.json --checks all`` with the restaurant's hooks (they talk to ``hooks_url``)."""
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
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
        RESTAURANT_URL=hooks_url,
        SCHEMATHESIS_HOOKS="restaurant_hooks",
        PYTHONPATH=os.pathsep.join(filter(None, [str(HERE / "schemathesis"), os.environ.get("PYTHONPATH")])),
    )
    shown = " ".join(command)
    print("$", shown.replace(secret, "<team token>") if secret else shown, flush=True)
    return subprocess.run(command, env=env, cwd=ROOT).returncode


def main(argv: list[str] | None = None) -> int:
    args, extra = parse(argv)
    server, url = start_server(("--no-rate-limit",))
    try:
        return fuzz(url, HERE / "schemathesis" / "schemathesis.toml", args, extra, hooks_url=url)
    finally:
        stop(server)


if __name__ == "__main__":
    sys.exit(main())
