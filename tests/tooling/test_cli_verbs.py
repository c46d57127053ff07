"""The `kata` command's verbs, run as a learner runs them: `python -m kata ...` in a copy of the kata.

Whole-kata runs (progress, next, check without an exercise) use `small_kata`,
the kata cut down to three exercises, so they stay quick.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Callable

import pytest

from kata.catalogue import load
from kata.cli.output import Output
from kata.kitchen import KITCHEN_ENV

ESCAPE = "\x1b["


def solve(root: Path, number: int) -> Path:
    exercise = load(root).exercises[number - 1]
    shutil.copy(exercise.source("solutions"), exercise.source("exercises"))
    return exercise.source("exercises")


def break_at_runtime(root: Path, number: int) -> None:
    """Started, but wrong: the stub raises something else than NotImplementedError."""
    path = load(root).exercises[number - 1].source("exercises")
    path.write_text(
        path.read_text(encoding="utf-8").replace("raise NotImplementedError", "raise ValueError('oops')"),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def untouched(small_kata: Path, copy_kata: Callable[[Path], Path]) -> Path:
    """A learner's copy with nothing done yet; read-only tests only."""
    return copy_kata(small_kata)


@pytest.fixture(scope="module")
def underway(small_kata: Path, copy_kata: Callable[[Path], Path]) -> Path:
    """A learner's copy with exercise 1 solved and exercise 2 started; read-only tests only."""
    root = copy_kata(small_kata)
    solve(root, 1)
    break_at_runtime(root, 2)
    return root


@pytest.fixture
def kata(small_kata: Path, copy_kata: Callable[[Path], Path]) -> Path:
    """A learner's copy of its own, free to modify."""
    return copy_kata(small_kata)


# progress, next -------------------------------------------------------------------------------------


def test_progress_is_the_default_and_shows_each_exercise_state_from_the_tests(underway, run_kata):
    result = run_kata(underway)
    catalogue = load(underway)
    first, second, third = catalogue.exercises[:3]
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Progress: 1/{len(catalogue.exercises)} exercises done" in result.stdout
    assert re.search(rf"\[x\] 1\. {re.escape(first.title)} +done", result.stdout), result.stdout
    assert re.search(rf"\[~\] 2\. {re.escape(second.title)} +in progress: \d+ of \d+ tests pass", result.stdout)
    assert re.search(rf"\[ \] 3\. {re.escape(third.title)} +not started", result.stdout)
    assert first.chapter.title in result.stdout
    assert "Next: exercise 2" in result.stdout and "kata check 2" in result.stdout
    assert ESCAPE not in result.stdout and "█" not in result.stdout


def test_next_names_the_first_unfinished_exercise_its_file_and_its_task(underway, run_kata):
    result = run_kata(underway, "next")
    second = load(underway).exercises[1]
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Next: exercise 2 of 3, {second.title}" in result.stdout
    assert f"open:   `exercises/{second.chapter.id}/{second.name}.py`" in result.stdout
    assert "task:" in result.stdout and "idea:   " + second.concept in result.stdout
    assert "kata hint 2" in result.stdout


# check ----------------------------------------------------------------------------------------------


def test_check_runs_one_exercise_focused_and_fails_on_the_stub(untouched, run_kata):
    first = load(untouched).exercises[0]
    result = run_kata(untouched, "check", "1")
    assert result.returncode == 1
    assert f"exercise 1: {first.title}" in result.stdout
    assert f"not started yet: exercises/{first.chapter.id}/{first.name}.py" in result.stdout
    assert "Progress:" not in result.stdout  # one exercise's run cannot know the kata's progress
    assert load(untouched).exercises[1].name not in result.stdout


def test_check_accepts_a_name_and_passes_on_a_solved_exercise(underway, run_kata):
    first = load(underway).exercises[0]
    result = run_kata(underway, "check", first.name, env={KITCHEN_ENV: ""})  # it starts a kitchen of its own
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Exercise 1 passes: {first.title}." in result.stdout
    assert "kata compare 1" in result.stdout


def test_check_without_an_exercise_checks_the_first_unfinished_one_only(underway, run_kata):
    result = run_kata(underway, "check")
    assert result.returncode == 1
    assert f"exercise 2: {load(underway).exercises[1].title}" in result.stdout
    assert load(underway).exercises[2].name not in result.stdout  # exercise 3's tests are not shown
    assert "Progress: 1/3 exercises done" in result.stdout


def test_check_explains_an_unknown_exercise(untouched, run_kata):
    result = run_kata(untouched, "check", "99")
    assert result.returncode == 2
    assert "There is no exercise 99" in result.stderr and "Traceback" not in result.stderr


def test_check_survives_a_syntax_error_and_names_file_and_line(kata, run_kata):
    first = load(kata).exercises[0]
    with first.source("exercises").open("a", encoding="utf-8") as file:
        file.write("\ndef oops(:\n")
    result = run_kata(kata, "check", "1")
    assert result.returncode == 1
    assert f"exercises/{first.chapter.id}/{first.name}.py, line" in result.stdout
    assert "Python cannot read this file" in result.stdout


# hint -----------------------------------------------------------------------------------------------


