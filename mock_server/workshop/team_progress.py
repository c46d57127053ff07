"""A team and its progress: its latest results, its current exercise, whether it is stuck, and the board's grid.

Stuck: a team is stuck on its current exercise (the first one, in catalogue order, that is not done) once
it has been the current one for ``stuck_after`` seconds. That covers "failing for ten minutes" and "has
not written a line for ten minutes" alike; the board says which. Plain functions of a room's state, which
``registry.Registry`` calls under its lock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from mock_server.workshop import names
from mock_server.workshop.course import IDLE_AFTER, is_idle

STATUSES = ("done", "failing", "not-started")
KITCHENS = ("room", "local")  # where a run's tests found their kitchen: the team's here, or one on its laptop
EXERCISE_PATTERN = r"^[a-z0-9_]{1,80}$"
MAX_EXERCISES = 200  # per report, and columns on the board when no catalogue is known


@dataclass
class Team:
    id: int
    name: str
    token: str
    joined: float
    results: dict[str, str] = field(default_factory=dict)  # exercise name -> status
    last_report: float | None = None
    reports: int = 0
    current: str | None = None
    current_since: float = 0.0
    kitchen: str | None = None  # where its last reported run's kitchen was (KITCHENS); None: not said
    charted_at: float | None = None  # its latest point of progress over time (course), not a column

    @property
    def tenant(self) -> str:
        return f"team-{self.id}"

    @property
    def shown_name(self) -> str:
        """The name as shown; kept beside the name it came from (the board shows every name every second)."""
        kept = self.__dict__.get("_shown")
        if kept is None or kept[0] is not self.name:
            kept = self.__dict__["_shown"] = (self.name, names.printable(self.name))
        return kept[1]


def done(team: Team, shown: list[dict[str, Any]]) -> int:
    return sum(1 for column in shown if team.results.get(column["name"]) == "done")


def poll_ms(teams: int) -> int:
    """How often the board should fetch its feed: every second up to 400 teams, then slower (5 s at 2000).

    The feed is about 0.7 KB per team: a course of 2000 learners' board would fetch 1.4 MB a second.
    """
    return max(1000, min(10000, teams * 5 // 2))


def columns(exercises: list[dict[str, Any]], seen: set[str]) -> list[dict[str, Any]]:
    """The board's columns: the catalogue's exercises, else the names reported so far."""
    if exercises:
        return exercises
    return [{"name": name, "number": index, "title": name} for index, name in enumerate(sorted(seen), 1)][
        :MAX_EXERCISES
    ]


def update_current(team: Team, now: float, shown: list[dict[str, Any]]) -> None:
    """The team's current exercise: the first column not done (since ``now`` when it changed)."""
    current = next((column["name"] for column in shown if team.results.get(column["name"]) != "done"), None)
    if current != team.current:
        team.current = current
        team.current_since = now


def summary(
    team: Team, now: float, shown: list[dict[str, Any]], stuck_after: float, idle_after: float = IDLE_AFTER
) -> dict[str, Any]:
    stuck_for = now - team.current_since if team.current and team.reports else 0.0
    seen = team.last_report if team.last_report is not None else team.joined
    idle = is_idle(seen, now, idle_after)
    return {
        "id": team.id,
        "name": team.shown_name,
        "done": done(team, shown),
        "total": len(shown),
        "current": team.current,
        "current_status": team.results.get(team.current, "not-started") if team.current else None,
        "stuck": bool(team.current and team.reports and stuck_for >= stuck_after and not idle),
        "on_current_for": round(stuck_for, 1),
        "idle": idle,  # no report for idle_after seconds: shown, counted, never removed (course)
        "idle_for": round(max(0.0, now - seen), 1),
        "joined_at": team.joined,
        "last_report_at": team.last_report,
        "reports": team.reports,
        "kitchen": team.kitchen,
    }


def board(
    teams: Iterable[Team], now: float, shown: list[dict[str, Any]], stuck_after: float, idle_after: float = IDLE_AFTER
) -> dict[str, Any]:
    """What the facilitator's board shows of the teams (``registry`` adds the time and the alarm)."""
    shown = [dict(column) for column in shown]
    rows = []
    working = dict.fromkeys((column["name"] for column in shown), 0)
    stuck = dict(working)
    for team in sorted(teams, key=lambda team: team.id):
        row = summary(team, now, shown, stuck_after, idle_after)
        row["cells"] = [team.results.get(column["name"], "not-started") for column in shown]
        rows.append(row)
        if team.current in working and team.reports and not row["idle"]:
            working[team.current] += 1
            if row["stuck"]:
                stuck[team.current] += 1
    return {
        "stuck_after": stuck_after,
        "idle_after": idle_after,
        "poll_ms": poll_ms(len(rows)),
        "exercises": shown,
        "teams": rows,
        "working": [working[column["name"]] for column in shown],
        "stuck": [stuck[column["name"]] for column in shown],
    }
