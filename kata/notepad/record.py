"""The notepad's recorder: a small pytest plugin that notes each test's exchanges, then keeps the run.

What it notes, in order, for each test of an exercise:
- every request `requests` sends to the live kitchen, and its answer (`HTTPAdapter.send`; retries urllib3
  made inside it are read back from the answer's retry history);
- every request a stand-in kitchen answers (requests-mock's adapter), labelled as such;
- every request a test guest sends to the learner's own Flask app (chapters 8 and 9; kata.notepad.your_app),
  whether by the test client or a real socket;
- every wait on the kata's clock (`kata.expect.FakeSleep`), so polling intervals and Retry-After waits show.
The test's name and verdict come from its reports. When the session ends the run is kept by
`kata.notepad.store.Notepad`. The patches live on this object and are undone at `pytest_unconfigure`.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Sequence

import pytest

from kata.command_line import kata_command
from kata.notepad import wire, your_app
from kata.notepad.store import Notepad, folder_of
from kata.testrun.results import PASSING, exercise_of, outcome_of

NOTEPAD_ENV = "KATA_NOTEPAD"  # "off" keeps no notepad; a folder keeps it there
EXCHANGE_LIMIT = 300  # events kept per test (a polling loop that never stops is cut)


def add_options(group: Any) -> None:
    group.addoption(
        "--kata-notepad",
        dest="kata_notepad",
        default=None,
        metavar="FOLDER|off",
        help="where the waiter's notepad keeps this run's exchanges (default: .kata/notepad for your own "
        f"run, off for --target solutions). Env: {NOTEPAD_ENV}.",
    )


def pointer(terminalreporter: Any, exercise: Any, shown: Sequence[str] = ()) -> list[str]:
    """The line that ends a failure's output: where the notepad shows what the failing test sent and got.

    The test of the first block shown (`shown`, node ids) is named when it sent anything, else the first
    failing test that did. Empty when no notepad is kept, or when none of the exercise's failing tests sent anything.
    """
    recorder = terminalreporter.config.pluginmanager.get_plugin("kata-notepad")
    if not isinstance(recorder, Recorder):
        return []
    failing = [r for key in ("failed", "error") for r in terminalreporter.stats.get(key, [])]
    ids = list(shown) + [getattr(r, "nodeid", "") for r in failing if exercise_of(r) == exercise.name]
    for nodeid in ids:
        test = recorder.tests.get(nodeid)
        if test and test["events"]:
            sent = sum(1 for e in test["events"] if e["kind"] == "exchange")
            command = kata_command(f"notepad {exercise.number}")
            return [f"  drawn:   `{command}` shows the {sent} request(s) {test['name']} sent, and the answers"]
    return []


def register(config: pytest.Config, root: Path, target: str) -> None:
    """Register a Recorder when this run keeps a notepad: the learner's run, or one that asks for it."""
    chosen = config.getoption("kata_notepad") or os.environ.get(NOTEPAD_ENV) or ""
    if chosen == "off" or (not chosen and target != "exercises") or hasattr(config, "workerinput"):
        return
    folder = Path(chosen) if chosen else folder_of(root)
    recorder = Recorder(Notepad(folder))
    recorder.install()
    config.pluginmanager.register(recorder, "kata-notepad")


