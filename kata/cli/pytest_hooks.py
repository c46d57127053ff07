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

from kata.catalogue import Exercise, find_root, load
from kata.focus import NOT_STARTED, ExerciseResult


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
    def __init__(self, config: pytest.Config) -> None:
        self.path = Path(config.getoption("kata_results"))
        catalogue = load(find_root(config.rootpath))
        self.by_test_file = {e.test_file().resolve(): e for e in catalogue.exercises}
        self.by_nodeid: dict[str, Exercise] = {}
        self.results: dict[str, ExerciseResult] = {}

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            exercise = self.by_test_file.get(Path(item.path).resolve())
            if exercise is not None:
                self.by_nodeid[item.nodeid] = exercise
                self.results.setdefault(exercise.name, ExerciseResult())

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        exercise = self.by_nodeid.get(report.nodeid)
        if exercise is None:
            return
        result = self.results[exercise.name]
        if report.failed:
            if NOT_STARTED in str(report.longrepr):
                result.not_started += 1
            else:
                result.failed += 1
        elif report.when == "call" and report.passed:
            result.passed += 1

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        data: dict[str, Any] = {
            "exitstatus": int(exitstatus),
            "exercises": {
                name: {"passed": r.passed, "failed": r.failed, "not_started": r.not_started, "state": r.state}
                for name, r in self.results.items()
            },
        }
        self.path.write_text(json.dumps(data, indent=1), encoding="utf-8")
