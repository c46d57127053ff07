"""Front desks that each make one mistake a real client makes: the learner's tests in chapter 10 must catch them.

Each class (one module per method) overrides one method of `FrontDesk` with a copy that is wrong in one way.
`words` completes the sentence "your tests pass against a front desk that ..."; `hint` says which check would
catch it. `Hollow` is no mistake but a desk that does nothing at all: a test that passes against it checks nothing.
"""

from __future__ import annotations

from typing import Any

from kata.front_desk import FrontDesk


class Mistake(FrontDesk):
    """A front desk with one mistake in one method."""

    words = ""
    hint = ""


class Hollow(FrontDesk):
    """Sends nothing and returns None from every method."""

    def menu(self, *args: Any, **kwargs: Any) -> Any:
        return None

    def dish(self, *args: Any, **kwargs: Any) -> Any:
        return None

    def order(self, *args: Any, **kwargs: Any) -> Any:
        return None

    def pay(self, *args: Any, **kwargs: Any) -> Any:
        return None
