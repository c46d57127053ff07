"""Run the learner's own tests (chapter 10) against the front desk and against front desks with one mistake each.

The learner's exercise is a test module. It gets its front desk from the `front_desk` fixture, which this module's
`Bench` plugin parametrizes: every learner test runs, in one inner pytest session in this process, once against
the right `FrontDesk`, once against a `Hollow` one (a test that passes there checks nothing), and once against
each mistake of the exercise. Each run is time-limited (`kata.learner.time_limit`) and records what the
desk was asked, what it answered and what it sent (`kata.desks.failures` says what went wrong, where);
`kata.desks.verdict` turns the records into the learner's messages.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest
from requests_mock.contrib import _pytest_plugin as requests_mock_plugin  # requests-mock's pytest11 entry point

from kata.desks.failures import LearnerFile, Problem, one_line, problem_of, short
from kata.desks.mistakes import Hollow
from kata.expect import describe_all, describe_call, sent_requests, show
from kata.front_desk import FrontDesk
from kata.learner.time_limit import TimeLimitExceeded, run_with_time_limit

FIXTURE = "front_desk"
RIGHT = "right"  # the variant id of the front desk as it should be
HOLLOW = "hollow"
DESK_METHODS = ("menu", "dish", "order", "pay")
INNER_ARGS = (
    # The project's addopts and console_output_style are the learner's terminal settings (pyproject.toml):
    # without the terminal plugin they are unknown, which is an error or, through filterwarnings=error, a crash.
    "-o", "addopts=--strict-markers --import-mode=importlib", "-W", "ignore::pytest.PytestConfigWarning",
    "--noconftest", "-p", "no:terminal", "-p", "no:cacheprovider",
    "-p", "no:doctest", "-p", "no:pastebin", "-p", "no:junitxml", "-p", "no:legacypath", "-p", "no:logging",
    "-p", "no:debugging", "-p", "no:unittest", "-p", "no:faulthandler", "-p", "no:stepwise",
    "-p", "no:unraisableexception", "-p", "no:threadexception",
)  # fmt: skip


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

    def of(self, variant: str) -> list[Case]:
        """The runs against `variant` (the runs of tests without the fixture count as runs against the right desk)."""
        return [c for c in self.cases if c.variant == variant or (c.variant is None and variant == RIGHT)]


class Bench:
    """The inner session's plugin: the `front_desk` fixture, one run per desk, a time limit, the records."""

    def __init__(self, desks: dict[str, type[FrontDesk]], seconds: float, learner: LearnerFile) -> None:
        self.desks = desks
        self.seconds = seconds
        self.learner = learner
        self.results = Results()
        self._by_nodeid: dict[str, Case] = {}
        self._stopped: set[str] = set()  # test functions stopped once: their other runs are not started

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if FIXTURE in metafunc.fixturenames:
            metafunc.parametrize(FIXTURE, list(self.desks), indirect=True, ids=list(self.desks))

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            callspec = getattr(item, "callspec", None)
            params = dict(callspec.params) if callspec is not None else {}
            variant = params.pop(FIXTURE, None)
            case = Case(
                function=getattr(item, "originalname", item.name),
                params=", ".join(f"{k}={show(v)}" for k, v in params.items()),
                variant=variant,
            )
            self._by_nodeid[item.nodeid] = case
            self.results.cases.append(case)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.results.collect_errors.append(short(str(report.longrepr)))

    @pytest.fixture
    def front_desk(self, request: pytest.FixtureRequest) -> DeskMaker:
        """front_desk(base_url, token=None, timeout=5, sleep=...) -> a FrontDesk (it never sleeps for real)."""
        return DeskMaker(self.desks[getattr(request, "param", RIGHT)], self._by_nodeid.get(request.node.nodeid))

    @pytest.hookimpl(wrapper=True)
    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function) -> Any:
        case = self._by_nodeid[pyfuncitem.nodeid]
        original = pyfuncitem.obj
        if case.function in self._stopped:
            pyfuncitem.obj = _nothing
        else:
            pyfuncitem.obj = self._limited(original, case, pyfuncitem)
        try:
            return (yield)
        finally:
            pyfuncitem.obj = original

    def _limited(self, test: Callable[..., Any], case: Case, item: pytest.Function) -> Callable[..., Any]:
        def run(**kwargs: Any) -> Any:
            __tracebackhide__ = True
            try:
                return run_with_time_limit(lambda: test(**kwargs), seconds=self.seconds)
            except TimeLimitExceeded as error:
                self._stopped.add(case.function)
                case.problem = Problem(f"it was {error}", self.learner.on_stack(error.frame), stopped=True)
                raise
            except BaseException as error:
                case.problem = problem_of(error, self.learner)
                raise
            finally:
                mocker = item.funcargs.get("requests_mock")
                if mocker is not None:
                    case.sent = describe_all(sent_requests(mocker))

        return run

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
        case = self._by_nodeid.get(item.nodeid)
        if call.when == "call" and call.excinfo is not None and case is not None and case.problem is not None:
            call.excinfo = _recorded_failure()  # already described: formatting the traceback would cost the most
        return (yield)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        case = self._by_nodeid.get(report.nodeid)
        if case is None or (case.function in self._stopped and case.problem is None):
            return
        if report.failed:
            case.outcome = "failed"
            if case.problem is None:  # a fixture or setup problem: the test itself never ran
                case.problem = Problem(short(str(report.longrepr)), setup=report.when == "setup")
        elif report.when == "call":
            case.outcome = "passed"


