"""The kata's pytest plugin: which tree to test, the live kitchen, and learner-friendly failures.

Options: `--target exercises|solutions` (or `KATA_TARGET`); `--no-focus` (kata.testrun.focus);
`--kata-one` (kata.testrun.results); `--kata-notepad` (kata.notepad.record).
Fixtures: `exercise`, `kitchen`, `kitchen_server`, `kata_catalogue`.
Hooks: `pytest_kata_kitchen_url` (below), `pytest_kata_results` (kata.testrun.results).
State lives on the plugin objects `pytest_configure` registers, never in this module.
"""

from __future__ import annotations

import os
from typing import Any, Generator

import pytest

from kata import host
from kata.catalogue import TARGETS, Catalogue, Exercise, find_root, load
from kata.expect.voice import LearnerFailure
from kata.expect.wire import current_wire
from kata.kitchen.client import KitchenClient, KitchenError
from kata.kitchen.live import KITCHEN_ENV, LiveKitchen
from kata.learner.errors import explain_learner_error
from kata.learner.modules import ExerciseBroken, ExerciseModule, import_exercise
from kata.learner.time_limit import TimeLimitExceeded
from kata.notepad import record
from kata.notepad.text import Answer, journal_text
from kata.testrun import focus, results
from kata.workshop.team_run import WorkshopReporter, WorkshopRun

CATALOGUE_KEY = pytest.StashKey[Catalogue]()
EXERCISE_KEY = pytest.StashKey[Exercise]()
OUTCOME_KEY = pytest.StashKey[results.Outcome]()  # set by the `exercise` fixture when it fails the test itself
WORKSHOP_KEY = pytest.StashKey[WorkshopRun]()
LEARNER_KEY = pytest.StashKey["LearnerModules"]()
PROXY_NOTE_KEY = pytest.StashKey[str]()


class KitchenHooks:
    @pytest.hookspec(firstresult=True)
    def pytest_kata_kitchen_url(self, config: pytest.Config) -> str | None:
        """The base URL of a live test kitchen that is already serving, or None to start one.

        `kata check` implements it: its kitchen starts in a process of its own while pytest starts.
        """


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(KitchenHooks)
    pluginmanager.add_hookspecs(results.ResultsHooks)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata", "Restaurant API Kata")
    group.addoption(
        "--target",
        dest="kata_target",
        choices=TARGETS,
        default=None,
        help="which tree the exercise tests import: exercises (yours, the default) or solutions. Env: KATA_TARGET.",
    )
    focus.add_options(group)
    results.add_options(group)
    record.add_options(group)
    parser.addini("kata_time_limit", "seconds one call into learner code may run before it is stopped", default="5")


def target_of(config: pytest.Config) -> str:
    target = config.getoption("kata_target") or os.environ.get("KATA_TARGET", "exercises")
    if target not in TARGETS:
        raise pytest.UsageError(f"KATA_TARGET must be one of {', '.join(TARGETS)}, not {target!r}")
    return str(target)


class LearnerModules:
    """The learner's modules of this run, imported once each, and the exercises whose code hit the time limit."""

    def __init__(self, target: str, seconds: float) -> None:
        self.target = target
        self.seconds = seconds
        self.imported: dict[str, Any] = {}  # module name -> module, or the ExerciseBroken that says why not
        self.stuck: dict[str, str] = {}  # module name -> the test that was stopped: the rest fail at once

    def load(self, exercise: Exercise) -> Any:
        if exercise.module not in self.imported:
            try:
                self.imported[exercise.module] = import_exercise(exercise, self.target, seconds=self.seconds)
            except ExerciseBroken as broken:
                self.imported[exercise.module] = broken
        return self.imported[exercise.module]


def pytest_configure(config: pytest.Config) -> None:
    host.safe_streams()  # a cp1252 pipe (Windows) or an ASCII locale: escapes, never a UnicodeEncodeError
    if host.keep_loopback_direct():  # a plain `pytest` behind a proxy: the local kitchen must not go through it
        config.stash[PROXY_NOTE_KEY] = host.PROXY_NOTE
    catalogue = config.stash[CATALOGUE_KEY] = load(find_root(config.rootpath))
    target = target_of(config)
    config.stash[LEARNER_KEY] = LearnerModules(target, float(config.getini("kata_time_limit")))
    config.pluginmanager.register(results.Tally(config, catalogue.exercises), "kata-results")
    config.pluginmanager.register(focus.FocusReporter(config, catalogue, target), "kata-focus")
    record.register(config, catalogue.root, target)  # the waiter's notepad: each test's exchanges
    # Workshop mode (`kata join`, KATA_SERVER): the room's shared kitchen, and a report when the run ends.
    workshop = config.stash[WORKSHOP_KEY] = WorkshopRun.start(catalogue.root)
    if workshop.active:
        config.pluginmanager.register(WorkshopReporter(workshop, target), "kata-workshop")


