"""An exercise's state, in the words the kata, its memory and the workshop's board share: done, failing, not started.

Its own module, with nothing to import: `kata check` reads the memory's states before pytest is loaded.
"""

from __future__ import annotations

from typing import Literal

State = Literal["done", "failing", "not-started"]
DONE: State = "done"
STATES: tuple[State, ...] = ("done", "failing", "not-started")


def state_of(failed: int, not_started: int) -> State:
    """The state of an exercise whose last run had `failed` failing and `not_started` not-started tests."""
    if failed:
        return "failing"
    if not_started:
        return "not-started"
    return DONE
