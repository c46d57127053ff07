"""The room on disk: teams, their tokens, the facilitator's secret, the join code and the board's progress.

One SQLite file (the standard library's ``sqlite3``, in WAL mode) that ``python -m mock_server
--workshop`` keeps in the folder it was started from (``workshop.sqlite3``; ``--workshop-db`` for
another). Every change is committed before the request that made it is answered, so a server killed
with ``kill -9`` and started again in the same folder knows every team, token and result it had
answered for. ``":memory:"`` (the app factory's default) keeps nothing.

The per-team kitchens (tables, orders, journal...) are not kept: they start fresh after a restart,
as every test starts by resetting them anyway.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import weakref
from pathlib import Path
from typing import Any

DEFAULT_FILE = "workshop.sqlite3"
MEMORY = ":memory:"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    joined REAL NOT NULL,
    results TEXT NOT NULL DEFAULT '{}',
    last_report REAL,
    reports INTEGER NOT NULL DEFAULT 0,
    current TEXT,
    current_since REAL NOT NULL DEFAULT 0
);
"""
TEAM_COLUMNS = ("id", "name", "token", "joined", "results", "last_report", "reports", "current", "current_since")


class Database:
    """A thin, thread-safe door to the file: one connection, one lock, one commit per change."""

    def __init__(self, path: str | Path = MEMORY) -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        # Autocommit (isolation_level None): each statement is committed before the call returns.
        self._connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        # Closed when this door goes (an app of the tests, a server at exit): Python 3.13 warns of an unclosed one.
        self._closing = weakref.finalize(self, self._connection.close)
        with self._lock:
            if self.path != MEMORY:
                self._connection.execute("PRAGMA journal_mode=WAL")
                self._connection.execute("PRAGMA synchronous=NORMAL")  # WAL: a commit survives a killed process
            self._connection.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._closing()

    # Settings ---------------------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        with self._lock:
            row = self._connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with self._lock:
            self._connection.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # Teams ------------------------------------------------------------------------------------------

    def teams(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._connection.execute(f"SELECT {', '.join(TEAM_COLUMNS)} FROM teams ORDER BY id").fetchall()
        found = []
        for row in rows:
            team = dict(zip(TEAM_COLUMNS, row))
            try:
                results = json.loads(team["results"])
            except ValueError:
                results = {}
            team["results"] = results if isinstance(results, dict) else {}
            found.append(team)
        return found

    def save_team(self, team: Any) -> None:
        """Insert or replace one team's row (a ``registry.Team``)."""
        values = (
            team.id,
            _storable(team.name),
            team.token,
            team.joined,
            json.dumps(team.results),
            team.last_report,
            team.reports,
            team.current,
            team.current_since,
        )
        with self._lock:
            self._connection.execute(
                f"INSERT OR REPLACE INTO teams ({', '.join(TEAM_COLUMNS)}) VALUES ({', '.join('?' * 9)})", values
            )

    def remove_team(self, team_id: int) -> None:
        with self._lock:
            self._connection.execute("DELETE FROM teams WHERE id = ?", (team_id,))


def _storable(text: str) -> str:
    """sqlite3 encodes text as UTF-8, which a lone surrogate is not: keep it as U+FFFD."""
    return "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in text)