def test_hint_shows_the_next_hint_each_time_and_remembers_in_dot_kata(kata, run_kata):
    first = load(kata).exercises[0]
    total = len(first.hints)
    one = run_kata(kata, "hint", "1")
    two = run_kata(kata, "hint", "1")
    assert one.returncode == two.returncode == 0
    assert f"Hint 1 of {total}" in one.stdout and first.hints[0] in one.stdout
    assert f"Hint 2 of {total}" in two.stdout and first.hints[1] in two.stdout and first.hints[0] not in two.stdout
    assert (kata / ".kata" / "state.json").is_file()
    every = run_kata(kata, "hint", first.name, "--all")
    assert all(hint in every.stdout for hint in first.hints)
    again = run_kata(kata, "hint", "1")
    assert f"Hint {total} of {total}" in again.stdout and "That is every hint" in again.stdout


# compare --------------------------------------------------------------------------------------------


def test_compare_waits_until_the_exercise_passes_unless_peeking(untouched, run_kata):
    first = load(untouched).exercises[0]
    refused = run_kata(untouched, "compare", "1")
    assert refused.returncode == 1
    assert "does not pass yet" in refused.stdout and "--peek" in refused.stdout
    peek = run_kata(untouched, "compare", "1", "--peek")
    assert peek.returncode == 0
    assert f"--- exercises/{first.chapter.id}/{first.name}.py (yours)" in peek.stdout
    assert f"+++ solutions/{first.chapter.id}/{first.name}.py (reference)" in peek.stdout
    assert "-    raise NotImplementedError" in peek.stdout


def test_compare_after_passing_shows_the_diff(underway, run_kata):
    result = run_kata(underway, "compare", "1")
    assert result.returncode == 0
    assert "same as the reference solution's" in result.stdout


# reset ----------------------------------------------------------------------------------------------


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Learner", "-c", "user.email=learner@example.com", *args],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip


def test_reset_asks_then_restores_the_stub_from_git_and_keeps_a_backup(kata, run_kata):
    git(kata, "init", "-q")
    git(kata, "add", "-A")
    git(kata, "commit", "-q", "-m", "the kata as handed out")
    path = load(kata).exercises[0].source("exercises")
    stub = path.read_text(encoding="utf-8")
    mine = solve(kata, 1).read_text(encoding="utf-8")

    declined = run_kata(kata, "reset", "1", input="n\n")
    assert declined.returncode == 1 and "Nothing changed" in declined.stdout
    assert path.read_text(encoding="utf-8") == mine

    accepted = run_kata(kata, "reset", "1", input="y\n")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert path.read_text(encoding="utf-8") == stub
    backups = list((kata / ".kata" / "backups").iterdir())
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == mine
    assert backups[0].relative_to(kata).as_posix() in accepted.stdout

    again = run_kata(kata, "reset", "1", "--yes")
    assert again.returncode == 0 and "already the untouched stub" in again.stdout


def test_reset_without_git_uses_a_pristine_copy_or_says_what_to_do(kata, run_kata):
    exercise = load(kata).exercises[0]
    stub = exercise.source("exercises").read_bytes()
    solve(kata, 1)
    missing = run_kata(kata, "reset", "1", "--yes")
    assert missing.returncode == 2 and "fix:" in missing.stdout
    pristine = kata / ".kata" / "pristine" / "exercises" / exercise.chapter.id / f"{exercise.name}.py"
    pristine.parent.mkdir(parents=True)
    pristine.write_bytes(stub)
    restored = run_kata(kata, "reset", "1", "--yes")
    assert restored.returncode == 0
    assert exercise.source("exercises").read_bytes() == stub


# the command itself, colour -------------------------------------------------------------------------


def test_help_lists_every_verb(untouched, run_kata):
    result = run_kata(untouched, "--help")
    assert result.returncode == 0
    for verb in ("progress", "check", "next", "hint", "watch", "reset", "compare", "serve", "doctor"):
        assert verb in result.stdout


def test_colour_only_when_asked_for_and_never_with_no_color(kata, run_kata):
    forced = run_kata(kata, "hint", "1", "--all", env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert ESCAPE in forced.stdout
    refused = run_kata(kata, "hint", "1", "--all", env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert ESCAPE not in refused.stdout
    piped = run_kata(kata, "hint", "1", "--all", env={"NO_COLOR": ""})
    assert ESCAPE not in piped.stdout


def test_bars_and_clearing_degrade_to_plain_text():
    fancy, plain = Output(io.StringIO(), colour=True), Output(io.StringIO(), colour=False)
    assert fancy.bar(1, 2) and plain.bar(1, 2) == ""
    plain.clear()
    assert plain.stream.getvalue().startswith("---")  # type: ignore[attr-defined]
    assert plain.symbols["done"] == "[x]" and plain.style("x", "green") == "x"


def test_a_failing_live_test_shows_what_the_waiter_carried_to_the_kitchen(kata, run_kata):
    mine = load(kata).exercises[2].source("exercises")
    wrong_path = "    return requests.get(f'{base_url}/healthz', timeout=5).status_code == 200"
    mine.write_text(mine.read_text(encoding="utf-8").replace("    raise NotImplementedError", wrong_path))
    result = run_kata(kata, "check", "3")
    assert result.returncode == 1, result.stdout + result.stderr
    carried = result.stdout.split("what the waiter carried to the kitchen (newest last)", 1)
    assert len(carried) == 2, result.stdout
    assert re.search(r"GET /healthz\b.*404", carried[1]), result.stdout
