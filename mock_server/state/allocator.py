"""Giving memory back: after a kitchen is reset or removed, the C allocator returns its free pages to the system.

CPython hands the strings and lists of a dropped kitchen back to glibc's malloc, which keeps them for later
(in as many arenas as there were threads serving): the process's RSS would stay at its peak for ever.
``malloc_trim(0)`` returns every arena's free pages. It exists only in glibc, so elsewhere (macOS, Windows,
musl) ``give_back`` does nothing. It takes a few milliseconds on a large heap, so callers use it only when
a kitchen held enough to matter (``WORTH_TRIMMING``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from typing import Callable

WORTH_TRIMMING = 1024 * 1024  # bytes a reset or removal must free before the allocator is asked to give back


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def give_back() -> bool:
    """Ask the C allocator to return its free memory to the system; False where it cannot (not glibc)."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
