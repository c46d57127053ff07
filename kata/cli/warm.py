"""`python -m kata.cli.warm`: a child pytest that does its slow imports first, then waits for its arguments.

`kata watch` starts one while the learner reads the last result, so that on
the next save only the test run itself is left: pytest and requests are
already imported, and flask and the kitchen too unless the watch hands its
runs a kitchen (KATA_KITCHEN, see `kata.kitchen.live.kitchen_for_runs`). The
arguments come as one JSON line on stdin; then this is `python -m pytest ARGS`. Modules that pytest rewrites
(plugins, conftests, tests) and the learner's code are never imported early:
they must be read fresh, and pytest warns about plugins imported before it.
"""

from __future__ import annotations

import importlib
import json
import os
import sys

from kata.kitchen.live import KITCHEN_ENV

PRELOAD = (
    "pytest", "requests",
    # pytest's own plugins that are not imported with it, and the kata plugin's modules: none is rewritten by
    # pytest (the plugin module itself, kata.testrun.plugin, is, and the `-p` plugins: never imported here)
    "_pytest.faulthandler", "_pytest.helpconfig", "_pytest.setuponly", "_pytest.setupplan", "_pytest.skipping",
    "_pytest.tracemalloc", "_pytest.warnings", "packaging.version", "ctypes",
    "kata.testrun.results", "kata.testrun.focus", "kata.notepad.record", "kata.expect", "kata.learner.modules",
    "kata.learner.classes", "kata.workshop.team_run", "kata.cli.handover",
)  # fmt: skip
KITCHEN = ("flask", "waitress.server", "mock_server")  # unless the run is handed a kitchen (KATA_KITCHEN)


def main() -> int:
    preload = PRELOAD if os.environ.get(KITCHEN_ENV) else PRELOAD + KITCHEN
    try:
        for name in preload:
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

    from kata.cli import quick_exit

    code = int(pytest.main(json.loads(line)))
    quick_exit()
    return code


if __name__ == "__main__":
    sys.exit(main())
