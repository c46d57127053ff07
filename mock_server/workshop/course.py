"""A room that lasts a course (issue 28): progress over time, tokens of removed teams, idle teams.

- **Progress over time.** When a report changes how many exercises a team has done, a point
  ``(team, time, done)`` goes into the room file's ``progress`` table, in the report's own
  transaction; at most one a minute per team (a later change within the minute moves that point),
  so a test that flips between passing and failing cannot fill the file. ``timeline`` turns the
  points into per-team series over hours, days or weeks, for the board and the exports.
- **Removed teams.** A removed team's token is remembered by its SHA-256 (never the token itself),
  with the team's name and when: that token then gets a 401 that says the team was removed, not
  "unknown", and ``kata join`` says it in one line.
- **Idle teams** are never removed, and their tokens never expire: a team whose last report (or
  its join, before any) is older than ``idle_after`` (``--idle-days``, 3 by default) is *idle*.
  The board shows it greyed with "idle N d" and counts it; it is not "stuck" (stuck is for a team
  at work). Only the facilitator removes a team.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timezone
from typing import Any

POINT_EVERY = 60.0  # seconds: at most one point of progress per team per minute
IDLE_AFTER = 3 * 86400.0
EVERY = {"hour": 3600.0, "day": 86400.0, "week": 7 * 86400.0}
MAX_BUCKETS = 400  # a timeline's length: the latest ones when the course is longer

Statement = tuple[str, tuple[Any, ...]]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def point(team_id: int, now: float, done: int, last_at: float | None) -> tuple[Statement, float]:
    """The statement that charts ``done`` at ``now``, and the time of the team's latest point afterwards."""
    if last_at is not None and 0 <= now - last_at < POINT_EVERY:
        return ("UPDATE progress SET done = ? WHERE team_id = ? AND at = ?", (done, team_id, last_at)), last_at
    return ("INSERT INTO progress (team_id, at, done) VALUES (?, ?, ?)", (team_id, now, done)), now


def removal(team_id: int, token: str, name: str, now: float) -> tuple[Statement, ...]:
    """What removing a team writes besides its row: its token's hash (remembered), its points (gone)."""
    return (
        ("INSERT OR REPLACE INTO removed (token_hash, name, at) VALUES (?, ?, ?)", (token_hash(token), name, now)),
        ("DELETE FROM progress WHERE team_id = ?", (team_id,)),
    )


def removed_as(db: Any, token: str | None) -> tuple[str, float] | None:
    """(name, when) if ``token`` belonged to a team the facilitator removed; None otherwise."""
    if not token:
        return None
    rows = db.rows("SELECT name, at FROM removed WHERE token_hash = ?", (token_hash(token),))
    return (str(rows[0][0]), float(rows[0][1])) if rows else None


REMOVED_HINT = "Join again under a new name with `kata join URL TEAM-NAME` (ask the facilitator if this is a mistake)."


def removed_detail(name: str, at: float) -> str:
    """What a removed team's token is told (401), on the workshop's routes and in its kitchen."""
    day = datetime.fromtimestamp(at, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"This token was team {name!r}'s, which the facilitator removed on {day}."


def latest_points(db: Any) -> dict[int, float]:
    """Each team's latest point, so that a restarted room keeps to one point a minute."""
    return {int(team): float(at) for team, at in db.rows("SELECT team_id, MAX(at) FROM progress GROUP BY team_id")}


def is_idle(last_seen: float, now: float, idle_after: float) -> bool:
    return now - last_seen >= idle_after


def timeline(db: Any, teams: list[Any], every: str, now: float) -> dict[str, Any]:
    """Exercises done per team at the end of each hour, day or week, from the first point to ``now``.

    ``teams``: (id, name) pairs, in board order. A team's value is ``None`` before it joined.
    """
    step = EVERY[every]
    rows = db.rows("SELECT team_id, at, done FROM progress ORDER BY at")
    start = min([at for _, at, _ in rows] + [joined for _, _, joined in teams] + [now])
    first = math.floor(start / step) * step
    count = min(MAX_BUCKETS, int((now - first) // step) + 1)
    first = max(first, math.floor(now / step) * step - (count - 1) * step)
    ends = [first + (index + 1) * step for index in range(count)]  # a bucket's value: done at its end
    by_team: dict[int, list[tuple[float, int]]] = {}
    for team_id, at, done in rows:
        by_team.setdefault(int(team_id), []).append((float(at), int(done)))
    series = []
    for team_id, name, joined in teams:
        points, values, index, done = by_team.get(team_id, []), [], 0, 0
        for end in ends:
            while index < len(points) and points[index][0] < end:
                done = points[index][1]
                index += 1
            values.append(None if joined >= end else done)
        series.append({"id": team_id, "name": name, "done": values})
    average = []
    for column in range(count):
        present = [row["done"][column] for row in series if row["done"][column] is not None]
        average.append(round(sum(present) / len(present), 2) if present else None)
    return {"every": every, "seconds": step, "ends": ends, "teams": series, "average": average}
