"""The room: teams, their tokens and their latest results, behind one lock.

A ``Team`` is a pair (or a few people) at one laptop. Joining gives it a
random token and a kitchen of its own (the tenant ``team-<id>`` of the
``Store``). A report replaces the team's result for every exercise it names;
the board reads ``Registry.board()``.

Stuck: a team is stuck on its current exercise (the first one, in catalogue
order, that is not done) once it has been the current one for
``stuck_after`` seconds. That covers "failing for ten minutes" and "has not
written a line for ten minutes" alike; the board says which.
"""

from __future__ import annotations

import hmac
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

STATUSES = ("done", "failing", "not-started")
NAME_PATTERN = r"^(?=.*\S)[^\x00-\x1f\x7f]{1,40}$"
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

    @property
    def tenant(self) -> str:
        return f"team-{self.id}"


class WorkshopError(Exception):
    """A request the registry refuses: ``kind`` is a problem slug (conflict, validation-error)."""

    def __init__(self, kind: str, detail: str, hint: str | None = None) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.hint = hint


class Registry:
    """Every team of one workshop. All methods are thread-safe."""

    def __init__(
        self,
        secret: str,
        exercises: list[dict[str, Any]] | None = None,
        *,
        stuck_after: float = 600.0,
        max_teams: int = 200,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if len(secret) < 8:
            raise ValueError("the facilitator secret must have at least 8 characters")
        self.secret = secret
        self.exercises = [dict(exercise) for exercise in exercises or []]
        self._known = {exercise["name"] for exercise in self.exercises}
        self.stuck_after = float(stuck_after)
        self.max_teams = max_teams
        self.clock = clock
        self._lock = threading.Lock()
        self._teams: dict[str, Team] = {}  # by name.casefold()
        self._by_token: dict[str, Team] = {}
        self._next_id = 0
        self._seen: set[str] = set()  # exercise names reported, for a board without a catalogue

    # Facilitator -------------------------------------------------------------------------------

    def is_facilitator(self, secret: str | None) -> bool:
        return (
            secret is not None
            and secret != ""
            and hmac.compare_digest(secret.encode("utf-8"), self.secret.encode("utf-8"))
        )

    # Teams ---------------------------------------------------------------------------------------

    def join(self, name: str) -> Team:
        if not re.fullmatch(NAME_PATTERN, name):
            raise WorkshopError("validation-error", "name: must be 1 to 40 printable characters, not all spaces")
        name = " ".join(name.split())
        with self._lock:
            if name.casefold() in self._teams:
                raise WorkshopError(
                    "conflict",
                    f"A team called {name!r} has already joined.",
                    "Pick another name. If it is your own team on a second laptop, copy the token from the first "
                    "one (.kata/workshop.json), or ask the facilitator.",
                )
            if len(self._teams) >= self.max_teams:
                raise WorkshopError("conflict", f"The room is full: {self.max_teams} teams have joined.")
            self._next_id += 1
            token = secrets.token_hex(12)  # hex: never starts with "-", which a command line would read as an option
            team = Team(self._next_id, name, token, self.clock())
            self._teams[name.casefold()] = team
            self._by_token[token] = team
            return team

    def by_token(self, token: str | None) -> Team | None:
        if not token:
            return None
        with self._lock:
            return self._by_token.get(token)

    def by_name(self, name: str) -> Team | None:
        with self._lock:
            return self._teams.get(" ".join(name.split()).casefold())

    def remove(self, name: str) -> Team | None:
        with self._lock:
            team = self._teams.pop(" ".join(name.split()).casefold(), None)
            if team is not None:
                del self._by_token[team.token]
            return team

    def teams(self) -> list[Team]:
        with self._lock:
            return sorted(self._teams.values(), key=lambda team: team.id)

    # Reports -------------------------------------------------------------------------------------

    def check_results(self, results: dict[str, str]) -> None:
        """Raise WorkshopError unless every name is a known exercise (when the catalogue is known)."""
        if not self._known:
            return
        unknown = sorted(set(results) - self._known)
        if unknown:
            raise WorkshopError(
                "validation-error",
                f"results: not exercises of this kata: {', '.join(unknown[:5])}",
                "Is your copy of the kata the same version as the facilitator's?",
            )

    def report(self, team: Team, results: dict[str, str]) -> dict[str, Any]:
        """Record a learner run's per-exercise results; the team's summary afterwards."""
        self.check_results(results)
        now = self.clock()
        with self._lock:
            team.results.update(results)
            team.last_report = now
            team.reports += 1
            if not self._known:
                self._seen.update(results)
            self._update_current(team, now)
            return self._summary(team, now)

    def summary(self, team: Team) -> dict[str, Any]:
        with self._lock:
            return self._summary(team, self.clock())

    def _columns(self) -> list[dict[str, Any]]:
        if self.exercises:
            return self.exercises
        return [{"name": name, "number": index, "title": name} for index, name in enumerate(sorted(self._seen), 1)][
            :MAX_EXERCISES
        ]

    def _update_current(self, team: Team, now: float) -> None:
        current = next(
            (column["name"] for column in self._columns() if team.results.get(column["name"]) != "done"), None
        )
        if current != team.current:
            team.current = current
            team.current_since = now

    def _summary(self, team: Team, now: float) -> dict[str, Any]:
        columns = self._columns()
        done = sum(1 for column in columns if team.results.get(column["name"]) == "done")
        stuck_for = now - team.current_since if team.current and team.reports else 0.0
        return {
            "name": team.name,
            "done": done,
            "total": len(columns),
            "current": team.current,
            "current_status": team.results.get(team.current, "not-started") if team.current else None,
            "stuck": bool(team.current and team.reports and stuck_for >= self.stuck_after),
            "on_current_for": round(stuck_for, 1),
            "joined_at": team.joined,
            "last_report_at": team.last_report,
            "reports": team.reports,
        }

    # The board -----------------------------------------------------------------------------------

    def board(self) -> dict[str, Any]:
        """Everything the facilitator's board shows, as JSON-ready data."""
        now = self.clock()
        with self._lock:
            columns = [dict(column) for column in self._columns()]
            rows = []
            working = dict.fromkeys((column["name"] for column in columns), 0)
            stuck = dict(working)
            for team in sorted(self._teams.values(), key=lambda team: team.id):
                summary = self._summary(team, now)
                summary["cells"] = [team.results.get(column["name"], "not-started") for column in columns]
                rows.append(summary)
                if team.current in working and team.reports:
                    working[team.current] += 1
                    if summary["stuck"]:
                        stuck[team.current] += 1
        return {
            "now": now,
            "stuck_after": self.stuck_after,
            "exercises": columns,
            "teams": rows,
            "working": [working[column["name"]] for column in columns],
            "stuck": [stuck[column["name"]] for column in columns],
        }
