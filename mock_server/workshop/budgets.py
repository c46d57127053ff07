"""What keeps one team, or one stranger, from spoiling the room: a budget of joins and of slow requests.

- ``JoinLimiter``: joins (right code or wrong) are a token bucket per client address and one for the
  whole room, so a script cannot fill the room or guess the join code: past the budget, 429 with
  ``Retry-After``.
- ``SlowGate``: requests that hold a worker thread while they wait (``/kitchen/specials``, a latency
  fault, a long poll of ``/__workshop/deliveries``) are capped per team and for the whole room, so
  the other teams always find a free worker: past the cap, 429 with ``Retry-After``.

Both take a clock (seconds, monotonic) so tests can move time by hand.
"""

from __future__ import annotations

import math
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from mock_server.contract.problems import ApiError

JOIN_BURST = 5  # joins one address may make at once...
JOIN_EVERY = 6.0  # ...then one every 6 s
ROOM_BURST = 50  # joins the whole room may make at once...
ROOM_EVERY = 0.2  # ...then five a second
SLOW_PER_TEAM = 4  # slow requests one team may have waiting at once
SLOW_IN_ROOM = 12  # and the whole room (of waitress' 32 workers: 20 stay for everything else)


class Refused(ApiError):
    """Over a budget: a 429 problem whose ``Retry-After`` (whole seconds, >= 1) says when to try again."""

    def __init__(self, detail: str, retry_after: float, hint: str) -> None:
        self.retry_after = max(1, math.ceil(retry_after))
        super().__init__("rate-limited", detail, hint=hint, headers={"Retry-After": str(self.retry_after)})


@dataclass
class _Bucket:
    tokens: float
    at: float


class JoinLimiter:
    """Token buckets for joins: one per address, one for the room. Thread-safe."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        burst: int = JOIN_BURST,
        every: float = JOIN_EVERY,
        room_burst: int = ROOM_BURST,
        room_every: float = ROOM_EVERY,
    ) -> None:
        self.clock = clock
        self.burst, self.every = burst, every
        self.room_burst, self.room_every = room_burst, room_every
        self._lock = threading.Lock()
        self._buckets: dict[str, _Bucket] = {}
        self._room = _Bucket(float(room_burst), clock())

    def take(self, address: str | None) -> None:
        """Spend one join of ``address``'s budget and the room's; Refused when either is spent."""
        now = self.clock()
        with self._lock:
            if len(self._buckets) > 10_000:  # memory bounded: forget the addresses that are full again
                self._buckets = {a: b for a, b in self._buckets.items() if _level(b, now, self.every) < self.burst}
            mine = self._buckets.setdefault(address or "unknown", _Bucket(float(self.burst), now))
            own = _level(mine, now, self.every, self.burst)
            room = _level(self._room, now, self.room_every, self.room_burst)
            if own < 1:
                raise Refused(
                    f"Too many joins from {address}: {self.burst} at once, then one every {self.every:g} s.",
                    (1 - own) * self.every,
                    "Wait, then join again. One pair, one name: a second laptop uses the first one's token.",
                )
            if room < 1:
                raise Refused(
                    "Too many teams are joining at once.",
                    (1 - room) * self.room_every,
                    "Wait a moment, then join again.",
                )
            mine.tokens, mine.at = own - 1, now
            self._room.tokens, self._room.at = room - 1, now


def _level(bucket: _Bucket, now: float, every: float, burst: int = 0) -> float:
    level = bucket.tokens + max(0.0, now - bucket.at) / every
    return min(float(burst), level) if burst else level


class SlowGate:
    """How many slow requests each team has waiting, and the room. Thread-safe."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, *, per_team: int = SLOW_PER_TEAM, room: int = SLOW_IN_ROOM
    ) -> None:
        self.clock = clock
        self.per_team = per_team
        self.room = room
        self._lock = threading.Lock()
        self._waiting: dict[str, list[float]] = {}  # team -> when each of its waits ends

    @contextmanager
    def waiting(self, team: str, seconds: float) -> Iterator[None]:
        """Hold one of ``team``'s slots for a wait of ``seconds``; Refused when none is free."""
        end = self.clock() + seconds
        with self._lock:
            mine = self._waiting.setdefault(team, [])
            everyone = [moment for ends in self._waiting.values() for moment in ends]
            if len(mine) >= self.per_team:
                raise Refused(
                    f"Your team already has {len(mine)} slow requests waiting (specials, latency, long polls): "
                    f"at most {self.per_team} at once in a workshop.",
                    min(mine) - self.clock(),
                    "Wait for one to finish before you send another (the room shares the kitchen's workers).",
                )
            if len(everyone) >= self.room:
                raise Refused(
                    f"The room already has {len(everyone)} slow requests waiting: at most {self.room} at once.",
                    min(everyone) - self.clock(),
                    "Try again in a moment.",
                )
            mine.append(end)
        try:
            yield
        finally:
            with self._lock:
                mine = self._waiting.get(team, [])
                if end in mine:
                    mine.remove(end)
                if not mine:
                    self._waiting.pop(team, None)

    def count(self, team: str) -> int:
        with self._lock:
            return len(self._waiting.get(team, []))


