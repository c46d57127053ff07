"""A small pytest plugin the CLI loads into its child pytest runs (`-p kata.cli.pytest_hooks`).

`--kata-results PATH` writes the run's results (kata.testrun.results, one record per
exercise: its tally and its state) as JSON when the session ends: this is how
`kata` learns the state of the exercises it ran (kata.cli.known remembers them).
`--kata-only NAMES` runs only these exercises' tests; `--kata-remembered PATH`
hands the run the remembered results of the others (`Remembered`), for the
workshop's report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kata.catalogue import Catalogue, find_root, load
from kata.cli.handover import Remembered
from kata.testrun.results import Results

CATALOGUE_KEY = pytest.StashKey[Catalogue]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata-cli", "kata command (internal)")
    group.addoption(
        "--kata-results", dest="kata_results", default=None, help="write per-exercise results to this JSON file"
    )
    group.addoption(
        "--kata-only",
        dest="kata_only",
        default=None,
        help="comma-separated exercise names: the other exercises' test files are not collected",
    )
    group.addoption(
        "--kata-remembered",
        dest="kata_remembered",
        default=None,
        help="a JSON file of remembered results, for the exercises this run leaves out",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("kata_results"):
        config.pluginmanager.register(ResultsFile(Path(config.getoption("kata_results"))), "kata-cli-results")
    if config.getoption("kata_remembered"):
        try:
            text = Path(config.getoption("kata_remembered")).read_text(encoding="utf-8")
            remembered = Results.from_json(json.loads(text))
        except (OSError, ValueError, TypeError):
            remembered = Results()
        config.pluginmanager.register(Remembered(remembered), "kata-cli-remembered")


class ResultsFile:
    """Writes the results the kata plugin hands over (`pytest_kata_results`) to a JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def pytest_kata_results(self, config: pytest.Config, results: Results) -> None:
        self.path.write_text(json.dumps(results.to_json(), indent=1), encoding="utf-8")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With `--kata-only`, the test files of the other exercises are left out (their folders are still walked,
    so a broken conftest stops the run as it stops a run of every test)."""
    only = config.getoption("kata_only")
    name = collection_path.name
    if only is None or not (name.startswith("test_") and name.endswith(".py")):
        return None
    if CATALOGUE_KEY not in config.stash:
        config.stash[CATALOGUE_KEY] = load(find_root(config.rootpath))
    exercise = config.stash[CATALOGUE_KEY].for_test_file(collection_path)  # any of its test files
    return True if exercise is None or exercise.name not in only.split(",") else None
