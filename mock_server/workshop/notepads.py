"""The teams' notepads the facilitator asked to see: who was asked, and the last record each sent, in memory.

Nothing of a team's traffic reaches the room unless the facilitator opens that team's notepad
(issue 28): opening it (``notepad_views``) marks the team as asked; the report that ends the team's
next run answers ``notepad_wanted: true``, and the team's laptop then sends its last run's notepad,
masked there (``masking``) and bounded. Each look renews the ask; ``LOOK_LIFETIME`` seconds without
one and the room stops asking and forgets the record.

Bounded: one record per team, replaced by the next (never appended), at most the workshop app's
body limit (256 KiB) each, and ``ROOM_LIMIT`` bytes for the whole room (past it, the oldest record
goes, and its page waits for the team's next run again).

Not kept in the room's file, on purpose: a notepad is a learner's traffic, the room's file and its
backups outlive the workshop, and the team's next run sends a fresh one anyway. After a restart the
facilitator opens the notepad again.

``shape`` rebuilds a received record with only the fields, types and sizes the page draws
(kata.notepad.page), so that a hostile upload can neither break the page nor grow the room.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, replace
from typing import Any, Callable

from flask import Flask

DESK_KEY = "mock_server.workshop.notepads"
LOOK_LIFETIME = 600.0  # seconds an ask lasts after the facilitator's last look
ROOM_LIMIT = 16 * 1024 * 1024  # bytes of records the whole room keeps
MAX_RUNS, MAX_TESTS, MAX_EVENTS, MAX_HEADERS = 40, 400, 300, 60
TEXT, VALUE, MESSAGE = 4000, 500, 1500  # characters of a body preview, a header value, a test's message
VERDICTS = ("passing", "failing", "broken", "not started", "not run", "skipped")
WHERE = ("kitchen", "stand-in", "your-app")


@dataclass
class Asked:
    """One team's notepad, asked for: when the facilitator last looked, and what the team sent (if it did)."""

    looked: float
    record: dict[str, Any] | None = None
    size: int = 0
    received: float | None = None  # wall clock, for the page
    masked: int = 0  # values masked in the room (the laptop's count is in the record's note)
    stamp: str = "waiting"


class NotepadDesk:
    """Every ask and record of one room. Thread-safe; the clocks are injectable."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        *,
        lifetime: float = LOOK_LIFETIME,
        room_limit: int = ROOM_LIMIT,
    ) -> None:
        self.clock, self.wall = clock, wall
        self.lifetime, self.room_limit = lifetime, room_limit
        self._lock = threading.Lock()
        self._asked: dict[int, Asked] = {}
        self._received = 0

    def _lapse(self) -> None:
        now = self.clock()
        for team_id in [t for t, asked in self._asked.items() if now - asked.looked > self.lifetime]:
            del self._asked[team_id]

    def look(self, team_id: int) -> Asked:
        """The facilitator looks at a team's notepad: it is asked for (again), and as it is now."""
        with self._lock:
            self._lapse()
            asked = self._asked.setdefault(team_id, Asked(self.clock()))
            asked.looked = self.clock()
            return replace(asked)

    def wanted(self, team_id: int) -> bool:
        with self._lock:
            self._lapse()
            return team_id in self._asked

    def receive(self, team_id: int, record: dict[str, Any], size: int, masked: int) -> bool:
        """Keep a team's record in place of its last one; False (nothing kept) when nobody asked for it."""
        with self._lock:
            self._lapse()
            asked = self._asked.get(team_id)
            if asked is None:
                return False
            asked.record, asked.size = None, 0
            others = sorted((a for a in self._asked.values() if a.record is not None), key=lambda a: a.received or 0)
            total = sum(a.size for a in others)
            while others and total + size > self.room_limit:
                oldest = others.pop(0)
                total -= oldest.size
                oldest.record, oldest.size, oldest.stamp = None, 0, f"dropped-{self._received}"
            self._received += 1
            asked.record, asked.size, asked.masked = record, size, masked
            asked.received, asked.stamp = self.wall(), f"run-{self._received}"
            return True

    def forget(self, team_id: int) -> None:
        with self._lock:
            self._asked.pop(team_id, None)

    def kept(self) -> int:
        """Bytes of records the room holds now."""
        with self._lock:
            return sum(asked.size for asked in self._asked.values())


