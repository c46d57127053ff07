"""The room: teams, their tokens and their latest results, behind one lock.

A ``Team`` is a pair (or a few people) at one laptop. Joining gives it a
random token and a kitchen of its own (the tenant ``team-<id>`` of the
``Store``). A report replaces the team's result for every exercise it names;
the board reads ``Registry.board()``.

The room lives in a SQLite file (``db``): every join, report and removal is written before it is
answered, and a registry opened on the same file knows the same teams, tokens, results, secret and
join code. Names are checked and compared as ``names`` says; joins are rate-limited (``budgets``).
A team's progress, its current exercise, whether it is stuck and the board's grid are ``team_progress``'s.
"""

from __future__ import annotations

import copy
import hmac
import secrets
import threading
import time
from dataclasses import replace
from typing import Any, Callable

from mock_server.workshop import course, names, team_progress
from mock_server.workshop.budgets import InFlight, JoinLimiter, SecretGuard
from mock_server.workshop.db import Database
from mock_server.workshop.team_progress import Team

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off a projector
MIN_SECRET = 16


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def _code_key(code: str) -> str:
    """Codes compare without case, spaces or dashes (``k7pm-q2`` is ``K7PMQ2``)."""
    return "".join(code.split()).replace("-", "").upper()


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
        secret: str | None = None,
        exercises: list[dict[str, Any]] | None = None,
        *,
        stuck_after: float = 600.0,
        max_teams: int = 200,
        clock: Callable[[], float] = time.time,
        database: Database | None = None,
        join_code: str | None = None,
        joins: JoinLimiter | None = None,
        idle_after: float = course.IDLE_AFTER,
    ) -> None:
        """``secret`` and ``join_code``: as given, else as the database kept them, else new ones (then kept)."""
        self.db = database if database is not None else Database()
        secret = secret or self.db.setting("secret") or secrets.token_hex(16)  # 128 bits
        if len(secret) < MIN_SECRET:
            raise ValueError(f"the facilitator secret must have at least {MIN_SECRET} characters")
        join_code = join_code or self.db.setting("join_code") or new_join_code()
        if len(_code_key(join_code)) < 4:
            raise ValueError("the join code must have at least 4 characters (not counting spaces and dashes)")
        self.db.set_setting("secret", secret)
        self.db.set_setting("join_code", join_code)
        self.secret = secret
        self.join_code = join_code
        self.joins = joins if joins is not None else JoinLimiter()
        self.guesses = SecretGuard()  # wrong facilitator secrets, per address
        self.in_flight = InFlight()  # each team's requests in its kitchen at once (Gate)
        self.exercises = [dict(exercise) for exercise in exercises or []]
        self._known = {exercise["name"] for exercise in self.exercises}
        self.stuck_after = float(stuck_after)
        self.idle_after = float(idle_after)
        self.max_teams = max_teams
        self.clock = clock
        self._lock = threading.Lock()
        self._teams: dict[str, Team] = {}  # by names.key(name)
        self._alike: dict[str, Team] = {}  # by names.skeleton(name): a join looks up, never scans (2000 learners)
        self._by_token: dict[str, Team] = {}
        self._by_id: dict[int, Team] = {}
        self._next_id = int(self.db.setting("next_id") or 0)
        self._seen: set[str] = set()  # exercise names reported, for a board without a catalogue
        charted = course.latest_points(self.db)
        for row in self.db.teams():
            team = Team(**row, charted_at=charted.get(row["id"]))
            self._add(team)
            self._next_id = max(self._next_id, team.id)
            if not self._known:
                self._seen.update(team.results)

    def _add(self, team: Team) -> None:
        self._teams[names.key(team.name)] = team
        self._alike.setdefault(names.skeleton(team.name), team)
        self._by_token[team.token] = team
        self._by_id[team.id] = team

    # Facilitator -------------------------------------------------------------------------------

    def is_facilitator(self, secret: str | None) -> bool:
        return (
            secret is not None
            and secret != ""
            and hmac.compare_digest(secret.encode("utf-8"), self.secret.encode("utf-8"))
        )

    @property
    def board_pass(self) -> str:
        """What the board's cookie holds: derived from the secret (HMAC), so the cookie never carries it."""
        return hmac.new(self.secret.encode("utf-8"), b"kata workshop board", "sha256").hexdigest()

    def is_board_pass(self, value: str | None) -> bool:
        return bool(value) and hmac.compare_digest((value or "").encode("utf-8", "replace"), self.board_pass.encode())

    def is_join_code(self, code: str | None) -> bool:
        return bool(code) and hmac.compare_digest(
            _code_key(code or "").encode("utf-8", "replace"), _code_key(self.join_code).encode("utf-8")
        )

    # Teams ---------------------------------------------------------------------------------------

    def join(self, name: str) -> Team:
        wrong = names.problem(name)
        if wrong:
            raise WorkshopError("validation-error", f"name: {wrong}")
        name = names.normalize(name)
        with self._lock:
            alike = self._alike.get(names.skeleton(name))
            if alike is not None and names.key(alike.name) != names.key(name):
                raise WorkshopError(
                    "conflict",
                    f"The name {name!r} looks like {alike.shown_name!r}, a team that has already joined.",
                    "Pick a name the room can tell apart on the board (other letters, not other scripts).",
                )
            if names.key(name) in self._teams:
                raise WorkshopError(
                    "conflict",
                    f"A team called {name!r} has already joined.",
                    "Pick another name. If it is your own team on a second laptop, copy the token from the first "
                    "one (.kata/workshop.json), or ask the facilitator.",
                )
            if len(self._teams) >= self.max_teams:
                raise WorkshopError("conflict", f"The room is full: {self.max_teams} teams have joined.")
            token = secrets.token_hex(12)  # hex: never starts with "-", which a command line would read as an option
            team = Team(self._next_id + 1, name, token, self.clock())
            self.db.save_team(team, next_id=team.id)  # written first: a join the file cannot keep is refused
            self._next_id = team.id
            self._add(team)
            return team

    def by_token(self, token: str | None) -> Team | None:
        if not token:
            return None
        with self._lock:
            return self._by_token.get(token)

    def by_name(self, name: str) -> Team | None:
        with self._lock:
            return self._teams.get(names.key(name))

    def by_id(self, team_id: int) -> Team | None:
        with self._lock:
            return self._by_id.get(team_id)

    def remove(self, name: str) -> Team | None:
        team = self.by_name(name)
        return self.remove_team(team) if team is not None else None

    def remove_team(self, team: Team) -> Team | None:
        """Remove ``team`` (found by name or id: a name nobody can type is still removable by id)."""
        with self._lock:
            if team.id not in self._by_id:
                return None
            # Written first: a failed write leaves the team in place. Its token is remembered as removed (course).
            self.db.remove_team(team.id, *course.removal(team.id, team.token, team.shown_name, self.clock()))
            del self._by_id[team.id]
            self._by_token.pop(team.token, None)
            self._teams = {key: found for key, found in self._teams.items() if found is not team}
            self._alike = {key: found for key, found in self._alike.items() if found is not team}
            return team

    def teams(self) -> list[Team]:
        with self._lock:
            return sorted(self._by_id.values(), key=lambda team: team.id)

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

    def report(self, team: Team, results: dict[str, str], kitchen: str | None = None) -> dict[str, Any]:
        """Record a learner run's per-exercise results (and where its kitchen was); the team's summary afterwards."""
        self.check_results(results)
        now = self.clock()
        with self._lock:
            seen = self._seen | set(results) if not self._known else self._seen
            after = replace(team, results={**team.results, **results}, last_report=now, reports=team.reports + 1)
            after.kitchen = kitchen or team.kitchen
            self._update_current(after, now, seen)
            also: tuple[tuple[str, tuple[Any, ...]], ...] = ()
            done = team_progress.done(after, self._columns(seen))
            if done != team_progress.done(team, self._columns(seen)):  # a point of progress over time (course)
                statement, after.charted_at = course.point(team.id, now, done, team.charted_at)
                also = (statement,)
            self.db.save_team(after, also=also)  # written first: a failed write leaves the team as it was
            for name in ("results", "last_report", "reports", "current", "current_since", "kitchen", "charted_at"):
                setattr(team, name, getattr(after, name))
            self._seen = seen
            return self._summary(team, now)

    def summary(self, team: Team) -> dict[str, Any]:
        with self._lock:
            return self._summary(team, self.clock())

    def _columns(self, seen: set[str] | None = None) -> list[dict[str, Any]]:
        return team_progress.columns(self.exercises, self._seen if seen is None else seen)

    def _update_current(self, team: Team, now: float, seen: set[str] | None = None) -> None:
        team_progress.update_current(team, now, self._columns(seen))

    def _summary(self, team: Team, now: float) -> dict[str, Any]:
        return team_progress.summary(team, now, self._columns(), self.stuck_after, self.idle_after)

    def board(self) -> dict[str, Any]:
        """Everything the facilitator's board shows, as JSON-ready data.

        The lock is held only to copy the teams (a report replaces a team's results, never changes them):
        with 2000 learners the rows take tens of milliseconds, which reports need not wait for.
        """
        now = self.clock()
        with self._lock:
            shown, teams = self._columns(), [copy.copy(team) for team in self._by_id.values()]
        grid = team_progress.board(teams, now, shown, self.stuck_after, self.idle_after)
        return {"now": now, "alarm": self.db.lost, **grid}

    # A course ------------------------------------------------------------------------------------

    def removed_as(self, token: str | None) -> tuple[str, float] | None:
        """(name, when) if ``token`` was a team's that the facilitator removed (course)."""
        return course.removed_as(self.db, token)

    def timeline(self, every: str) -> dict[str, Any]:
        """Exercises done per team over time (course.timeline), in board order."""
        with self._lock:
            teams = sorted((team.id, team.shown_name, team.joined) for team in self._by_id.values())
        return course.timeline(self.db, teams, every, self.clock())
