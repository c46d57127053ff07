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

from kata import host


def kata_command(arguments: str, environ: Mapping[str, str] | None = None) -> str:
    """`kata ARGUMENTS` as the learner can type it in the shell this run was started from (`kata` alone for "")."""
    return _launcher(os.environ if environ is None else environ) + (f" {arguments}" if arguments else "")


def _launcher(environ: Mapping[str, str]) -> str:
    """What starts the kata in that shell: `kata`, `uv run kata`, a path to the script, or python -m kata."""
    in_tox = bool(environ.get("TOX_ENV_NAME"))  # tox put its environment on PATH for this run only
    if environ.get("UV") and not in_tox:  # `uv run ...` (uv names itself in UV for what it starts)
        return "uv run kata"
    script = _script()
    if script is not None and not in_tox and _same(shutil.which("kata", path=environ.get("PATH")), script):
        return "kata"
    if script is not None:
        return _shown(script, environ)
    return f"{_shown(Path(sys.executable), environ)} -m kata"


def _script() -> Path | None:
    """This environment's `kata` console script, if it has one."""
    script = Path(sysconfig.get_path("scripts")) / host.script_name("kata")
    return script if script.is_file() else None


def _same(found: str | None, script: Path) -> bool:
    if found is None:
        return False
    try:
        return Path(found).resolve() == script.resolve()
    except OSError:
        return False


def _shown(path: Path, environ: Mapping[str, str]) -> str:
    """The path as short as it goes (relative to the current folder when inside it), as the shell takes it."""
    try:
        shown = str(path.relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    return host.shown_path(shown, environ)
