"""The `kata` command line that works where the learner is: every command the kata prints must exist there.

After `tox` the `kata` command is in tox's environment, not on the learner's PATH; after `uv run` it is
reached with `uv run kata`; with a virtual environment that is not activated, by its path. So a printed
`kata hint 1` becomes `.tox/learn/bin/kata hint 1`, `uv run kata hint 1` or `.venv/bin/kata hint 1`.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path
from typing import Mapping


def kata_command(arguments: str, environ: Mapping[str, str] | None = None) -> str:
    """`kata ARGUMENTS` as the learner can type it in the shell this run was started from."""
    environ = os.environ if environ is None else environ
    in_tox = bool(environ.get("TOX_ENV_NAME"))  # tox put its environment on PATH for this run only
    if environ.get("UV") and not in_tox:  # `uv run ...` (uv names itself in UV for what it starts)
        return f"uv run kata {arguments}"
    script = _script()
    if script is not None and not in_tox and _same(shutil.which("kata", path=environ.get("PATH")), script):
        return f"kata {arguments}"
    if script is not None:
        return f"{_shown(script)} {arguments}"
    return f"{_shown(Path(sys.executable))} -m kata {arguments}"


def _script() -> Path | None:
    """This environment's `kata` console script, if it has one."""
    name = "kata.exe" if sys.platform == "win32" else "kata"
    script = Path(sysconfig.get_path("scripts")) / name
    return script if script.is_file() else None


def _same(found: str | None, script: Path) -> bool:
    if found is None:
        return False
    try:
        return Path(found).resolve() == script.resolve()
    except OSError:
        return False


def _shown(path: Path) -> str:
    """The path as short as it goes (relative to the current folder when inside it), quoted if it has a space."""
    try:
        shown = str(path.relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    if " " not in shown:
        return shown
    return f'& "{shown}"' if sys.platform == "win32" else f'"{shown}"'
