"""The room's file on a facilitator's laptop: one server per file, checked at start, backed up while served.

- ``Lock``: ``workshop.sqlite3.lock`` beside the file, held (``fcntl.flock``, ``msvcrt.locking`` on Windows)
  while a server serves the file; it says which process (and, once bound, which address) that is.
- ``check``: what is wrong with a file before it is opened (unreadable, not a database, truncated);
  ``changed``: what happened to it while it is served (removed, replaced, overwritten), which ``shout`` says.
- ``Backups``: copies taken through SQLite's online backup API into ``workshop-backups/`` beside the file,
  rotated (the newest ``KEEP``), each checked after it is written; ``restore`` starts from the newest good one.

Every failure is a ``RoomFileError``: one line that says what happened and the way out.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

HEADER = b"SQLite format 3\x00"
KEEP = 10  # backups kept
ELSEWHERE = "or choose another file with --workshop-db FILE"


class CannotStart(Exception):
    """A workshop that cannot start: ``str()`` is one line, what happened and the way out."""


class RoomFileError(CannotStart):
    """The room's file cannot be served."""


def kind_of(error: sqlite3.Error | OSError) -> str:
    """full, read-only, corrupt, unreadable or io: what a failed read or write of the file means."""
    name = str(getattr(error, "sqlite_errorname", ""))
    text = str(error).lower()
    if "FULL" in name or "full" in text or getattr(error, "errno", None) == errno.ENOSPC:
        return "full"
    if "READONLY" in name or ("read" in text and "only" in text) or getattr(error, "errno", None) == errno.EROFS:
        return "read-only"
    if "CORRUPT" in name or "NOTADB" in name or "malformed" in text or "not a database" in text:
        return "corrupt"
    if "CANTOPEN" in name or "unable to open" in text or isinstance(error, PermissionError):
        return "unreadable"
    return "io"


def way_out(path: Path, kind: str, detail: str) -> str:
    """The one line for a file that cannot be opened."""
    if kind == "full":
        return f"The disk holding {path} is full ({detail}): free some space and start again, {ELSEWHERE}."
    if kind == "read-only":
        return f"{path} is read-only ({detail}): make it and its folder writable (chmod u+w), {ELSEWHERE}."
    if kind == "unreadable":
        return f"{path} cannot be opened ({detail}): give this user read and write access to it, {ELSEWHERE}."
    newest = Backups(path).newest()
    if newest is not None:
        return (
            f"{path} is {kind} ({detail}): start with --workshop-restore to carry on from the newest good backup "
            f"({newest.name}), or move the file aside to start a new room."
        )
    return f"{path} is {kind} ({detail}) and has no backup: move it aside to start a new room, {ELSEWHERE}."


def check(path: Path) -> None:
    """RoomFileError when ``path`` exists and is not a whole SQLite file this user can read and write."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise RoomFileError(f"The folder {path.parent} does not exist: create it, {ELSEWHERE}.") from None
        return
    except OSError as error:
        raise RoomFileError(way_out(path, "unreadable", error.strerror or str(error))) from None
    if not path.is_file():
        raise RoomFileError(f"{path} is not a file: {ELSEWHERE}.")
    try:
        with path.open("rb") as file:
            head = file.read(100)
    except OSError as error:
        raise RoomFileError(way_out(path, "unreadable", error.strerror or str(error))) from None
    if size == 0:
        if Backups(path).newest() is not None:
            raise RoomFileError(way_out(path, "truncated", "it is empty, yet backups of a room exist"))
        return  # an empty file (touch) is a new room
    if not head.startswith(HEADER):
        raise RoomFileError(way_out(path, "corrupt", "it does not start as an SQLite file does"))
    page = int.from_bytes(head[16:18], "big") if len(head) >= 18 else 0
    page = 65536 if page == 1 else page
    if len(head) < 100 or not page or size % page:
        raise RoomFileError(way_out(path, "truncated", f"{size} bytes, not a whole number of {page}-byte pages"))
    if not os.access(path, os.R_OK | os.W_OK) or not os.access(path.parent, os.W_OK):
        raise RoomFileError(way_out(path, "read-only", "no write permission for this user"))


def changed(room: Path, identity: tuple[int, int]) -> str | None:
    """What happened to the file served as ``identity`` (device, inode) since: removed, replaced... or None."""
    try:
        stat = os.stat(room)
        with open(room, "rb") as file:
            head = file.read(len(HEADER))
    except FileNotFoundError:
        return "was removed"
    except OSError as error:
        return f"cannot be read any more ({error.strerror})"
    if (stat.st_dev, stat.st_ino) != identity:
        return "was replaced by another file"
    if head != HEADER:
        return "was overwritten (it no longer starts as an SQLite file does)"
    return None


def shout(text: str) -> None:
    """Say it loudly in the server's terminal."""
    rule = "!" * 78
    sys.stderr.write(f"{rule}\n{text}\n{rule}\n")
    sys.stderr.flush()


