"""The keys the learner presses during `kata watch`, read from a daemon thread into the watch's queue.

On a terminal a key counts at once, without Enter: cbreak mode on POSIX
(given back by `restore()`), msvcrt on Windows. From a pipe (a test, an
editor's task runner, Git Bash's mintty) each line is a key; an empty line is Enter.
At the end of the input (`</dev/null`, Ctrl+D) no key can come any more: that is `q`.
Which reader: `kata.host.key_reader`.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from typing import Callable

from kata import host
from kata.cli.file_events import Event

ENTER_NOTE = "Keys count after Enter here (Git Bash): type q then Enter to quit."
WINDOWS_POLL = 0.05  # seconds between two looks at the Windows console: the thread never waits inside getwch


class Keys:
    """Reads keys into the queue from a daemon thread; `restore()` gives the terminal back."""

    def __init__(self, events: queue.Queue[Event]) -> None:
        self.events = events
        self._restore: Callable[[], None] = lambda: None
        self._stop = threading.Event()
        try:
            interactive = sys.stdin is not None and sys.stdin.isatty()
        except (AttributeError, ValueError):
            interactive = False
        kind = host.key_reader(interactive)
        # Said once: in Git Bash a Windows program's stdin is a pipe, so a key counts only after Enter.
        self.note = (
            "Keys count after Enter here (Git Bash): type q then Enter to quit."
            if host.keys_need_enter(interactive)
            else ""
        )
        if kind == "msvcrt":
            reader = self._windows_keys
        elif kind == "cbreak":
            reader = self._posix_keys
            self._cbreak()
        else:
            reader = self._lines
        self._thread = threading.Thread(target=reader, name="kata-keys", daemon=True)
        self._thread.start()

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
            if not data:  # the end of the input: no key can come any more
                self._put("q")
                return
            if not data.startswith(b"\x1b"):  # skip arrow keys and other escape sequences
                for char in data.decode("utf-8", "ignore"):
                    self._put(char)

    def _windows_keys(self) -> None:
        import msvcrt

        while not self._stop.is_set():
            if not msvcrt.kbhit():  # type: ignore[attr-defined]
                host.wait(self._stop, WINDOWS_POLL)
                continue
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
        try:
            for line in sys.stdin:
                self._put(line.strip()[:1] or "\n")
        except (OSError, ValueError):  # closed under us
            pass
        self._put("q")  # the end of the input: no key can come any more

    def restore(self) -> None:
        """Give the terminal back, and let the Windows reader end (it looks at the console between keys)."""
        self._stop.set()
        self._restore()
        self._restore = lambda: None
