"""Loads the kata's pytest plugin (kata/testrun/plugin.py) for every test run in this folder.

A bare `pytest` is the learner's run: `testpaths` (pyproject.toml) names tests/exercises only. With
`--target solutions` (or KATA_TARGET=solutions) and no paths, it is the project's run: every suite under tests/.
"""

from __future__ import annotations

import os

import pytest

pytest_plugins = ["kata.testrun.plugin"]


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    target = config.getoption("kata_target") or os.environ.get("KATA_TARGET")
    if target == "solutions" and config.args_source is pytest.Config.ArgsSource.TESTPATHS:
        config.args[:] = [str(config.rootpath / "tests")]
