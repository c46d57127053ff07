"""Run the learner's own tests (chapter 10) against the front desk and against front desks with one mistake each.

The learner's exercise is a test module. Every learner test runs, in one inner pytest session in this process,
once against the right `FrontDesk`, once more against it in the same import (a file that cannot pass twice keeps
module-level state), once against a `Hollow` desk (a test that passes there checks nothing), and once against
each mistake of the exercise. Each desk's run collects the learner's file as a module of its own, imported afresh
among fresh copies of the front desk's modules (`kata.desks.fresh_imports`), and gets its desk from the
`front_desk` fixture of this module's `Bench` plugin. Each run is time-limited (`kata.learner.time_limit`) and
records what the desk was asked, what it answered and what it sent (`kata.desks.records`; `kata.desks.failures`
says what went wrong, where); `kata.desks.verdict` turns the records into the learner's messages.
"""

from __future__ import annotations

import contextlib
import io
import os
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any, Callable

import pytest
from requests_mock.contrib import _pytest_plugin as requests_mock_plugin  # requests-mock's pytest11 entry point

from kata.desks import module_state
from kata.desks.failures import LearnerFile, Problem, problem_of, short
from kata.desks.fresh_imports import MODULE_UNDER_TEST, code_spec, desk_modules, rewritten_code
from kata.desks.mistakes import Hollow
from kata.desks.records import AGAIN, HOLLOW, RIGHT, Case, DeskMaker, Results
from kata.expect import describe_all, sent_requests, show
from kata.front_desk import FrontDesk
from kata.learner.modules import relative
from kata.learner.time_limit import TimeLimitExceeded, run_with_time_limit

FIXTURE = "front_desk"
_EVERY_TEST_COUNTS = (None, RIGHT, AGAIN, HOLLOW)  # against a broken desk, one failing test is enough
INNER_ARGS = (
    # The project's addopts and console_output_style are the learner's terminal settings (pyproject.toml):
    # without the terminal plugin they are unknown, which is an error or, through filterwarnings=error, a crash.
    "-o", "addopts=--strict-markers --import-mode=importlib", "-W", "ignore::pytest.PytestConfigWarning",
    "--noconftest", "-p", "no:terminal", "-p", "no:cacheprovider",
    "-p", "no:doctest", "-p", "no:pastebin", "-p", "no:junitxml", "-p", "no:legacypath", "-p", "no:logging",
    "-p", "no:debugging", "-p", "no:unittest", "-p", "no:faulthandler", "-p", "no:stepwise",
    "-p", "no:unraisableexception", "-p", "no:threadexception",
)  # fmt: skip


class DeskRun:
    """One desk's run: its desk class and fresh modules, and the learner's module imported among them."""

    def __init__(self, desk: type[FrontDesk], bench: Bench) -> None:
        self.modules, self.desk = desk_modules(desk, bench.codes)
        self.bench = bench
        self._module: ModuleType | None = None

    def learner_module(self) -> ModuleType:
        """The learner's test module, imported afresh for this run (once)."""
        if self._module is None:
            self._module = self.modules.load(self.bench.name, self.bench.learner_spec())
        return self._module


class DeskModule(pytest.Module):
    """The learner's file, collected once per desk: its own import, fixtures and tests."""

    run: DeskRun

    def _getobj(self) -> ModuleType:
        module = self.run.learner_module()
        self.config.pluginmanager.consider_module(module)
        return module


class DeskRuns(pytest.File):
    """The learner's file: one `DeskModule` per desk, in the order they run."""

    bench: Bench

    def collect(self) -> list[DeskModule]:
        nodes = []
        for variant, run in self.bench.runs.items():
            node = DeskModule.from_parent(self, path=self.path, name=variant, nodeid=f"{self.nodeid}::{variant}")
            node.run = run
            nodes.append(node)
        return nodes