def pytest_sessionstart(session: pytest.Session) -> None:
    note = session.config.stash.get(PROXY_NOTE_KEY, "")
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if note and reporter is not None:
        reporter.write_line(note)


def pytest_report_header(config: pytest.Config) -> str:
    return f"kata target: {target_of(config)}/"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tag each test with its exercise (and `kitchen` if it uses the live kitchen); run in catalogue order."""
    catalogue = config.stash[CATALOGUE_KEY]
    by_file: dict[Any, Exercise | None] = {}  # one lookup per test file (it resolves the path), not per test
    for item in items:
        if "kitchen" in getattr(item, "fixturenames", ()):
            item.add_marker("kitchen")
        if item.path not in by_file:
            by_file[item.path] = catalogue.for_test_file(item.path)
        exercise = by_file[item.path]
        if exercise is not None:
            item.stash[EXERCISE_KEY] = exercise
            item.user_properties.append((results.EXERCISE_PROPERTY, exercise.name))
    items.sort(key=lambda item: item.stash[EXERCISE_KEY].number if EXERCISE_KEY in item.stash else 0)


# Fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def kata_catalogue(pytestconfig: pytest.Config) -> Catalogue:
    """The catalogue of exercises."""
    return pytestconfig.stash[CATALOGUE_KEY]


@pytest.fixture
def exercise(request: pytest.FixtureRequest) -> ExerciseModule:
    """The module under test (from exercises/ or solutions/), with each call guarded by a time limit."""
    item = request.node
    if EXERCISE_KEY not in item.stash:
        pytest.fail(f"{item.path.name} is not the test file of any exercise in the catalogue.", pytrace=False)
    exercise = item.stash[EXERCISE_KEY]
    modules = request.config.stash[LEARNER_KEY]
    loaded = modules.load(exercise)
    if isinstance(loaded, ExerciseBroken):
        item.stash[OUTCOME_KEY] = results.BROKEN
        raise LearnerFailure(str(loaded), cause=None, hint=None, next_step=loaded.next_step)
    if exercise.module in modules.stuck:
        item.stash[OUTCOME_KEY] = results.NOT_RUN
        pytest.fail(f"{focus.NOT_RUN_MESSAGE} ({modules.stuck[exercise.module]}). Fix that one first.", pytrace=False)
    return ExerciseModule(loaded, exercise, modules.target, modules.seconds)


@pytest.fixture(scope="session")
def kitchen_server(pytestconfig: pytest.Config) -> Generator[str, None, None]:
    """The base URL of a live kitchen for the whole session.

    The team's on the workshop's server; else one that is already serving (a plugin's `pytest_kata_kitchen_url`,
    or `KATA_KITCHEN`); else our own, in a thread of this process.
    """
    shared = pytestconfig.stash[WORKSHOP_KEY].kitchen_url()
    if shared is not None:
        yield shared
        return
    provided = pytestconfig.hook.pytest_kata_kitchen_url(config=pytestconfig) or os.environ.get(KITCHEN_ENV)
    if provided:
        yield provided.rstrip("/")
        return
    live = LiveKitchen.start()
    yield live.url
    live.stop()


@pytest.fixture
def kitchen(kitchen_server: str, pytestconfig: pytest.Config) -> KitchenClient:
    """The live kitchen, freshly reset for this test: `.url`, `.journal()`, `.advance(s)`, `.faults(...)`."""
    kitchen = pytestconfig.stash[WORKSHOP_KEY].kitchen(kitchen_server)
    kitchen.reset()
    return kitchen


# Reports -------------------------------------------------------------------------------------------


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    """Mark the report with its outcome (kata.testrun.results), in the learner's words where learner code went wrong."""
    found: results.Outcome = item.stash.get(OUTCOME_KEY, results.FAILING)
    mistake = _mistake(item, call)
    described = getattr(call.excinfo.value, "response", None) if call.excinfo is not None else None  # shown above
    if call.excinfo is not None:
        if isinstance(call.excinfo.value, results.NotStartedYet):
            found = results.NOT_STARTED
            mistake = ("not started", None, False, None)  # whichever test found it: one mistake
        if isinstance(call.excinfo.value, TimeLimitExceeded) and EXERCISE_KEY in item.stash:
            stuck = item.config.stash[LEARNER_KEY].stuck
            stuck[item.stash[EXERCISE_KEY].module] = f"{item.name}: {call.excinfo.value}"
        explained = explain_learner_error(call.excinfo.value, item.config.stash[CATALOGUE_KEY].root)
        if explained is not None:
            # Report the learner's message alone: cheaper than formatting a traceback nobody reads.
            call.excinfo = _failure(explained.message)
            found = explained.outcome if OUTCOME_KEY not in item.stash else found
            cause, hint, _, step = mistake
            mistake = (explained.cause or cause, hint, explained.kitchen_spoke, explained.next_step or step)
    outcome = yield
    report = outcome.get_result()
    if EXERCISE_KEY in item.stash and (report.failed or (report.when == "call" and report.passed)):
        results.mark(report, results.PASSING if report.passed else found)
    if not report.failed:
        return
    if EXERCISE_KEY in item.stash:
        results.mark_mistake(report, *mistake)
    kitchen = item.funcargs.get("kitchen") if hasattr(item, "funcargs") else None
    if isinstance(kitchen, KitchenClient):
        report.sections.append(("what the waiter carried to the kitchen (newest last)", _notepad(kitchen, described)))


