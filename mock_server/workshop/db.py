"""The room on disk: teams, their tokens, the facilitator's secret, the join code and the board's progress.

One SQLite file (the standard library's ``sqlite3``, in WAL mode, mode 0600) that ``python -m mock_server
--workshop`` keeps in the folder it was started from (``workshop.sqlite3``; ``--workshop-db`` for
another). ``":memory:"`` (the app factory's default) keeps nothing.

Write, then apply: every change is committed before memory changes and before the request is
answered, so a server killed with ``kill -9`` knows every team, token and result it answered for, and a
write that fails (disk full, file read-only or removed) changes nothing and is answered 503 with
``Retry-After`` (``RoomUnwritable``). What the file meets on a laptop (a second server, a damaged file
at start, backups) is ``roomfile``'s job; this door watches the file while it serves it (``check``,
every ``watch_every`` seconds and before every write): a file removed, replaced or overwritten is said
loudly, in the terminal and on the board, and nothing more is acknowledged until it is back.
The per-team kitchens (tables, orders, journal...) are not kept: they start fresh after a restart.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import weakref
from pathlib import Path
from typing import Any, Callable

from mock_server.contract.problems import ApiError
from mock_server.workshop import roomfile
from mock_server.workshop.roomfile import Backups, Lock, RoomFileError

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
    current_since REAL NOT NULL DEFAULT 0,
    kitchen TEXT
);
CREATE TABLE IF NOT EXISTS progress (team_id INTEGER NOT NULL, at REAL NOT NULL, done INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS progress_by_team ON progress (team_id, at);
CREATE TABLE IF NOT EXISTS removed (token_hash TEXT PRIMARY KEY, name TEXT NOT NULL, at REAL NOT NULL);
"""
ADDED_COLUMNS = {"kitchen": "ALTER TABLE teams ADD COLUMN kitchen TEXT"}  # a room file kept by an older kata
TEAM_COLUMNS = (
    "id", "name", "token", "joined", "results", "last_report", "reports", "current", "current_since", "kitchen"
)  # fmt: skip
SAVE_TEAM = f"INSERT OR REPLACE INTO teams ({', '.join(TEAM_COLUMNS)}) VALUES ({', '.join('?' * len(TEAM_COLUMNS))})"
SET = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
RETRY_AFTER = 30
WATCH_EVERY = 2.0  # seconds between two looks at the file
BACKUP_EVERY = 10.0  # seconds between two backups, when something changed


class RoomUnwritable(ApiError):
    """A change the room could not keep (nothing was changed): 503 with ``Retry-After``."""

    def __init__(self, detail: str, hint: str) -> None:
        super().__init__("service-unavailable", detail, hint=hint, headers={"Retry-After": str(RETRY_AFTER)})