class Bench:
    """The inner session's plugin: the `front_desk` fixture, one run per desk, a time limit, the records."""

    def __init__(self, desks: dict[str, type[FrontDesk]], seconds: float, learner: LearnerFile, name: str) -> None:
        self.seconds = seconds
        self.learner = learner
        self.name = name
        self.results = Results()
        self.codes: dict[str, CodeType] = {}  # the front desk's modules, compiled once for every desk's copies
        self.runs: dict[str, DeskRun] = {}
        for variant, desk in desks.items():
            self.runs[variant] = DeskRun(desk, self)
            if variant == RIGHT:
                self.runs[AGAIN] = self.runs[RIGHT]  # the same import: what the first run left, the second meets
        self._by_nodeid: dict[str, Case] = {}
        self._stopped: set[str] = set()  # test functions stopped once: their other runs are not started
        self._caught: set[str] = set()  # broken desks a test failed against: their other tests are not started
        self._fresh_state: dict[str, str] | None = None  # the module-level values of the right run's import
        self._state_noted = False
        self._code: CodeType | None = None

    def pytest_configure(self, config: pytest.Config) -> None:
        self._config = config

    def learner_spec(self) -> ModuleSpec:
        """The spec of the learner's module: its code is read and its asserts rewritten once, for every desk."""
        if self._code is None:
            self._code = rewritten_code(self.learner.path, self._config)
        return code_spec(self.name, self.learner.path, self._code)

    @pytest.hookimpl(tryfirst=True)
    def pytest_pycollect_makemodule(self, module_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
        if module_path.resolve() != self.learner.path:
            return None
        node = DeskRuns.from_parent(parent, path=module_path)
        node.bench = self
        return node

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        kept, dropped = [], []
        for item in items:
            variant = _variant(item)
            uses_desk = FIXTURE in getattr(item, "fixturenames", ())
            if variant != RIGHT and not uses_desk:  # a test that never meets a desk runs once
                dropped.append(item)
                continue
            kept.append(item)
            callspec = getattr(item, "callspec", None)
            params = dict(callspec.params) if callspec is not None else {}
            case = Case(
                function=getattr(item, "originalname", item.name),
                params=", ".join(f"{k}={show(v)}" for k, v in params.items()),
                variant=variant if uses_desk else None,
            )
            self._by_nodeid[item.nodeid] = case
            self.results.cases.append(case)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = kept

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.results.collect_errors.append(short(str(report.longrepr)))

    @pytest.fixture
    def front_desk(self, request: pytest.FixtureRequest) -> DeskMaker:
        """front_desk(base_url, token=None, timeout=5, sleep=...) -> a FrontDesk (it never sleeps for real)."""
        node = request.node.getparent(DeskModule)
        desk = node.run.desk if node is not None else FrontDesk
        return DeskMaker(desk, self._by_nodeid.get(request.node.nodeid))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> Any:
        node = item.getparent(DeskModule)
        if node is None:
            return (yield)
        if node.name == RIGHT and self._fresh_state is None:
            self._fresh_state = self._state(node)
        elif node.name == AGAIN and not self._state_noted and self._fresh_state is not None:
            self._state_noted = True
            self._note_kept_state(self._fresh_state, self._state(node))
        with node.run.modules.in_place():
            return (yield)

    def _state(self, node: DeskModule) -> dict[str, str]:
        """The module-level values of the learner's module, and of the front desk's copy beside it."""
        state = module_state.snapshot(node.obj)
        under_test = node.run.modules.copies.get(MODULE_UNDER_TEST)
        if under_test is not None:
            state.update({f"{MODULE_UNDER_TEST}.{k}": v for k, v in module_state.snapshot(under_test).items()})
        return state

    def _note_kept_state(self, before: dict[str, str], after: dict[str, str]) -> None:
        where = relative(self.learner.path, self.learner.root)
        for name in module_state.changed(before, after):
            line = module_state.defined_at(self.learner.path, name)
            self.results.kept_state.append(f"`{name}`, {where}, line {line}" if line else f"`{name}`")

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        case = self._by_nodeid.get(item.nodeid)
        if case is not None and (case.function in self._stopped or case.variant in self._caught):
            pytest.skip("not needed: stopped once, or its desk is caught already")  # before any fixture is made

    @pytest.hookimpl(wrapper=True)
    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function) -> Any:
        case = self._by_nodeid[pyfuncitem.nodeid]
        original = pyfuncitem.obj
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
        if case is None or (case.problem is None and (case.function in self._stopped or case.variant in self._caught)):
            return
        if report.failed:
            case.outcome = "failed"
            if case.variant not in _EVERY_TEST_COUNTS:
                self._caught.add(case.variant)
            if case.problem is None:  # a fixture or setup problem: the test itself never ran
                case.problem = Problem(short(str(report.longrepr)), setup=report.when == "setup")
        elif report.when == "call":
            case.outcome = "passed"


def _variant(item: pytest.Item) -> str:
    node = item.getparent(DeskModule)
    return node.name if node is not None else RIGHT


def run_learner_tests(
    path: Path, root: Path, desks: dict[str, type[FrontDesk]], *, seconds: float, name: str | None = None
) -> Results:
    """Every test in the learner's file `path` (already imported once, so it imports), against each of `desks`.

    Each desk's run imports the file afresh as module `name` (by default its stem); whatever held that name before
    the run holds it afterwards.
    """
    bench = Bench(desks, seconds, LearnerFile(path, root), name or path.stem)
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
