"""`kata watch` in this process: its loop driven by a script of saves and keys, its runs made by pytester
(the `cli` fixture), its parts (file events, debounce) on their own. On a terminal, and a save that stops
a hanging child run: test_end_to_end.py.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

from kata.cli import file_events
from kata.cli.commands import watch
from kata.cli.file_events import Event
from kata.cli.output import Output
from kata.command_line import kata_command

from .tiny_kata import TinyKata

DEADLINE = 15.0  # seconds; for the file watchers, which usually see a save at once


class Script(file_events.Inbox):
    """The watch's events, in order: before handing out each one, do what the learner did just then."""

    def __init__(self, *steps: tuple[Callable[[], object], Event]) -> None:
        super().__init__()
        self.steps = list(steps)

    def get(self, block: bool = True, timeout: float | None = None) -> Event:
        if not self.steps:
            return Event("key", "q")
        do, event = self.steps.pop(0)
        do()
        return event


def nothing() -> None:
    pass


def save(path: Path, text: str) -> Callable[[], object]:
    return lambda: path.write_text(text, encoding="utf-8")


class Screen:
    """What the watch and its test runs write (plain text), read with `text()`."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.sessions: list[watch.Watch] = []

    @property
    def out(self) -> Output:
        return Output(None, colour=False)  # the test's captured stdout, where its runs write too

    def text(self) -> str:
        return self.capsys.readouterr().out


@pytest.fixture
def screen(cli, monkeypatch, capsys) -> Iterator[Screen]:
    """The watch's output; its debounce is tested on its own below. The sessions it started are closed after."""
    monkeypatch.setattr(file_events, "wait_for_quiet", lambda events: [])
    shown = Screen(capsys)
    yield shown
    for session in shown.sessions:
        session.memory.close()  # as `kata watch` does when it ends: no results file left behind


def a_session(screen: Screen, kata: TinyKata, number: str | None = None) -> watch.Watch:
    """A watch session, as `kata watch [number]` starts it, closed at the end of the test."""
    session = watch.start(screen.out, kata.catalogue, number, None)
    assert session is not None
    screen.sessions.append(session)
    return session


def test_watch_reruns_on_save_survives_a_syntax_error_and_waits_after_a_pass(kata: TinyKata, screen):
    first = kata.exercise(1)
    mine = first.source("exercises")
    session = a_session(screen, kata)  # finds the first unfinished
    assert session.current == first
    saved = Event("save", str(mine))
    watch.loop(
        session,
        Script(
            (save(mine, kata.stub(1) + "\ndef oops(:\n"), saved),
            (save(mine, first.source("solutions").read_text(encoding="utf-8")), saved),
            (nothing, Event("key", "c")),
            (nothing, Event("key", "n")),
        ),
    )
    shown = screen.text()
    runs = shown.split("-" * 70)[1:]  # plain text: a line of dashes instead of clearing the screen
    assert len(runs) == 4, shown
    assert "kata watch: exercise 1/3, Add two numbers  (started)" in runs[0] and "not started yet" in runs[0]
    assert "press r to run the tests in exercises/.  [r] run again   [h] hint   [n] next exercise" in runs[0]
    assert "(you saved exercises/ch01_tiny/ex01_add.py)" in runs[1] and "Python cannot read this file" in runs[1]
    assert "[x] Exercise 1 passes: Add two numbers. Well done!" in runs[2]
    assert "[c] compare with the reference solution   [n] or Enter: next exercise   [q] quit" in runs[2]
    assert "same as the reference solution's" in runs[2]  # c, and it waits for the learner before moving on
    assert "Is the restaurant open?" not in runs[2]
    assert "exercise 2/3, Is the restaurant open?  (next exercise)" in runs[3] and "not started yet" in runs[3]


def test_watch_in_manual_mode_runs_when_r_is_pressed_and_quits_with_q(kata: TinyKata, cli, monkeypatch):
    """The whole verb: keys from its input (one a line when it is not a terminal), no file watching."""
    monkeypatch.setattr(signal, "signal", lambda number, handler: None)  # not this test process's
    kata.solve(1)
    code, out, _ = cli("watch", "1", "--manual", input="r\nh\nc\nq\n")
    assert code == 0, out
    assert "(started)" in out and "(r pressed)" in out and "Exercise 1 passes" in out
    assert "Hint 1 of 2 for exercise 1" in out and "same as the reference solution's" in out
    assert out.rstrip().endswith(f"Bye! Your work is in your files; `{kata_command('')}` shows your progress.")


