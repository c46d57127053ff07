"""The learner's install (`pip install -e .`, no dev extras): a bare `pytest` is the learner's run.

A learner install has one pytest plugin, requests-mock's: these runs load that one only
(PYTEST_DISABLE_PLUGIN_AUTOLOAD), so a marker of a dev plugin (xdist_group) cannot hide behind an installed xdist.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from kata.catalogue import load
from kata.command_line import kata_command
from kata.kitchen.live import KITCHEN_ENV

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def learner(small_kata: Path, fresh_copy) -> Path:
    """A learner's copy of the (first three exercises of the) kata, untouched."""
    return fresh_copy(small_kata)


def learner_pytest(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m pytest ARGS` from the kata's root, with the plugins of a learner install only."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "requests_mock", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", **(env or {})},
    )


def test_a_bare_pytest_is_the_learners_run_red_on_the_stubs(learner: Path):
    result = learner_pytest(learner, env={KITCHEN_ENV: ""})
    first = load(learner).exercises[0]
    assert result.returncode == 1, result.stdout + result.stderr  # tests failed; not 2 (a usage or collection error)
    assert f"Progress: 0/{len(load(learner).exercises)} exercises done" in result.stdout
    assert f"exercise 1: {first.title}" in result.stdout
    assert f"not started yet: exercises/{first.chapter.id}/{first.name}.py" in result.stdout
    assert "error" not in result.stdout.lower(), result.stdout  # no collection error, no server or tooling suite


def test_discovery_collects_the_exercise_tests_only_and_exits_0(learner: Path):
    """What VS Code's Testing panel runs (`pytest --collect-only -q` from the root)."""
    result = learner_pytest(learner, "--collect-only", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    collected = [line for line in result.stdout.splitlines() if line.startswith("tests/")]
    assert collected and all(line.startswith("tests/exercises/") for line in collected), result.stdout
    chapters = {line.split("/")[2] for line in collected}
    assert chapters == {exercise.chapter.id for exercise in load(learner).exercises}


def test_the_maintainers_suites_collect_in_a_learner_install_too():
    """Named explicitly, tests/tooling collects without xdist: its `xdist_group` marker is registered."""
    result = learner_pytest(ROOT, "--collect-only", "-q", "--target", "solutions", "tests/tooling/test_integrity.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_target_solutions_without_paths_runs_every_suite():
    result = learner_pytest(ROOT, "--collect-only", "-q", "--target", "solutions")
    assert result.returncode == 0, result.stdout + result.stderr
    for suite in ("tests/exercises/", "tests/server/", "tests/tooling/"):  # tests/browser may skip: no Chromium
        assert suite in result.stdout, f"{suite} not collected:\n{result.stdout}"


def test_the_hint_command_the_run_prints_works_where_it_is_printed(learner: Path):
    result = learner_pytest(learner, env={KITCHEN_ENV: ""})
    line = next(line for line in result.stdout.splitlines() if line.strip().startswith("stuck?"))
    command = line.split("`")[1]
    hint = subprocess.run(
        shlex.split(command, posix=sys.platform != "win32"),
        cwd=learner,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert hint.returncode == 0, f"`{command}`: {hint.stdout}{hint.stderr}"
    assert "Hint 1 of" in hint.stdout, hint.stdout


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"UV": "/usr/bin/uv"}, "uv run kata hint 3"),  # `uv run pytest`: uv puts .venv on PATH for that run only
        ({"TOX_ENV_NAME": "learn", "UV": "/usr/bin/uv"}, "kata hint 3"),  # `uvx tox`: the env's own script
        ({"PATH": ""}, "kata hint 3"),  # a venv that is not activated: its script, by its path
    ],
)
def test_kata_command_names_a_command_that_works_in_the_learners_shell(environ, expected):
    command = kata_command("hint 3", environ)
    assert command.endswith(expected)
    if "UV" not in environ or "TOX_ENV_NAME" in environ:
        assert command != "kata hint 3"  # `kata` alone is not on the learner's PATH there


def test_kata_command_is_plain_kata_when_kata_is_on_path():
    scripts = Path(sys.executable).parent
    if not (scripts / ("kata.exe" if sys.platform == "win32" else "kata")).is_file():
        pytest.skip(f"this environment has no kata script in {scripts} (not an installed kata)")
    assert kata_command("next", {"PATH": str(scripts)}) == "kata next"


def test_doctor_prints_only_its_own_checks(learner: Path):
    result = subprocess.run(
        [sys.executable, "-m", "kata", "doctor"],
        cwd=learner,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1", "KATA_SERVER": ""},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""  # waitress's logger (e.g. "Task queue depth is 1") says nothing
    marks = ("[x] ", "[!] ", "[X] ", "    fix: ", "Everything is ready")
    strays = [line for line in result.stdout.splitlines() if line and not line.startswith(marks)]
    assert not strays, result.stdout


def test_the_readme_says_which_python_before_its_first_command_and_copes_with_the_usual_ones():
    """Issue 29: a 3.9 python3 (Xcode's) is caught before the install; Windows without the `py` launcher works."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.index("```")
    assert "Python 3.10 to 3.15" in readme[:first_block]
    blocks = dict(reversed(re.findall(r"```(\w+)\n(.*?)```", readme, flags=re.S)))  # the first of each kind
    posix, windows = blocks["bash"].splitlines(), blocks["powershell"].splitlines()
    assert posix[0] == "python3 --version" and "3.9" in readme[first_block : readme.index("Windows (PowerShell")]
    assert "py -m venv .venv" in windows[0] and "python -m venv .venv" in windows[0]  # either launcher
    assert any(line.endswith("python --version") for line in windows[:2])
