"""What the runs of the learner's tests (chapter 10) recorded: one `Case` per test and desk, and the desk's calls."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from kata.desks.failures import Problem, one_line
from kata.expect import describe_call, show

RIGHT = "right"  # the variant id of the front desk as it should be
AGAIN = "again"  # the right desk once more, in the same import: module-level state shows there
HOLLOW = "hollow"
DESK_METHODS = ("menu", "dish", "order", "pay")


@dataclass
class Case:
    """One run of one learner test against one front desk."""

    function: str  # the test function's name
    params: str  # the learner's own parameters, "" if none
    variant: str | None  # None: the test does not take the `front_desk` fixture
    outcome: str = "not run"  # passed, failed, not run
    problem: Problem | None = None
    calls: list[str] = field(default_factory=list)  # "menu(category='pizza') returned [...]"
    sent: str = ""

    @property
    def name(self) -> str:
        return f"{self.function}[{self.params}]" if self.params else self.function


@dataclass
class Results:
    cases: list[Case] = field(default_factory=list)
    collect_errors: list[str] = field(default_factory=list)
    # The module-level values the first run against the right desk changed: "`seen` (file, line 12)".
    kept_state: list[str] = field(default_factory=list)

    def of(self, variant: str) -> list[Case]:
        """The runs against `variant` (the runs of tests without the fixture count as runs against the right desk)."""
        return [c for c in self.cases if c.variant == variant or (c.variant is None and variant == RIGHT)]


def _no_sleep(seconds: float) -> None:
    """The desk's pauses, when the test gives no `sleep=`: tests never sleep for real."""


class DeskMaker:
    """The `front_desk` fixture's value: makes desks of one class, whose calls are recorded in the test's Case."""

    def __init__(self, desk_class: type, case: Case | None) -> None:
        self.desk_class = desk_class
        self.case = case

    def __repr__(self) -> str:
        return "front_desk"

    def __call__(self, base_url: str, **options: Any) -> Any:
        options.setdefault("sleep", _no_sleep)
        desk = self.desk_class(base_url, **options)
        for name in DESK_METHODS:
            setattr(desk, name, Recorded(getattr(desk, name), name, self.case))
        return desk


class Recorded:
    """A desk's method that notes each call and what it returned or raised."""

    def __init__(self, method: Callable[..., Any], name: str, case: Case | None) -> None:
        self.method = method
        self.name = name
        self.case = case

    def __repr__(self) -> str:
        return f"desk.{self.name}"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        shown = describe_call(self.name, *args, **kwargs)
        try:
            value = self.method(*args, **kwargs)
        except BaseException as error:
            if self.case is not None:
                self.case.calls.append(f"{shown} raised {type(error).__name__}: {one_line(str(error))}")
            raise
        if self.case is not None:
            self.case.calls.append(f"{shown} returned {show(value)}")
        return value