class Database:
    """A thin, thread-safe door to the file: one connection, one lock, one transaction per change."""

    def __init__(
        self,
        path: str | Path = MEMORY,
        *,
        restore: bool = False,
        watch_every: float | None = WATCH_EVERY,
        backup_every: float = BACKUP_EVERY,
        warn: Callable[[str], None] = roomfile.shout,
    ) -> None:
        self.path = str(path)
        self.lost: str | None = None  # why the room cannot be kept any more (the board shows it)
        self.restored: str | None = None  # the line to print when --workshop-restore put a backup in place
        self.warn = warn
        self.backup_every = backup_every
        self._lock = threading.Lock()
        self._changes = self._backed_up = 0
        self._backed_at = time.monotonic()
        self._room = None if self.path == MEMORY else Path(self.path)
        self._file_lock = None if self._room is None else Lock(self._room)
        self._backups = None if self._room is None else Backups(self._room)
        self._stop = threading.Event()  # ends the watcher
        if self._room is not None and self._file_lock is not None:
            self._file_lock.acquire()
            try:
                if restore:
                    self.restored = roomfile.restore(self._room)
                roomfile.check(self._room)
                roomfile.private(self._room)
                stat = os.stat(self._room)
                self._identity = (stat.st_dev, stat.st_ino)  # the file this server serves (check)
            except (RoomFileError, OSError) as error:
                self._file_lock.release()
                if isinstance(error, OSError):
                    raise RoomFileError(roomfile.way_out(self._room, roomfile.kind_of(error), str(error))) from None
                raise
        # Autocommit: a change is one explicit transaction (write). Closed when this door goes (finalize).
        self._connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._closing = weakref.finalize(self, _close, self._connection, self._file_lock, self._stop)
        try:
            self._open()
        except sqlite3.Error as error:
            self._closing()
            assert self._room is not None  # ":memory:" does not fail
            raise RoomFileError(roomfile.way_out(self._room, roomfile.kind_of(error), str(error))) from None
        if self._room is not None:
            self.backup()
            if watch_every:
                watcher = threading.Thread(
                    target=_watch, args=(weakref.ref(self), self._stop, watch_every), name="room-file", daemon=True
                )
                watcher.start()

    def _open(self) -> None:
        with self._lock:
            if self._room is not None:
                self._connection.execute("PRAGMA journal_mode=WAL")
                self._connection.execute("PRAGMA synchronous=NORMAL")  # WAL: a commit survives a killed process
            self._connection.executescript(SCHEMA)
            present = {row[1] for row in self._connection.execute("PRAGMA table_info(teams)")}
            for column, statement in ADDED_COLUMNS.items():
                if column not in present:
                    self._connection.execute(statement)
            wrong = roomfile.integrity(self._connection) if self._room is not None else None
            if wrong is not None:
                raise sqlite3.DatabaseError(f"database disk image is malformed: {wrong}")
        self.set_setting("opened", str(time.time()))  # a write at start: a read-only file says so now

    def announce(self, url: str) -> None:
        """Say in the lock file which address serves the room (a second server names it)."""
        if self._file_lock is not None:
            self._file_lock.describe(url)

    def close(self) -> None:
        if self._room is not None and self.lost is None:
            self.backup(only_if_changed=True)
        with self._lock:
            self._closing()

    # The file, watched --------------------------------------------------------------------------------

    def check(self) -> str | None:
        """Look at the file: why the room cannot be kept (said loudly the first time), or None."""
        with self._lock:
            return self._check()

    def _check(self) -> str | None:
        if self._room is None:
            return None
        problem = roomfile.changed(self._room, self._identity)
        if problem is None:
            if self.lost is not None:
                self.lost = None
                self.warn(f"The room file {self._room} is back: joins and reports are kept again.")
            return None
        if self.lost is None:
            self.lost = f"The room file {self._room} {problem} while this server runs."
            kept = self._backups.take(self._connection) if self._backups else None
            saved = f"The room as it was is kept in {kept}." if kept else "No copy of the room could be taken."
            self.warn(
                f"{self.lost}\nNothing more can be kept: joins and reports are refused (503) until it is back.\n"
                f"{saved}\nWay out: stop this server (Ctrl+C) and start it again for a new room, or start it "
                "with --workshop-restore to carry on with this one."
            )
        return self.lost

    def backup(self, *, only_if_changed: bool = False) -> Path | None:
        """A checked copy of the room in the backups folder (``roomfile.Backups``)."""
        if self._backups is None:
            return None
        with self._lock:
            if only_if_changed and self._changes == self._backed_up:
                return None
            taken = self._backups.take(self._connection)
            if taken is not None:
                self._backed_up, self._backed_at = self._changes, time.monotonic()
            return taken

    def _tick(self) -> None:
        if self.check() is None and time.monotonic() - self._backed_at >= self.backup_every:
            self.backup(only_if_changed=True)

    # Writes: all or nothing ---------------------------------------------------------------------------

    def write(self, *statements: tuple[str, tuple[Any, ...]]) -> None:
        """Run ``statements`` in one transaction; RoomUnwritable (and nothing written) when it cannot be kept."""
        with self._lock:
            if self._check() is not None:
                raise RoomUnwritable(
                    f"{self.lost} Nothing more can be kept, so this was not done.",
                    "Tell the facilitator: the server's terminal and the board say what to do.",
                )
            try:
                self._connection.execute("BEGIN IMMEDIATE")
                for sql, parameters in statements:
                    self._connection.execute(sql, parameters)
                self._connection.execute("COMMIT")
            except sqlite3.Error as error:
                if self._connection.in_transaction:
                    self._connection.execute("ROLLBACK")
                raise self._unwritable(error) from None
            self._changes += 1

    def _unwritable(self, error: sqlite3.Error) -> RoomUnwritable:
        kind = roomfile.kind_of(error)
        what = {"full": "the disk is full", "read-only": "the room file is read-only"}.get(kind, str(error))
        self.warn(f"Could not write to the room file {self.path}: {what}. Nothing was changed.")
        return RoomUnwritable(
            f"The room could not keep this ({what}), so nothing was changed.",
            f"Try again in {RETRY_AFTER} s; tell the facilitator if it goes on (the server's terminal says why).",
        )

    # Settings ---------------------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        with self._lock:
            row = self._connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        self.write((SET, (key, value)))

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

    def save_team(self, team: Any, next_id: int | None = None, also: tuple[tuple[str, Any], ...] = ()) -> None:
        """Insert or replace one team's row (a ``team_progress.Team``), with the next id to give when one is said,
        and ``also`` in the same transaction (a point of its progress over time: ``course``)."""
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
            team.kitchen,
        )
        statements: list[tuple[str, tuple[Any, ...]]] = [(SAVE_TEAM, values)]
        if next_id is not None:  # ids are never reused, even after a removal
            statements.append((SET, ("next_id", str(next_id))))
        self.write(*statements, *also)

    def remove_team(self, team_id: int, *also: tuple[str, tuple[Any, ...]]) -> None:
        self.write(("DELETE FROM teams WHERE id = ?", (team_id,)), *also)

    def rows(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """A read of the course's own tables (``course``)."""
        with self._lock:
            return list(self._connection.execute(sql, parameters).fetchall())


def _watch(door: weakref.ref, stop: threading.Event, every: float) -> None:
    while not stop.wait(every):
        database = door()
        if database is None:
            return
        database._tick()
        del database  # not held while waiting


def _close(connection: sqlite3.Connection, lock: Lock | None, stop: threading.Event) -> None:
    stop.set()
    connection.close()
    if lock is not None:
        lock.release()


def _storable(text: str) -> str:
    """sqlite3 encodes text as UTF-8, which a lone surrogate is not: keep it as U+FFFD."""
    return "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in text)