def integrity(connection: sqlite3.Connection) -> str | None:
    """None when ``PRAGMA integrity_check`` finds nothing wrong, else its first finding."""
    found = connection.execute("PRAGMA integrity_check(1)").fetchone()
    return None if found and found[0] == "ok" else str(found[0] if found else "no answer")


def private(path: Path) -> None:
    """Create ``path`` readable by its owner only (it holds the secret and every token), or make it so."""
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    if sys.platform != "win32":
        os.chmod(path, 0o600)


class Lock:
    """``<file>.lock``, held while this process serves the file; its text says who does."""

    def __init__(self, room: Path) -> None:
        self.room = room
        self.path = room.with_name(room.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise RoomFileError(way_out(self.room, kind_of(error), error.strerror or str(error))) from None
        try:
            _lock(fd)
        except OSError:
            holder = _holder(self.path)
            os.close(fd)
            raise RoomFileError(
                f"{self.room} is already served by {holder}: stop that server (Ctrl+C in its terminal), "
                "or give this one another room with --workshop-db OTHER.sqlite3."
            ) from None
        self._fd = fd
        self.describe()

    def describe(self, url: str = "") -> None:
        """Say in the lock file who serves the room (the address once the server is bound)."""
        if self._fd is None:
            return
        about = json.dumps({"pid": os.getpid(), "url": url, "since": time.strftime("%H:%M:%S")}).encode()
        try:
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.ftruncate(self._fd, 0)
            os.write(self._fd, about)
        except OSError:  # a full disk: the lock holds all the same, the room's file will say what is wrong
            pass

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing lets go of the lock (flock and msvcrt alike)


def _lock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        os.lseek(fd, 4096, os.SEEK_SET)  # a byte past the text, so the text stays readable to the next server
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        os.lseek(fd, 0, os.SEEK_SET)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _holder(path: Path) -> str:
    try:
        about: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")[:4096] or "{}")
    except (OSError, ValueError):
        about = {}
    who = f"process {about['pid']}" if about.get("pid") else "another process"
    if about.get("url"):
        who += f" ({about['url']}, since {about.get('since', '?')})"
    return who


class Backups:
    """Rotated copies of the room in ``<stem>-backups/`` beside it, newest last by name."""

    def __init__(self, room: Path, keep: int = KEEP) -> None:
        self.room = room
        self.folder = room.with_name(room.stem + "-backups")
        self.keep = keep

    def all(self) -> list[Path]:
        try:
            return sorted(self.folder.glob(f"{self.room.stem}-*.sqlite3"))
        except OSError:
            return []

    def newest(self) -> Path | None:
        """The newest backup that passes SQLite's integrity check, or None."""
        for path in reversed(self.all()):
            if _good(path):
                return path
        return None

    def take(self, connection: sqlite3.Connection) -> Path | None:
        """Copy the room (SQLite's online backup API), check the copy, rotate; None when it could not be kept."""
        self.folder.mkdir(mode=0o700, exist_ok=True)
        now = time.time_ns()  # one reading: the names sort as the copies were taken
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(now // 10**9))
        target = self.folder / f"{self.room.stem}-{stamp}-{now % 10**9:09d}.sqlite3"
        try:
            private(target)
            copy = sqlite3.connect(target)
            try:
                connection.backup(copy)
                wrong = integrity(copy)
            finally:
                copy.close()
        except (sqlite3.Error, OSError):
            wrong = "not written"
        if wrong is not None:
            target.unlink(missing_ok=True)
            return None
        for old in self.all()[: -self.keep]:
            old.unlink(missing_ok=True)
        return target


def _good(path: Path) -> bool:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return integrity(connection) is None
        finally:
            connection.close()
    except sqlite3.Error:
        return False


def restore(room: Path) -> str:
    """Put the newest good backup in ``room``'s place (the file there is moved aside); the line to print."""
    newest = Backups(room).newest()
    if newest is None:
        raise RoomFileError(f"No good backup of {room} to restore (none in {Backups(room).folder}).")
    aside = ""
    moved = room.with_name(f"{room.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):  # the write-ahead log belongs to the file moved aside
        if Path(f"{room}{suffix}").exists():
            Path(f"{room}{suffix}").rename(f"{moved}{suffix}")
            aside = f"; the file that was there is now {moved.name}"
    shutil.copyfile(newest, room)
    private(room)
    return f"Restored {room} from the backup {newest.name}{aside}."