def run_learner_tests(path: Path, root: Path, desks: dict[str, type[FrontDesk]], *, seconds: float) -> Results:
    """Every test in the learner's file `path` (already imported once, so it imports), against each of `desks`."""
    bench = Bench(desks, seconds, LearnerFile(path, root))
    # pytest imports the file again under the name it gives it, so that its asserts are rewritten (they explain
    # themselves); whatever held that name before the run holds it afterwards.
    name = _pytest_module_name(path, root)
    previous = sys.modules.pop(name, None)
    _forget_rewritten_bytecode(path)
    saved = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # requests-mock's plugin is handed over; no other is needed
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = pytest.main([str(path), "--rootdir", str(root), *INNER_ARGS], plugins=[bench, requests_mock_plugin])
    finally:
        if saved is None:
            os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = saved
        sys.modules.pop(name, None)
        if previous is not None:
            sys.modules[name] = previous
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR) and not bench.results.collect_errors:
        bench.results.collect_errors.append(f"the inner pytest run ended with {code!r}")
    return bench.results


def desks_for(mistakes: tuple[type[FrontDesk], ...]) -> dict[str, type[FrontDesk]]:
    """The desks every learner test runs against, by id: the right one, the hollow one, then the mistakes."""
    return {RIGHT: FrontDesk, HOLLOW: Hollow, **{m.__name__: m for m in mistakes}}


def _recorded_failure() -> pytest.ExceptionInfo[BaseException]:
    try:
        pytest.fail("recorded", pytrace=False)
    except pytest.fail.Exception:
        return pytest.ExceptionInfo.from_current()
    raise AssertionError("pytest.fail returned")


def _no_sleep(seconds: float) -> None:
    """The desk's pauses, when the test gives no `sleep=`: tests never sleep for real."""


def _nothing(**kwargs: Any) -> None:
    """Stands in for a test that was stopped once already: its other runs are not started."""


class DeskMaker:
    """The `front_desk` fixture's value: makes desks of one class, whose calls are recorded in the test's Case."""

    def __init__(self, desk_class: type[FrontDesk], case: Case | None) -> None:
        self.desk_class = desk_class
        self.case = case

    def __repr__(self) -> str:
        return "front_desk"

    def __call__(self, base_url: str, **options: Any) -> FrontDesk:
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


def _pytest_module_name(path: Path, root: Path) -> str:
    """The name pytest (`--import-mode=importlib`, rootdir `root`) imports `path` under."""
    try:
        parts = path.resolve().relative_to(root.resolve()).with_suffix("").parts
    except ValueError:
        return path.stem
    return ".".join(parts)


def _forget_rewritten_bytecode(path: Path) -> None:
    """Drop pytest's rewritten bytecode of the file: a save within the same second must not run stale tests."""
    for cached in (path.parent / "__pycache__").glob(f"{path.stem}.*-pytest-*.pyc"):
        with contextlib.suppress(OSError):
            cached.unlink()
