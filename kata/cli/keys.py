"""The keys the learner presses during `kata watch`, read from a daemon thread into the watch's queue.

On a terminal a key counts at once, without Enter: cbreak mode on POSIX
(given back by `restore()`), msvcrt on Windows. From a pipe (a test, an
editor's task runner) each line is a key; an empty line is Enter.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from typing import Callable

from kata.cli.file_events import Event


class Keys:
    """Reads keys into the queue from a daemon thread; `restore()` gives the terminal back."""

    def __init__(self, events: queue.Queue[Event]) -> None:
        self.events = events
        self._restore: Callable[[], None] = lambda: None
        try:
            interactive = sys.stdin is not None and sys.stdin.isatty()
        except (AttributeError, ValueError):
            interactive = False
        if interactive and sys.platform == "win32":
            reader = self._windows_keys
        elif interactive:
            reader = self._posix_keys
            self._cbreak()
        else:
            reader = self._lines
        threading.Thread(target=reader, name="kata-keys", daemon=True).start()

    def _put(self, key: str) -> None:
        self.events.put(Event("key", "\n" if key in ("\r", "\n") else key.lower()))

    def _cbreak(self) -> None:
        import termios
        import tty

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
        tty.setcbreak(fd)
        self._restore = lambda: termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    def _posix_keys(self) -> None:
        fd = sys.stdin.fileno()
        while True:
            try:
                data = os.read(fd, 8)
            except OSError:
                return
            if not data:
                return
            if not data.startswith(b"\x1b"):  # skip arrow keys and other escape sequences
                for char in data.decode("utf-8", "ignore"):
                    self._put(char)

    def _windows_keys(self) -> None:
        import msvcrt

        while True:
            char = msvcrt.getwch()  # type: ignore[attr-defined]
            if char in ("\x00", "\xe0"):  # a function or arrow key: its second half follows
                msvcrt.getwch()  # type: ignore[attr-defined]
                continue
            if char == "\x03":
                self._put("q")
                return
            self._put(char)

    def _lines(self) -> None:
        if sys.stdin is None:
            return
        for line in sys.stdin:
            self._put(line.strip()[:1] or "\n")

    def restore(self) -> None:
        self._restore()
        self._restore = lambda: None
