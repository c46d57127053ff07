"""What the CLI remembers between runs, in `.kata/` at the kata's root (git-ignored).

`state.json`: how many hints of each exercise were shown; `backups/`: the files
that `kata reset` and `kata catch-up` replaced; `results.json`: each exercise's
last test result, under the fingerprint of everything its tests loaded
(kata.cli.fingerprint), so that a result is only ever reused for exactly the
code it judged (kata.cli.known decides which are still good).

Every file is written whole to a temporary file beside it, then renamed over
the old one (`os.replace`, atomic on every platform): a crash leaves the old
file or the new one, never half of one. Two terminals writing at once can lose
one run's records (it then runs again), never mix them: results are keyed by
content. A file that cannot be read is dropped, and the caller says so once.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from kata import host
from kata.catalogue import Exercise
from kata.testrun.states import DONE, State, state_of

STATE_DIR = ".kata"
STATE_FILE = "state.json"
RESULTS_FILE = "results.json"
RESULTS_FORMAT = 1
COUNTS = ("passed", "failed", "not_started")


class Memory:
    """The kata's `.kata/state.json`: hints shown, and backups of replaced files."""

    def __init__(self, root: Path) -> None:
        self.dir = root / STATE_DIR
        self.file = self.dir / STATE_FILE

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        write_atomically(self.file, data)

    def hints_shown(self, exercise: Exercise) -> int:
        shown = self._read().get("hints_shown", {}).get(exercise.name, 0)
        return shown if isinstance(shown, int) and shown >= 0 else 0

    def set_hints_shown(self, exercise: Exercise, count: int) -> None:
        data = self._read()
        hints = data.get("hints_shown")
        if not isinstance(hints, dict):
            hints = data["hints_shown"] = {}
        hints[exercise.name] = count
        self._write(data)

    def backup(self, exercise: Exercise, content: bytes) -> Path:
        """Keep `content` (the learner's version of the file) in `.kata/backups/`; returns the new file."""
        folder = self.dir / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = folder / f"{exercise.name}.{stamp}.py"
        counter = 1
        while path.exists():
            counter += 1
            path = folder / f"{exercise.name}.{stamp}-{counter}.py"
        path.write_bytes(content)
        return path


def write_atomically(path: Path, data: dict[str, Any]) -> bool:
    """Write `data` as JSON to `path`: all of it or nothing. False if it could not be written (read-only folder)."""
    temporary = None
    try:
        path.parent.mkdir(exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(json.dumps(data, indent=1, sort_keys=True) + "\n")
        host.replace(temporary, path)  # Windows: tried again while another program holds the file
        return True
    except OSError:
        return False
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


@dataclass(frozen=True)
class Record:
    """One exercise's last result: its tally, and the fingerprint of what its tests loaded then."""

    fingerprint: str
    passed: int
    failed: int
    not_started: int

    @classmethod
    def from_json(cls, data: Any) -> Record:
        """The record in `data`; ValueError if it is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("fingerprint"), str):
            raise ValueError("not a record")
        counts = [data.get(name) for name in COUNTS]
        if not all(type(count) is int and count >= 0 for count in counts):
            raise ValueError("not a record")
        passed, failed, not_started = (int(count or 0) for count in counts)
        return cls(data["fingerprint"], passed, failed, not_started)

    def to_json(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, **{name: getattr(self, name) for name in COUNTS}}

    @property
    def state(self) -> State:
        return state_of(self.failed, self.not_started)


class ResultsMemory:
    """The kata's `.kata/results.json`: exercise name -> `Record`."""

    def __init__(self, root: Path) -> None:
        self.file = root / STATE_DIR / RESULTS_FILE

    def read(self) -> tuple[dict[str, Record], bool]:
        """The records, and False if the file was there but unreadable (it is then dropped: nothing is reused)."""
        try:
            return self._records(), True
        except FileNotFoundError:
            return {}, True
        except (OSError, ValueError, TypeError, RecursionError):
            return self._dropped()

    def _records(self) -> dict[str, Record]:
        """The records the file holds (FileNotFoundError, another OSError or ValueError if it holds none)."""
        data = json.loads(self.file.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != RESULTS_FORMAT:
            raise ValueError("another format")
        exercises = data.get("exercises")
        if not isinstance(exercises, dict):
            raise ValueError("no exercises")
        return {str(name): Record.from_json(record) for name, record in exercises.items()}

    def first_unfinished(self, exercises: Sequence[Exercise]) -> Exercise | None:
        """The first of `exercises` that is not remembered as done, whatever its files hold now: a quick guess at
        the one `kata check` will run, made before any fingerprint is taken (a wrong guess costs nothing more)."""
        try:
            records = self._records()
        except (OSError, ValueError, TypeError, RecursionError):  # `read` drops it, and says so, soon after
            records = {}
        for exercise in exercises:
            record = records.get(exercise.name)
            if record is None or record.state != DONE:
                return exercise
        return None

    def _dropped(self) -> tuple[dict[str, Record], bool]:
        try:
            self.file.unlink()
        except OSError:
            pass
        return {}, False

    def record(self, records: dict[str, Record]) -> None:
        """Remember these records, keeping the others as the file holds them now."""
        if not records:
            return
        current, _ = self.read()
        if all(current.get(name) == record for name, record in records.items()):
            return  # nothing new: the file stays as it is
        current.update(records)
        data = {"format": RESULTS_FORMAT, "exercises": {name: r.to_json() for name, r in sorted(current.items())}}
        write_atomically(self.file, data)

    def forget(self) -> None:
        try:
            self.file.unlink()
        except OSError:
            pass