GUESSES_FREE = 5  # wrong facilitator secrets one address may send before it must wait...
GUESS_WAIT_MAX = 300.0  # ...1 s, then 2, 4, 8... up to five minutes


class SecretGuard:
    """Wrong facilitator secrets per address: past ``free`` of them, a wait that doubles with each one. Thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, *, free: int = GUESSES_FREE) -> None:
        self.clock = clock
        self.free = free
        self._lock = threading.Lock()
        self._wrong: dict[str, tuple[int, float]] = {}  # address -> (wrong guesses, when the next is allowed)

    def check(self, address: str | None) -> None:
        """Refused (429) while ``address`` must wait after its wrong guesses."""
        with self._lock:
            wrong, until = self._wrong.get(address or "unknown", (0, 0.0))
        if until > self.clock():
            raise Refused(
                f"{wrong} wrong facilitator secrets from {address}: wait before the next try.",
                until - self.clock(),
                "Copy the board's address from the server's terminal (the key in it is the secret).",
            )

    def failed(self, address: str | None) -> None:
        with self._lock:
            if len(self._wrong) > 10_000:  # memory bounded: forget the addresses whose wait is over
                now = self.clock()
                self._wrong = {a: w for a, w in self._wrong.items() if w[1] > now}
            wrong = self._wrong.get(address or "unknown", (0, 0.0))[0] + 1
            wait = min(2.0 ** (wrong - self.free - 1), GUESS_WAIT_MAX) if wrong > self.free else 0.0
            self._wrong[address or "unknown"] = (wrong, self.clock() + wait)

    def succeeded(self, address: str | None) -> None:
        with self._lock:
            self._wrong.pop(address or "unknown", None)


TEAM_AT_ONCE = 8  # requests one team has in its kitchen at once (of 32 workers; 4 of them may be slow ones)
ADDRESSES_KEPT = 4096  # client addresses whose teams the accept loop knows (the oldest forgotten first)
TEAMS_PER_ADDRESS = 8  # teams remembered per address (a laptop runs one; a shared machine a few)


class InFlight:
    """How many requests each team has in its kitchen right now (nginx's ``limit_conn``, per team). Thread-safe."""

    def __init__(self, per_team: int = TEAM_AT_ONCE) -> None:
        self.per_team = per_team
        self._lock = threading.Lock()
        self._count: dict[str, int] = {}
        self._teams_at: dict[str, list[str]] = {}  # client address -> the teams last seen from it, newest last

    def seen(self, address: str, team: str) -> None:
        """``team`` sent a request from ``address`` (the connection's own peer, not a proxy's word)."""
        with self._lock:
            teams = [t for t in self._teams_at.pop(address, []) if t != team] + [team]
            self._teams_at[address] = teams[-TEAMS_PER_ADDRESS:]
            if len(self._teams_at) > ADDRESSES_KEPT:
                self._teams_at.pop(next(iter(self._teams_at)))

    def full_at(self, address: str) -> bool:
        """Every team seen from ``address`` has all its places taken: whatever it sends now would get a 429."""
        with self._lock:
            teams = self._teams_at.get(address) or []
            return bool(teams) and all(self._count.get(team, 0) >= self.per_team for team in teams)

    def enter(self, team: str) -> bool:
        """Take one of ``team``'s places (True), or False when all are taken."""
        with self._lock:
            if self._count.get(team, 0) >= self.per_team:
                return False
            self._count[team] = self._count.get(team, 0) + 1
            return True

    def leave(self, team: str) -> None:
        with self._lock:
            left = self._count.get(team, 0) - 1
            if left > 0:
                self._count[team] = left
            else:
                self._count.pop(team, None)
