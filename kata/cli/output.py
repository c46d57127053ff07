"""Terminal output: colour, symbols, progress bars and screen clearing, all degrading to plain text.

Plain text is used when stdout is not a terminal or `NO_COLOR` is set
(https://no-color.org); `FORCE_COLOR` turns colour on even in a pipe.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from kata import host

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
# Keyed by the exercise states of kata.testrun.results, and the parts of a progress bar.
FANCY_SYMBOLS = {"done": "✓", "failing": "✗", "not-started": "·", "bar": "█", "rest": "░"}
PLAIN_SYMBOLS = {"done": "[x]", "failing": "[~]", "not-started": "[ ]", "bar": "#", "rest": "."}


def _enable_windows_ansi(stream: TextIO) -> bool:
    """Turn on ANSI escape handling in a Windows console; False if it cannot be done."""
    try:
        import ctypes
        import msvcrt

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = msvcrt.get_osfhandle(stream.fileno())  # type: ignore[attr-defined]
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        return bool(kernel32.SetConsoleMode(handle, mode.value | 0x0004))  # ENABLE_VIRTUAL_TERMINAL_PROCESSING
    except (AttributeError, ImportError, OSError, ValueError):
        return False


def wants_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    if tty and host.windows():
        return _enable_windows_ansi(stream)
    return tty


def _can_encode(stream: TextIO, text: str) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


class Output:
    """Writes to the learner: `out.line(out.green("passes"))`; `out.fancy` is False for plain text."""

    def __init__(self, stream: TextIO | None = None, colour: bool | None = None) -> None:
        self.stream = stream or sys.stdout
        host.safe_streams(self.stream)
        self.fancy = wants_colour(self.stream) if colour is None else colour
        unicode_ok = _can_encode(self.stream, "".join(FANCY_SYMBOLS.values())) and host.console_shows_symbols()
        self.symbols = FANCY_SYMBOLS if self.fancy and unicode_ok else PLAIN_SYMBOLS

    def style(self, text: str, *names: str) -> str:
        if not self.fancy or not names:
            return text
        codes = ";".join(_CODES[name] for name in names)
        return f"\033[{codes}m{text}\033[0m"

    def bold(self, text: str) -> str:
        return self.style(text, "bold")

    def dim(self, text: str) -> str:
        return self.style(text, "dim")

    def good(self, text: str) -> str:
        return self.style(text, "green", "bold")

    def bad(self, text: str) -> str:
        return self.style(text, "red", "bold")

    def warn(self, text: str) -> str:
        return self.style(text, "yellow")

    def code(self, text: str) -> str:
        """A command or a path the learner can copy."""
        return self.style(text, "cyan") if self.fancy else f"`{text}`"

    def command(self, arguments: str) -> str:
        """`kata ARGUMENTS` as the learner's shell reaches it (kata.command_line), styled as code."""
        from kata.command_line import kata_command

        return self.code(kata_command(arguments))

    def line(self, text: str = "") -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def bar(self, done: int, total: int, width: int = 24) -> str:
        """A progress bar on a terminal, nothing in plain text."""
        if not self.fancy or total <= 0:
            return ""
        filled = round(width * done / total)
        return self.style(self.symbols["bar"] * filled, "green") + self.dim(self.symbols["rest"] * (width - filled))

    def clear(self) -> None:
        """Clear the screen on a terminal; a separator line in plain text."""
        if self.fancy:
            self.stream.write("\033[2J\033[3J\033[H")
            self.stream.flush()
        else:
            self.line("-" * 70)

    def status(self, text: str) -> None:
        """A transient note ("running the tests...") on a terminal; silent in plain text."""
        if self.fancy:
            self.stream.write(self.dim(text) + "\r")
            self.stream.flush()

    def clear_status(self) -> None:
        if self.fancy:
            self.stream.write("\033[2K\r")
            self.stream.flush()