def desk_of(app: Flask) -> NotepadDesk | None:
    return app.extensions.get(DESK_KEY)


# A received record, rebuilt with what the page draws ---------------------------------------------


def _text(value: Any, limit: int) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return str(value)[:limit]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _list(value: Any, limit: int) -> list[Any]:
    return [item for item in value[:limit] if isinstance(item, dict)] if isinstance(value, list) else []


def _headers(value: Any) -> list[list[str]]:
    pairs = value[:MAX_HEADERS] if isinstance(value, list) else []
    return [[_text(p[0], VALUE), _text(p[1], VALUE)] for p in pairs if isinstance(p, list) and len(p) == 2]


def _body(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict) or "text" not in value:
        return None
    size = _number(value.get("size"))
    return {
        "text": _text(value["text"], TEXT),
        "size": int(size) if size is not None else None,
        "cut": bool(value.get("cut")),
    }


def _event(event: dict[str, Any]) -> dict[str, Any]:
    if event.get("kind") == "wait":
        return {"kind": "wait", "seconds": _number(event.get("seconds")) or 0.0, "at": _number(event.get("at")) or 0.0}
    where = event.get("where") if event.get("where") in WHERE else "kitchen"
    request: dict[str, Any] = event["request"] if isinstance(event.get("request"), dict) else {}
    shaped: dict[str, Any] = {
        "kind": "exchange",
        "where": where,
        "method": _text(event.get("method"), 20) or "?",
        "origin": _text(event.get("origin"), VALUE),
        "path": _text(event.get("path"), VALUE * 2),
        "timeout": _text(event.get("timeout"), 60) or None,
        "ms": _number(event.get("ms")),
        "at": _number(event.get("at")) or 0.0,
        "request": {"headers": _headers(request.get("headers")), "body": _body(request.get("body"))},
    }
    if event.get("retried") is True:
        shaped["retried"] = True
    if "error" in event:
        shaped["error"] = _text(event["error"], VALUE) or "no answer"
        return shaped
    answer: dict[str, Any] = event["response"] if isinstance(event.get("response"), dict) else {}
    status = _number(answer.get("status"))
    problem = answer.get("problem") if isinstance(answer.get("problem"), dict) else None
    shaped["response"] = {
        "status": int(status) if status is not None and 100 <= status <= 999 else "?",
        "reason": _text(answer.get("reason"), 100),
        "headers": _headers(answer.get("headers")),
        "body": _body(answer.get("body")),
        "problem": {k: _text(problem[k], VALUE * 2) for k in ("title", "detail", "hint", "type") if k in problem}
        if problem
        else None,
    }
    return shaped


def _test(test: dict[str, Any]) -> dict[str, Any]:
    dropped = _number(test.get("dropped")) or 0
    return {
        "name": _text(test.get("name"), 300) or "?",
        "verdict": test.get("verdict") if test.get("verdict") in VERDICTS else None,
        "message": _text(test.get("message"), MESSAGE) or None,
        "dropped": max(0, int(dropped)),
        "events": [_event(event) for event in _list(test.get("events"), MAX_EVENTS)],
    }


def shape(runs: list[Any], note: Any = None) -> dict[str, Any]:
    """A team's upload with only what the page draws, every field of the type it expects, every text bounded."""
    shaped = [
        {
            "exercise": _text(run.get("exercise"), 80) or "?",
            "run": _text(run.get("run"), 40),
            "started": _number(run.get("started")),
            "tests": [_test(test) for test in _list(run.get("tests"), MAX_TESTS)],
        }
        for run in _list(runs, MAX_RUNS)
    ]
    return {"runs": shaped, "note": _text(note, VALUE)}
