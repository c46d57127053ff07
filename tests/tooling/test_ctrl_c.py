"""Ctrl+C is never held by a wait of the kata (issue 29, item 9): every wait goes through `kata.host.waited`.

On Windows with Python <= 3.13 a Thread.join, Event.wait or Queue.get cannot be interrupted (cpython#74157), nor
can a socket's select(): Ctrl+C's handler runs only once the call returns, up to its whole timeout. The tests
press Ctrl+C exactly that way, with `_thread.interrupt_main()`: it sends no signal, so a blocked call is not
woken, and the KeyboardInterrupt is raised only when the main thread runs Python again. Each test gives the
wait a timeout far longer than the second it allows Ctrl+C to take.
"""

from __future__ import annotations

import _thread
import ast
import contextlib
import queue
import signal
import socket
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from kata import host

KATA = Path(__file__).resolve().parents[2] / "kata"
SETTLE = 0.05  # Ctrl+C is pressed this long after the call: the main thread is then blocked in it
ALLOWED = 1.0  # seconds from Ctrl+C to the KeyboardInterrupt; each wait below would hold it 2 s or more


def seconds_until_interrupted(blocking: Callable[[], Any]) -> float:
    """Call `blocking()` in the main thread, press Ctrl+C once it waits; how long it took to give way."""
    assert threading.current_thread() is threading.main_thread(), "Ctrl+C reaches only the main thread"
    pressed: list[float] = []

    def press() -> None:
        time.sleep(SETTLE)
        pressed.append(time.monotonic())
        _thread.interrupt_main()

    # Python's own Ctrl+C handler, even where this process was started with SIGINT ignored (a background job)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    presser = threading.Thread(target=press, daemon=True)
    presser.start()
    gave_way = None
    try:
        blocking()
    except KeyboardInterrupt:
        gave_way = time.monotonic()
    finally:
        with contextlib.suppress(KeyboardInterrupt):  # a press that came late must not reach the next test
            presser.join()
            while gave_way is None and time.monotonic() < pressed[0] + 0.2:
                time.sleep(0.001)
        signal.signal(signal.SIGINT, before)
    if gave_way is None:
        pytest.fail("the call returned before Ctrl+C reached it")
    return gave_way - pressed[0]


@pytest.fixture
def forever() -> Iterator[threading.Event]:
    """An event set only when the test ends: what the blocked calls wait for."""
    released = threading.Event()
    yield released
    released.set()


@pytest.fixture
def windows(monkeypatch):
    monkeypatch.setattr(host, "system", lambda: "win32")


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A loopback port that accepts connections and never answers: a read there waits for its timeout."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_ctrl_c_reaches_a_join(forever):
    thread = threading.Thread(target=forever.wait, daemon=True)
    thread.start()
    assert seconds_until_interrupted(lambda: host.join(thread, 5)) < ALLOWED


def test_ctrl_c_reaches_an_event_wait(forever):
    assert seconds_until_interrupted(lambda: host.wait(forever, 5)) < ALLOWED


def test_ctrl_c_reaches_a_queue_get():
    assert seconds_until_interrupted(lambda: host.get(queue.Queue(), 5)) < ALLOWED


def test_the_sliced_waits_answer_as_the_plain_ones(forever):
    box: queue.Queue[str] = queue.Queue()
    box.put("saved")
    assert host.get(box, 5) == "saved"
    with pytest.raises(queue.Empty):
        host.get(box, 0)
    assert host.wait(forever, 0) is False
    forever.set()
    assert host.wait(forever, 5) is True
    done = threading.Thread(target=lambda: None)
    done.start()
    assert host.join(done, 5) is True


def test_a_blocking_call_runs_beside_where_ctrl_c_is_held(windows, silent_server):
    """A socket read cannot be cut in slices: on Windows it runs in a thread that the main thread waits for."""
    with socket.create_connection(("127.0.0.1", int(silent_server.rsplit(":", 1)[1]))) as connection:
        connection.settimeout(5)
        assert seconds_until_interrupted(lambda: host.call(lambda: connection.recv(1))) < ALLOWED


def test_a_blocking_call_gives_back_what_it_returns_or_raises(windows):
    assert host.call(lambda: 42) == 42
    with pytest.raises(ZeroDivisionError):
        host.call(lambda: 1 / 0)


def test_elsewhere_a_blocking_call_runs_here(monkeypatch):
    monkeypatch.setattr(host, "system", lambda: "linux")  # a signal interrupts it there
    assert host.call(threading.current_thread) is threading.current_thread()


# The kata's waits, each as the learner meets it -------------------------------------------------------


def test_waiting_for_the_kitchen_to_start(forever):
    """`kata check` waits up to a minute for its kitchen process to serve."""
    from kata.kitchen.live import KitchenProcess

    kitchen = KitchenProcess.__new__(KitchenProcess)  # no real process: one started that never prints its URL
    kitchen._ready, kitchen._url, kitchen._process = threading.Event(), None, object()
    assert seconds_until_interrupted(lambda: kitchen.url(timeout=60)) < ALLOWED


