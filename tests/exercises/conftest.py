"""Fixtures every exercise test may take (besides the plugin's `exercise`, `kitchen` and `requests_mock`).

Replies that look like the real kitchen's come from `kata.kitchen.fake_replies` (`problem_reply`, `html_reply`,
`empty_reply`); a learner's own classes come out of `exercise` with time-limited methods already.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

import pytest

from kata.expect import WireLog, watching_the_wire
from kata.learner.time_limit import time_limited

BASE_URL = "http://kitchen.test"


@pytest.fixture
def base_url() -> str:
    """The fake kitchen's address for requests-mock tests (nothing serves it: an unregistered path fails)."""
    return BASE_URL


@pytest.fixture
def limited(pytestconfig: pytest.Config) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`limited(f)`: `f` run with the kata's time limit, for a callable that is not learner code (a test client)."""
    seconds = float(pytestconfig.getini("kata_time_limit"))
    return lambda func: time_limited(func, seconds)


@pytest.fixture(autouse=True)
def wire() -> Iterator[WireLog]:
    """Every request the test's code sends through `requests`, with its answer: messages say what was sent."""
    with watching_the_wire() as log:
        yield log
