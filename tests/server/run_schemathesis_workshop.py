"""Fuzz a workshop server with schemathesis, as a team: every operation with the team's token.

    python tests/server/run_schemathesis_workshop.py [--max-examples 20] [extra schemathesis args]

Starts ``python -m mock_server --workshop --port 0`` (loopback, in a temporary folder that holds
its room's database; the slow endpoint capped at 0.05 s), joins one team with the join code, runs
``schemathesis run URL/openapi.json --checks all`` (its stateful phase included) with the team's
token in ``X-Kata-Team-Token`` on every request and the restaurant's hooks (a guest's bearer
token, fetched in the team's kitchen), then stops the server and exits with schemathesis' code.

The config is ``schemathesis/schemathesis.toml`` plus ``WORKSHOP_CONFIG``: a report naming an
exercise this kata does not have is a 422 by design (the exercises are the catalogue's, not the
spec's), as is a team name the spec's pattern allows but NFKC or the join rules refuse.

Left out, as in ``run_schemathesis.py``: POST /__admin/faults and POST /__admin/state, which would
sabotage the run itself (the pytest suite covers them).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EXCLUDED = ("setFaults", "setState")
CODE = "FUZZ-ROOM"
SECRET = "schemathesis-facilitator"
WORKSHOP_CONFIG = """
[[operations]]
# Workshop bodies that are schema-valid yet refused by design: exercise names not in this kata's catalogue
# (reportResults), team names refused after normalization or taken (joinWorkshop).
include-operation-id = ["reportResults", "joinWorkshop"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]
"""


def start_server(folder: Path) -> tuple[subprocess.Popen, str]:
    env = dict(
        os.environ,
        MOCK_SERVER_SPECIALS_MAX_DELAY="0.05",
        PYTHONPATH=str(ROOT),
        KATA_JOIN_CODE=CODE,
        KATA_FACILITATOR_SECRET=SECRET,
    )
    command = [sys.executable, "-m", "mock_server", "--workshop", "--host", "127.0.0.1", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=folder)
    assert server.stdout is not None
    first = server.stdout.readline().strip()  # "Restaurant open at http://127.0.0.1:PORT/"
    if not first.startswith("Restaurant open at "):
        server.kill()
        raise SystemExit(f"the workshop server did not start: {first!r}")
    url = first.rsplit(" ", 1)[-1].rstrip("/")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/openapi.json", timeout=1).ok:
                return server, url
        except requests.ConnectionError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("the workshop server did not answer within 10 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20240101)
    args, extra = parser.parse_known_args(argv)
    with tempfile.TemporaryDirectory(prefix="schemathesis-workshop-") as folder:
        server, url = start_server(Path(folder))
        try:
            joined = requests.post(f"{url}/__workshop/teams", json={"name": "Fuzzers", "code": CODE}, timeout=5)
            joined.raise_for_status()
            token = joined.json()["token"]
            config = Path(folder) / "schemathesis.toml"
            base = (HERE / "schemathesis" / "schemathesis.toml").read_text(encoding="utf-8")
            config.write_text(base + WORKSHOP_CONFIG, encoding="utf-8")
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
                "--header",
                f"X-Kata-Team-Token: {token}",
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
                RESTAURANT_URL=f"{url}/t/{token}",  # the hooks fetch a guest's token in the team's kitchen
                SCHEMATHESIS_HOOKS="restaurant_hooks",
                PYTHONPATH=os.pathsep.join(filter(None, [str(HERE / "schemathesis"), os.environ.get("PYTHONPATH")])),
            )
            print("$", " ".join(command).replace(token, "<team token>"), flush=True)
            return subprocess.run(command, env=env, cwd=ROOT).returncode
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    sys.exit(main())
