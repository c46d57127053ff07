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

import sys
import tempfile
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: its sibling is importable
from run_schemathesis import HERE, fuzz, parse, start_server, stop

CODE = "FUZZ-ROOM"
SECRET = "schemathesis-facilitator"
WORKSHOP_CONFIG = """
[[operations]]
# Workshop bodies that are schema-valid yet refused by design: exercise names not in this kata's catalogue
# (reportResults), team names refused after normalization or taken (joinWorkshop).
include-operation-id = ["reportResults", "joinWorkshop"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]
"""


def main(argv: list[str] | None = None) -> int:
    args, extra = parse(argv)
    with tempfile.TemporaryDirectory(prefix="schemathesis-workshop-") as folder:
        secrets = {"KATA_JOIN_CODE": CODE, "KATA_FACILITATOR_SECRET": SECRET}
        server, url = start_server(("--workshop",), cwd=Path(folder), ready="/openapi.json", **secrets)
        try:
            joined = requests.post(f"{url}/__workshop/teams", json={"name": "Fuzzers", "code": CODE}, timeout=5)
            joined.raise_for_status()
            token = joined.json()["token"]
            config = Path(folder) / "schemathesis.toml"
            base = (HERE / "schemathesis" / "schemathesis.toml").read_text(encoding="utf-8")
            config.write_text(base + WORKSHOP_CONFIG, encoding="utf-8")
            extra = ["--header", f"X-Kata-Team-Token: {token}", *extra]
            # the hooks fetch a guest's token in the team's kitchen
            return fuzz(url, config, args, extra, hooks_url=f"{url}/t/{token}", secret=token)
        finally:
            stop(server)


if __name__ == "__main__":
    sys.exit(main())
