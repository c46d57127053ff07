"""A small pytest plugin the CLI loads into its child pytest runs (`-p kata.cli.pytest_hooks`).

`--kata-results PATH` writes each exercise's tally (passed, failed, not
started, and its state) as JSON when the session ends: this is how `kata`
knows the progress without a state file. `--kata-one` tells the focused
output that the run covers one exercise, so it prints no kata-wide progress.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata-cli", "kata command (internal)")
    group.addoption(
        "--kata-results", dest="kata_results", default=None, help="write per-exercise results to this JSON file"
    )
    group.addoption("--kata-one", dest="kata_one", action="store_true", help="the run covers a single exercise")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("kata_results"):
        config.pluginmanager.register(ResultsWriter(config), "kata-cli-results")


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    reporter = session.config.pluginmanager.get_plugin("kata-focus")
    if session.config.getoption("kata_one") and reporter is not None:
        reporter.whole_kata = False


class ResultsWriter:
    """Writes the tally the kata plugin's focus reporter keeps (one count, shared with the focused output)."""

    def __init__(self, config: pytest.Config) -> None:
        self.path = Path(config.getoption("kata_results"))
        self.config = config

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        reporter = self.config.pluginmanager.get_plugin("kata-focus")
        tally = reporter.results if reporter is not None else {}
        exercises = reporter.catalogue.exercises if reporter is not None else ()
        data: dict[str, Any] = {
            "exitstatus": int(exitstatus),
            "exercises": {
                exercises[number - 1].name: {
                    "passed": r.passed,
                    "failed": r.failed,
                    "not_started": r.not_started,
                    "state": r.state,
                }
                for number, r in sorted(tally.items())
            },
        }
        self.path.write_text(json.dumps(data, indent=1), encoding="utf-8")
