"""Plugin objects the CLI hands to a pytest run: the results it remembers, and a catch for the run's results.

Not in kata.cli.pytest_hooks: that module is loaded with `-p`, so pytest rewrites its asserts and must
import it first; the CLI imports these before any run.
"""

from __future__ import annotations

import pytest

from kata.testrun.results import Results


class Remembered:
    """Adds the remembered results of the exercises a run left out to its results, before anyone reads them.

    So the workshop's board (kata.workshop.team_run) still hears every exercise's state from a run of a few.
    """

    def __init__(self, results: Results) -> None:
        self.results = results

    @pytest.hookimpl(tryfirst=True)
    def pytest_kata_results(self, config: pytest.Config, results: Results) -> None:
        for name, result in self.results.exercises.items():
            results.exercises.setdefault(name, result)


class Caught:
    """Keeps a run's results, for the CLI that ran pytest in its own process."""

    def __init__(self) -> None:
        self.results = Results()

    def pytest_kata_results(self, config: pytest.Config, results: Results) -> None:
        self.results = results
