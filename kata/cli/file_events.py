"""Where `kata watch` gets its events from: file saves under `exercises/` (keys come from `keys.py`).

Saves and keys feed one queue of `Event`s, the `Inbox`. Saves come from
watchdog (inotify, FSEvents, ReadDirectoryChangesW), or from watchdog's
polling observer with `--poll` (network drives, some VMs and containers) or when
file events cannot start (the inotify watch limit). watchdog is a required dependency.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from kata import host

POLL_INTERVAL = 0.5
IGNORED_PARTS = ("__pycache__",)


@dataclass(frozen=True)
class Event:
    kind: str  # "save" or "key"
    value: str  # the saved file's path, or the key (lower case; "\n" for Enter)


class Inbox(queue.Queue[Event]):
    """The queue of a watch's events; `urgent` is set by those that should stop a test run (a save, q)."""

    def __init__(self) -> None:
        super().__init__()
        self.urgent = threading.Event()

    def put(self, item: Event, block: bool = True, timeout: float | None = None) -> None:
        if item.kind == "save" or item.value == "q":
            self.urgent.set()
        super().put(item, block, timeout)


def is_learner_save(path: str) -> bool:
    """A Python file, not bytecode, not an editor's backup or swap file."""
    name = os.path.basename(path)
    return (
        name.endswith(".py")
        and not name.startswith((".", "#"))
        and not any(p in Path(path).parts for p in IGNORED_PARTS)
    )


# File watching ------------------------------------------------------------------------------------


class WatchdogWatcher:
    """watchdog's native observer for this platform, or its polling observer."""

    def __init__(self, folder: Path, emit: Callable[[str], None], poll: bool) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        wanted = {"created", "modified", "moved", "closed"}  # not "opened"/"closed_no_write": test runs read the files

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                if event.is_directory or event.event_type not in wanted:
                    return
                path = getattr(event, "dest_path", "") or event.src_path
                path = os.fsdecode(path)
                if is_learner_save(path):
                    emit(path)

        self.observer = PollingObserver(timeout=POLL_INTERVAL) if poll else Observer()
        self.observer.schedule(Handler(), str(folder), recursive=True)

    def start(self) -> None:
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        host.join(self.observer, 2)


def start_watching(folder: Path, events: queue.Queue[Event], *, poll: bool) -> str:
    """Start putting saves under `folder` into `events`; returns how (for the learner to read)."""

    def emit(path: str) -> None:
        events.put(Event("save", path))

    try:
        watcher = WatchdogWatcher(folder, emit, poll)
        how = "looking for changes every half second" if poll else "watching for saves"
        watcher.start()
    except OSError as error:  # e.g. the inotify watch limit: watchdog's polling observer needs none
        watcher = WatchdogWatcher(folder, emit, poll=True)
        how = f"looking for changes every half second (file events failed: {error})"
        watcher.start()
    _watchers.append(watcher)
    return how


_watchers: list[Any] = []


def stop_watching() -> None:
    while _watchers:
        _watchers.pop().stop()


def wait_for_quiet(events: queue.Queue[Event], quiet: float = 0.04, longest: float = 0.6) -> list[Event]:
    """Debounce: after a save, let the burst of events an editor makes settle; returns the keys that came in.

    An editor's events for one save come within a few milliseconds; a later one stops the run it started
    (`Inbox.urgent`) and runs the tests again, so a short wait costs nothing but is felt on every save.
    """
    keys: list[Event] = []
    deadline = time.monotonic() + longest
    while True:
        left = min(quiet, deadline - time.monotonic())
        if left <= 0:
            return keys
        try:
            event = host.get(events, left)
        except queue.Empty:
            return keys
        if event.kind == "key":
            keys.append(event)
