"""A small pytest plugin the CLI loads into its child pytest runs (`-p kata.cli.pytest_hooks`).

`--kata-results PATH` writes the run's results (kata.testrun.results, one record per
exercise: its tally and its state) as JSON when the session ends: this is how
`kata` knows the progress without a state file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kata.testrun.results import Results


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata-cli", "kata command (internal)")
    group.addoption(
        "--kata-results", dest="kata_results", default=None, help="write per-exercise results to this JSON file"
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("kata_results"):
        config.pluginmanager.register(ResultsFile(Path(config.getoption("kata_results"))), "kata-cli-results")


class ResultsFile:
    """Writes the results the kata plugin hands over (`pytest_kata_results`) to a JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def pytest_kata_results(self, config: pytest.Config, results: Results) -> None:
        self.path.write_text(json.dumps(results.to_json(), indent=1), encoding="utf-8")
