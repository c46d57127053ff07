"""What the CLI remembers between runs, in `.kata/` at the kata's root (git-ignored).

Only things no test run can tell: how many hints of each exercise were shown,
and backups of files that `kata reset` replaced. Whether an exercise is done
is never stored: it is always derived from running its tests.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from kata import host
from kata.catalogue import Exercise

STATE_DIR = ".kata"
STATE_FILE = "state.json"


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
        self.dir.mkdir(exist_ok=True)
        temporary = self.file.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        host.replace(temporary, self.file)

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
