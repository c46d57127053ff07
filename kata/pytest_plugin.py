"""The kata's pytest plugin: which tree to test, the live kitchen, and learner-friendly failures.

Options: `--target exercises|solutions` (or `KATA_TARGET`), `--no-focus`.
Fixtures: `exercise`, `kitchen`, `kitchen_server`, `kata_catalogue`.
"""

from __future__ import annotations

import os
from typing import Any, Generator

import pytest

from kata import focus, workshop
from kata.catalogue import TARGETS, Catalogue, Exercise, find_root, load
from kata.guard import TimeLimitExceeded
from kata.journal import journal_text
from kata.kitchen import KITCHEN_ENV, Kitchen, KitchenError, LiveKitchen
from kata.learner_code import ExerciseBroken, import_exercise
from kata.proxy import ExerciseModule, explain_learner_error

CATALOGUE_KEY = pytest.StashKey[Catalogue]()
EXERCISE_KEY = pytest.StashKey[Exercise]()
REPORTER_KEY = pytest.StashKey[focus.FocusReporter]()
WORKSHOP_KEY = pytest.StashKey[workshop.Session]()


class KitchenHooks:
    @pytest.hookspec(firstresult=True)
    def pytest_kata_kitchen_url(self, config: pytest.Config) -> str | None:
        """The base URL of a live test kitchen that is already serving, or None to start one.

        `kata check` implements it: its kitchen starts in a process of its own while pytest starts.
        """


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(KitchenHooks)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata", "Restaurant API Kata")
    group.addoption(
        "--target",
        dest="kata_target",
        choices=TARGETS,
        default=None,
        help="which tree the exercise tests import: exercises (yours, the default) or solutions. Env: KATA_TARGET.",
    )
    group.addoption(
        "--no-focus",
        dest="kata_focus",
        action="store_false",
        default=True,
        help="show every failure, not only those of the first unfinished exercise",
    )
    parser.addini("kata_time_limit", "seconds one call into learner code may run before it is stopped", default="5")


def target_of(config: pytest.Config) -> str:
    target = config.getoption("kata_target") or os.environ.get("KATA_TARGET", "exercises")
    if target not in TARGETS:
        raise pytest.UsageError(f"KATA_TARGET must be one of {', '.join(TARGETS)}, not {target!r}")
    return str(target)


def pytest_configure(config: pytest.Config) -> None:
    config.stash[CATALOGUE_KEY] = load(find_root(config.rootpath))
    reporter = focus.FocusReporter(config, config.stash[CATALOGUE_KEY], target_of(config))
    config.stash[REPORTER_KEY] = reporter
    config.pluginmanager.register(reporter, "kata-focus")
    # Workshop mode (`kata join`, KATA_SERVER): the room's shared kitchen, and a report when the run ends.
    session = config.stash[WORKSHOP_KEY] = workshop.Session.start(config.stash[CATALOGUE_KEY].root)
    if session.active:
        plugin = workshop.Plugin(session, reporter, config.stash[CATALOGUE_KEY], target_of(config))
        config.pluginmanager.register(plugin, "kata-workshop")


def pytest_report_header(config: pytest.Config) -> str:
    return f"kata target: {target_of(config)}/"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tag each test with its exercise (and `kitchen` if it uses the live kitchen); run in catalogue order."""
    catalogue = config.stash[CATALOGUE_KEY]
    for item in items:
        if "kitchen" in getattr(item, "fixturenames", ()):
            item.add_marker("kitchen")
        exercise = catalogue.for_test_file(item.path)
        if exercise is not None:
            item.stash[EXERCISE_KEY] = exercise
            config.stash[REPORTER_KEY].track(item.nodeid, exercise)
    items.sort(key=lambda item: item.stash[EXERCISE_KEY].number if EXERCISE_KEY in item.stash else 0)


# Fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def kata_catalogue(pytestconfig: pytest.Config) -> Catalogue:
    """The catalogue of exercises."""
    return pytestconfig.stash[CATALOGUE_KEY]


_imported: dict[tuple[str, str], Any] = {}
_stuck: dict[tuple[str, str], str] = {}  # exercises whose code hit the time limit: the rest of their tests fail at once


@pytest.fixture
def exercise(request: pytest.FixtureRequest) -> ExerciseModule:
    """The module under test (from exercises/ or solutions/), with each call guarded by a time limit."""
    item = request.node
    if EXERCISE_KEY not in item.stash:
        pytest.fail(f"{item.path.name} is not the test file of any exercise in the catalogue.", pytrace=False)
    exercise = item.stash[EXERCISE_KEY]
    target = target_of(request.config)
    seconds = float(request.config.getini("kata_time_limit"))
    key = (target, exercise.module)
    if key not in _imported:
        try:
            _imported[key] = import_exercise(exercise, target, seconds=seconds)
        except ExerciseBroken as broken:
            _imported[key] = broken
    loaded = _imported[key]
    if isinstance(loaded, ExerciseBroken):
        pytest.fail(str(loaded), pytrace=False)
    if key in _stuck:
        pytest.fail(
            f"{focus.NOT_RUN} ({_stuck[key]}). Fix that one first.",
            pytrace=False,
        )
    return ExerciseModule(loaded, exercise, target, seconds)


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
def kitchen(kitchen_server: str, pytestconfig: pytest.Config) -> Kitchen:
    """The live kitchen, freshly reset for this test: `.url`, `.journal()`, `.advance(s)`, `.faults(...)`."""
    kitchen: Kitchen = pytestconfig.stash[WORKSHOP_KEY].kitchen(kitchen_server)
    kitchen.reset()
    return kitchen


# Reports -------------------------------------------------------------------------------------------


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    if call.excinfo is not None:
        if isinstance(call.excinfo.value, TimeLimitExceeded) and EXERCISE_KEY in item.stash:
            _stuck[(target_of(item.config), item.stash[EXERCISE_KEY].module)] = f"{item.name}: {call.excinfo.value}"
        message = explain_learner_error(call.excinfo.value, item.config.stash[CATALOGUE_KEY].root)
        if message is not None:
            # Report the learner's message alone: cheaper than formatting a traceback nobody reads.
            call.excinfo = _failure(message)
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    kitchen = item.funcargs.get("kitchen") if hasattr(item, "funcargs") else None
    if isinstance(kitchen, Kitchen):
        try:
            entries = kitchen.journal()
        except KitchenError as error:
            text = str(error)
        else:
            text = journal_text(entries)
        report.sections.append(("what the waiter carried to the kitchen (newest last)", text))


def _failure(message: str) -> pytest.ExceptionInfo[BaseException]:
    """The ExceptionInfo of `pytest.fail(message, pytrace=False)`."""
    try:
        pytest.fail(message, pytrace=False)
    except pytest.fail.Exception:
        return pytest.ExceptionInfo.from_current()
    raise AssertionError("pytest.fail returned")


def pytest_unconfigure(config: pytest.Config) -> None:
    _imported.clear()
    _stuck.clear()
