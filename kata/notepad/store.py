"""Where the notepad keeps the runs it recorded: `.kata/notepad/` at the kata's root (git-ignored).

One JSON file per exercise and run (`<exercise>/<run id>.json`), the last `KEEP_RUNS` of each exercise kept,
and `last.json` naming the last run and the exercises it recorded. Every file is written to a temporary
name first and moved into place, so a reader (`kata notepad`, the live page of `kata watch`) never sees half
a file. A file that cannot be read is treated as missing: the notepad is a help, never a reason to fail.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

NOTEPAD_DIR = Path(".kata") / "notepad"
LAST = "last.json"
KEEP_RUNS = 5  # per exercise
_RUN_FILE = re.compile(r"^\d{8}-\d{6}-\d{6}(-\d+)?\.json$")


def folder_of(root: Path) -> Path:
    return root / NOTEPAD_DIR


def write_text(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (a temporary file in the same folder, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8", errors="replace")
    os.replace(temporary, path)


def write_json(path: Path, data: Any) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class Notepad:
    """The recorded runs under one folder (`folder_of(root)`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save_run(self, run_id: str, started: float, by_exercise: dict[str, list[dict[str, Any]]]) -> None:
        """Keep one run: a file per exercise it touched, then `last.json`; drop runs beyond KEEP_RUNS."""
        for exercise, tests in by_exercise.items():
            write_json(
                self.folder / exercise / f"{run_id}.json",
                {"run": run_id, "started": started, "exercise": exercise, "tests": tests},
            )
            self._trim(self.folder / exercise)
        write_json(self.folder / LAST, {"run": run_id, "started": started, "exercises": list(by_exercise)})

    def _trim(self, folder: Path) -> None:
        runs = sorted(p for p in folder.iterdir() if _RUN_FILE.match(p.name))
        for old in runs[:-KEEP_RUNS]:
            try:
                old.unlink()
            except OSError:
                pass

    def last(self) -> dict[str, Any] | None:
        data = read_json(self.folder / LAST)
        return data if isinstance(data, dict) and isinstance(data.get("exercises"), list) else None

    def stamp(self) -> str:
        """Something that changes with every run saved (the live page asks for it)."""
        last = self.last()
        return str(last.get("run", "")) if last else ""

    def runs_of(self, exercise: str) -> list[Path]:
        folder = self.folder / exercise
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if _RUN_FILE.match(p.name))

    def latest(self, exercise: str) -> dict[str, Any] | None:
        """The last run recorded for `exercise`."""
        for path in reversed(self.runs_of(exercise)):
            data = read_json(path)
            if isinstance(data, dict) and isinstance(data.get("tests"), list):
                return data
        return None

    def last_run(self) -> list[dict[str, Any]]:
        """The last run, one record per exercise it recorded (a whole-kata run records many)."""
        last = self.last()
        if last is None:
            return []
        found = []
        for exercise in last["exercises"]:
            data = read_json(self.folder / str(exercise) / f"{last['run']}.json")
            if isinstance(data, dict) and isinstance(data.get("tests"), list):
                found.append(data)
        return found
