"""The kitchen's clock: real seconds, or a manual clock that only moves when told.

Every time-dependent behaviour (cooking, token expiry, rate-limit windows,
journal timestamps) reads ``Clock.now()``, so tests advance time through
``POST /__admin/clock`` instead of sleeping.
"""

from __future__ import annotations

import datetime as _dt
import threading
import time

# The manual clock starts at a fixed, readable moment so that tests and docs are
# deterministic; the real clock starts at the wall time of the last reset.
MANUAL_EPOCH = _dt.datetime(2024, 1, 1, 12, 0, 0, tzinfo=_dt.timezone.utc)


class Clock:
    """Seconds since the last reset, on a real or a manual clock.

    ``advance()`` works in both modes: on the real clock it adds an offset,
    which lets a facilitator fast-forward a running kitchen.
    """

    def __init__(self, mode: str = "real") -> None:
        if mode not in ("real", "manual"):
            raise ValueError(f"CLOCK must be 'real' or 'manual', not {mode!r}")
        self.mode = mode
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._offset = 0.0
            self._started = time.monotonic()
            if self.mode == "manual":
                self._epoch = MANUAL_EPOCH
            else:
                self._epoch = _dt.datetime.now(_dt.timezone.utc)

    def now(self) -> float:
        """Seconds elapsed since the last reset (monotonic, never goes back)."""
        if self.mode == "manual":
            return self._offset
        return time.monotonic() - self._started + self._offset

    def advance(self, seconds: float) -> float:
        with self._lock:
            self._offset += seconds
        return self.now()

    def isoformat(self, at: float) -> str:
        """The wall-clock time of clock reading ``at``, as RFC 3339 UTC text."""
        moment = self._epoch + _dt.timedelta(seconds=at)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