def _mistake(item: pytest.Item, call: pytest.CallInfo[None]) -> tuple[str, str | None, bool, str | None]:
    """The cause, hint, kitchen's words and next step a failure records (by default the cause is the test's own)."""
    cause = f"test: {getattr(item, 'originalname', item.name)}"
    error = call.excinfo.value if call.excinfo is not None else None
    outcome = item.stash.get(OUTCOME_KEY, None)
    if outcome is not None:  # one broken module, or one stopped test, is one mistake
        return f"{outcome}", None, False, getattr(error, "next_step", None)
    if isinstance(error, LearnerFailure):
        return error.cause or _check_site(item, call) or cause, error.hint, error.kitchen_spoke, error.next_step
    return cause, None, False, None


def _check_site(item: pytest.Item, call: pytest.CallInfo[None]) -> str | None:
    """`check: test_ex28_....py:49`: the line of the exercise's tests whose check failed, innermost first.

    A check that several tests share (a helper of the test module or of its chapter's conftest) finds one
    mistake whichever test calls it: the same line, the same rule. A check written in one test stays its own.
    """
    folder = os.path.dirname(str(item.path))
    site = None
    tb = call.excinfo.tb if call.excinfo is not None else None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if os.path.dirname(filename) == folder:
            site = f"check: {os.path.basename(filename)}:{tb.tb_lineno}"
        tb = tb.tb_next
    return site


def _notepad(kitchen: KitchenClient, described: Any = None) -> str:
    """The kitchen's journal of this test, each request with the answer the learner's code got (when it was seen)."""
    try:
        entries = kitchen.journal()
    except KitchenError as error:
        return str(error)
    wire = current_wire()
    exchanges = [e for e in (wire.exchanges if wire else []) if e.sent.url.startswith(kitchen.url)]
    answers: dict[int, Answer] = {}
    said_above = set()
    for index, entry in enumerate(entries):
        for position, exchange in enumerate(exchanges):
            sent = exchange.sent
            if (sent.method, sent.path, sent.query) == (entry["method"], entry["path"], entry.get("query") or {}):
                if exchange.response is not None:
                    answers[index] = Answer.of(exchange.response)
                if exchange.response is not None and exchange.response is described:
                    said_above.add(index)  # the message showed the kitchen's words already
                del exchanges[position]
                break
    return journal_text(entries, answers, said_above=said_above)


def _failure(message: str) -> pytest.ExceptionInfo[BaseException]:
    """The ExceptionInfo of `pytest.fail(message, pytrace=False)`."""
    try:
        pytest.fail(message, pytrace=False)
    except pytest.fail.Exception:
        return pytest.ExceptionInfo.from_current()
    raise AssertionError("pytest.fail returned")