class Recorder:
    """Notes each test's exchanges while the run goes; keeps the run when it ends."""

    def __init__(self, notepad: Notepad) -> None:
        self.notepad = notepad
        self.started = time.time()
        self.lock = threading.Lock()
        self.tests: dict[str, dict[str, Any]] = {}  # nodeid -> its record, in the order they ran
        self.current: dict[str, Any] | None = None
        self.app_answers = 0  # answers the learner's app gave (to tell a socket request to it from the kitchen's)
        self._undo: list[Callable[[], None]] = []
        self._flask_heard = False

    # Patches ---------------------------------------------------------------------------------------

    def install(self) -> None:
        from requests.adapters import HTTPAdapter

        self._wrap(HTTPAdapter, "send", self._sent_by("kitchen"))
        try:
            from requests_mock.adapter import Adapter
        except ImportError:  # pragma: no cover - requests-mock is a dependency of the kata
            pass
        else:
            self._wrap(Adapter, "send", self._sent_by("stand-in"))
        from kata.expect.waits import FakeSleep

        self._wrap(FakeSleep, "__call__", self._waited)
        self._listen_to_flask()

    def _listen_to_flask(self) -> None:
        """Hear the learner's Flask app (kata.notepad.your_app) once flask is imported: not before, as
        importing it for a run without an app would cost every `kata check` 70 ms."""
        if self._flask_heard or "flask" not in sys.modules:
            return
        self._flask_heard = True
        self._undo.append(your_app.listen(self))

    def _wrap(self, owner: type, name: str, make: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
        original = owner.__dict__[name]
        setattr(owner, name, make(original))
        self._undo.append(lambda: setattr(owner, name, original))

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()

    def _sent_by(self, where: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        recorder = self

        def make(original: Callable[..., Any]) -> Callable[..., Any]:
            def send(adapter: Any, request: Any, **kwargs: Any) -> Any:
                __tracebackhide__ = True
                if recorder.full():  # no test running, or this one has noted all it keeps
                    return original(adapter, request, **kwargs)
                answers, began = recorder.app_answers, time.perf_counter()
                try:
                    response = original(adapter, request, **kwargs)
                except BaseException as error:
                    recorder._note_request(where, request, kwargs, began, None, error)
                    raise
                if recorder.app_answers == answers:  # else the learner's app answered: it noted the exchange
                    recorder._note_request(where, request, kwargs, began, response, None)
                return response

            return send

        return make

    def _waited(self, original: Callable[..., Any]) -> Callable[..., Any]:
        recorder = self

        def call(sleep: Any, seconds: Any) -> Any:
            __tracebackhide__ = True
            result = original(sleep, seconds)
            if recorder.current is not None:
                recorder.add({"kind": "wait", "seconds": float(seconds)})
            return result

        return call

    # Noting ----------------------------------------------------------------------------------------

    def full(self) -> bool:
        """True when no test is running, or when the running one has noted all it keeps (then only counted)."""
        test = self.current
        if test is None:
            return True
        if len(test["events"]) < EXCHANGE_LIMIT:
            return False
        with self.lock:
            test["dropped"] += 1
        return True

    def add(self, event: dict[str, Any]) -> None:
        with self.lock:
            test = self.current
            if test is None:
                return
            if event["kind"] == "wait":
                test["clock"] += event["seconds"]
            event["at"] = round(test["clock"], 6)
            if len(test["events"]) < EXCHANGE_LIMIT:
                test["events"].append(event)
            else:
                test["dropped"] += 1

    def _note_request(self, where: str, request: Any, kwargs: dict, began: float, response: Any, error: Any) -> None:
        origin, path = wire.target(request.url or "")
        if path.startswith("/__admin/"):
            return
        event: dict[str, Any] = {
            "kind": "exchange",
            "where": where,
            "method": str(request.method or "?"),
            "origin": origin,
            "path": path,
            "timeout": wire.timeout_text(kwargs.get("timeout")),
            "request": {"headers": wire.headers(request.headers.items()), "body": wire.body(request.body)},
            "ms": round((time.perf_counter() - began) * 1000, 1),
        }
        if response is None:
            event["error"] = wire.clean(f"{type(error).__name__}: {error}")[: wire.VALUE_LIMIT]
            self.add(event)
            return
        for retry in getattr(getattr(response.raw, "retries", None), "history", None) or ():
            earlier = dict(event, request=event["request"], retried=True, ms=None)
            if retry.status is not None:
                earlier["response"] = {"status": retry.status, "reason": wire.reason(retry.status), "headers": []}
            else:
                earlier["error"] = wire.clean(f"{type(retry.error).__name__}: {retry.error}")[: wire.VALUE_LIMIT]
            self.add(earlier)
        data = None if kwargs.get("stream") else response.content
        content_type = response.headers.get("Content-Type", "")
        event["response"] = {
            "status": response.status_code,
            "reason": wire.clean(str(response.reason or "")) or wire.reason(response.status_code),
            "headers": wire.headers(response.headers.items()),
            "body": wire.body(data) if data is not None else {"text": "(streamed)", "size": None, "cut": False},
            "problem": wire.problem_of(content_type, data) if response.status_code >= 400 else None,
        }
        self.add(event)

    # pytest's hooks -------------------------------------------------------------------------------

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: Any, request: Any) -> Any:
        try:
            return (yield)
        finally:
            self._listen_to_flask()  # the fixture may have imported the learner's app, and flask with it

    def pytest_runtest_logstart(self, nodeid: str, location: tuple[str, int | None, str]) -> None:
        self._listen_to_flask()
        record: dict[str, Any] = {"name": location[2], "nodeid": nodeid, "verdict": None, "events": []}
        record.update(clock=0.0, dropped=0)
        with self.lock:
            self.current = self.tests[nodeid] = record

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        record = self.tests.get(report.nodeid)
        if record is None:
            return
        record["exercise"] = exercise_of(report) or record.get("exercise")
        if report.failed:
            record["verdict"] = outcome_of(report) or "failing"
            if report.when == "call" or record.get("message") is None:
                record["message"] = wire.clean(str(report.longrepr))[-1500:]
        elif report.skipped and record["verdict"] is None:
            record["verdict"] = "skipped"
        elif report.when == "call" and report.passed and record["verdict"] is None:
            record["verdict"] = PASSING

    def pytest_runtest_logfinish(self, nodeid: str) -> None:
        with self.lock:
            self.current = None

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        by_exercise: dict[str, list[dict[str, Any]]] = {}
        for record in self.tests.values():
            exercise = record.pop("exercise", None)
            if exercise:
                record.pop("clock", None)
                by_exercise.setdefault(exercise, []).append(record)
        if not by_exercise:
            return
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self.started))
        run_id = f"{stamp}-{int(self.started * 1e6) % 10**6:06d}"
        try:
            self.notepad.save_run(run_id, self.started, by_exercise)
        except OSError as error:  # a read-only checkout: the run itself is what matters
            session.config.get_terminal_writer().line(f"(the notepad could not be kept: {error})")

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        self.uninstall()