def test_stopping_a_kitchen_thread(forever):
    from kata.kitchen.live import LiveKitchen

    class Server:  # a waitress server whose loop does not end
        task_dispatcher = type("Tasks", (), {"shutdown": staticmethod(lambda **_: True)})()
        trigger = type("Trigger", (), {"pull_trigger": staticmethod(lambda then: None)})()

    thread = threading.Thread(target=forever.wait, daemon=True)
    thread.start()
    kitchen = LiveKitchen(Server(), thread, "http://127.0.0.1:9")
    assert seconds_until_interrupted(kitchen.stop) < ALLOWED


def test_stopping_the_file_watcher(forever):
    from kata.cli.file_events import WatchdogWatcher

    class Observer(threading.Thread):  # watchdog's observer, slow to stop
        def stop(self) -> None:
            pass

    watcher = WatchdogWatcher.__new__(WatchdogWatcher)
    watcher.observer = Observer(target=forever.wait, daemon=True)
    watcher.observer.start()
    assert seconds_until_interrupted(watcher.stop) < ALLOWED


def test_a_call_to_the_workshop_server(windows, silent_server):
    from kata.workshop import room

    assert seconds_until_interrupted(lambda: room.call("GET", f"{silent_server}/__workshop/x", timeout=5)) < ALLOWED


def test_a_webhook_call_made_for_the_team(windows, silent_server):
    from kata.workshop import room

    assert seconds_until_interrupted(lambda: room._post_here(f"{silent_server}/hook", {}, 5)) < ALLOWED


def test_a_call_to_the_test_kitchen(windows, silent_server):
    from kata.kitchen.client import KitchenClient

    assert seconds_until_interrupted(lambda: KitchenClient(silent_server).api("GET", "/health")) < ALLOWED


def test_kata_doctor_asking_the_kitchen(windows, silent_server):
    from kata.cli.commands import doctor

    assert seconds_until_interrupted(lambda: doctor._ask_health(silent_server)) < ALLOWED


def test_a_request_to_the_learners_app(windows, forever):
    """Chapter 9: the learner's app answers slowly over a real socket."""
    from flask import Flask

    from kata.waiter.app_under_test import served

    app = Flask("slow")
    app.add_url_rule("/", view_func=lambda: str(forever.wait()))
    with served(app) as live:
        assert seconds_until_interrupted(lambda: live.request("GET", "/")) < ALLOWED
        forever.set()


# Every wait of the kata goes through kata.host ---------------------------------------------------------

SOCKET_CALLS = {"open", "urlopen", "request", "create_connection"}  # and requests.<verb>
LEARNER_STAND_INS = ("front_desk.py", "desks")  # learner-code stand-ins: the tests run them under a time limit


def raw_waits(tree: ast.AST) -> list[tuple[int, str]]:
    """Waits that hold Ctrl+C on Windows: join/wait/communicate with a timeout or none, get(timeout=...)."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, keywords = node.func.attr, {k.arg for k in node.keywords}
        if isinstance(node.func.value, ast.Name) and node.func.value.id in ("host", "requests"):
            continue
        numeric = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, (int, float))]
        if (
            (name == "join" and (not node.args or numeric or "timeout" in keywords))
            or name in ("wait", "communicate")
            or (name == "get" and "timeout" in keywords)
        ):
            found.append((node.lineno, ast.unparse(node)))
    return found


def raw_socket_calls(tree: ast.AST) -> list[tuple[int, str]]:
    """Calls with a socket timeout made outside `host.call` (or a function that only `host.call` runs)."""
    through_host: set[str] = set()
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "host.call":
            exempt.update(id(sub) for sub in ast.walk(node))
            through_host.update(
                sub.func.id for sub in ast.walk(node) if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name)
            )
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in through_host:
            exempt.update(id(sub) for sub in ast.walk(node))
    return [
        (node.lineno, ast.unparse(node.func))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and any(k.arg == "timeout" for k in node.keywords)
        and (node.func.attr in SOCKET_CALLS or ast.unparse(node.func.value) == "requests")
        and id(node) not in exempt
    ]


def test_every_wait_and_socket_call_of_the_kata_goes_through_host():
    held = []
    for path in sorted(KATA.rglob("*.py")):
        relative = path.relative_to(KATA).as_posix()
        if relative == "host.py" or relative.startswith(LEARNER_STAND_INS):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        held += [f"kata/{relative}:{line}: {text}" for line, text in raw_waits(tree) + raw_socket_calls(tree)]
    assert not held, "These waits hold Ctrl+C on Windows; use kata.host's:\n" + "\n".join(held)


def test_the_scan_finds_a_raw_wait_and_a_raw_socket_call():
    tree = ast.parse(
        "def stop(thread, events, opener, request):\n"
        "    thread.join(2)\n    events.get(timeout=1)\n    opener.open(request, timeout=5)\n"
        "    host.join(thread, 2)\n    host.call(lambda: opener.open(request, timeout=5))\n    ', '.join(names)\n"
    )
    assert [line for line, _ in raw_waits(tree)] == [2, 3]
    assert [line for line, _ in raw_socket_calls(tree)] == [4]