def test_the_comparison_waits_for_a_pass_and_the_last_exercise_ends_the_watch(kata: TinyKata, screen):
    for number in (1, 2):
        kata.solve(number)
    session = a_session(screen, kata)
    assert session.current == kata.exercise(3)
    steps = [(nothing, Event("key", "c")), (kata.solve_action(3), Event("key", "r")), (nothing, Event("key", "n"))]
    watch.loop(session, Script(*steps))
    text = screen.text()
    assert f"The comparison opens once exercise 3 passes (or: `{kata_command('compare 3 --peek')}`)." in text
    assert "Exercise 3 passes" in text and text.rstrip().endswith("Every exercise passes. The kitchen salutes you!")


def test_a_watch_of_a_finished_kata_says_so_at_once(kata: TinyKata, screen):
    for number in (1, 2, 3):
        kata.solve(number)
    assert watch.start(screen.out, kata.catalogue, None, None) is None
    assert "Every exercise passes. The kitchen salutes you!" in screen.text()


# The parts of the watch -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "counts"),
    [
        ("exercises/ch1/ex03_is_it_open.py", True),
        ("exercises/ch1/__pycache__/ex03_is_it_open.cpython-311.pyc", False),
        ("exercises/ch1/.ex03_is_it_open.py.swp", False),
        ("exercises/ch1/ex03_is_it_open.py~", False),
        ("exercises/ch1/.#ex03_is_it_open.py", False),
        ("exercises/ch1/notes.txt", False),
    ],
)
def test_only_saved_python_files_count(path: str, counts: bool):
    assert file_events.is_learner_save(path) is counts


def wait_for_a_save(inbox: file_events.Inbox) -> Event:
    return inbox.get(timeout=DEADLINE)


@pytest.mark.parametrize("poll", [False, True], ids=["file events", "polling"])
def test_watchdog_sees_a_save(tmp_path: Path, poll: bool):
    mine = tmp_path / "ex01.py"
    mine.write_text("x = 1\n", encoding="utf-8")
    inbox = file_events.Inbox()
    how = file_events.start_watching(tmp_path, inbox, poll=poll)
    try:
        assert how == ("looking for changes every half second" if poll else "watching for saves")
        mine.write_text("x = 22\n", encoding="utf-8")
        event = wait_for_a_save(inbox)
    finally:
        file_events.stop_watching()
    assert event == Event("save", str(mine)) and inbox.urgent.is_set()


def test_when_file_events_fail_it_polls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The native observer can fail to start (the inotify watch limit); watchdog's polling observer needs none."""
    from watchdog.observers import Observer

    def refuse(self: object) -> None:
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(Observer, "start", refuse)
    mine = tmp_path / "ex01.py"
    mine.write_text("x = 1\n", encoding="utf-8")
    inbox = file_events.Inbox()
    how = file_events.start_watching(tmp_path, inbox, poll=False)
    try:
        assert how.startswith("looking for changes every half second (file events failed:")
        mine.write_text("x = 22\n", encoding="utf-8")
        event = wait_for_a_save(inbox)
    finally:
        file_events.stop_watching()
    assert event == Event("save", str(mine))


def test_a_burst_of_saves_settles_into_one_run_and_keeps_the_keys():
    inbox = file_events.Inbox()
    for event in (Event("save", "a.py"), Event("key", "h"), Event("save", "a.py")):
        inbox.put(event)
    assert inbox.urgent.is_set()
    started = time.monotonic()
    assert file_events.wait_for_quiet(inbox, quiet=0.05, longest=1.0) == [Event("key", "h")]
    assert time.monotonic() - started < 0.5 and inbox.empty()


def test_watch_remembers_each_result_for_kata_check(kata: TinyKata, screen):
    from kata.cli.known import Known

    kata.solve(1)
    session = a_session(screen, kata, "1")
    watch.loop(session, Script())  # the first run, then q
    assert Known.load(kata.catalogue).remembered["ex01_add"].state == "done"
    kata.write(1, "    return 0")  # a remembered pass is for that content only
    assert "ex01_add" not in Known.load(kata.catalogue).remembered
