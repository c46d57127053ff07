"""`python -m kata.cli.warm`: a child pytest that does its slow imports first, then waits for its arguments.

`kata watch` starts one while the learner reads the last result, so that on
the next save only the test run itself is left: pytest, requests, flask and
the kitchen are already imported. The arguments come as one JSON line on
stdin; then this is `python -m pytest ARGS`. Modules that pytest rewrites
(plugins, conftests, tests) and the learner's code are never imported early:
they must be read fresh, and pytest warns about plugins imported before it.
"""

from __future__ import annotations

import importlib
import json
import sys

PRELOAD = ("pytest", "requests", "flask", "waitress.server", "mock_server")


def main() -> int:
    try:
        for name in PRELOAD:
            try:
                importlib.import_module(name)
            except Exception:  # the real run will say what is wrong
                pass
        line = sys.stdin.readline()
    except KeyboardInterrupt:  # Ctrl+C in `kata watch` reaches this waiting child too: leave quietly
        return 130
    if not line.strip():
        return 0  # discarded before its run
    import pytest

    return int(pytest.main(json.loads(line)))


if __name__ == "__main__":
    sys.exit(main())
