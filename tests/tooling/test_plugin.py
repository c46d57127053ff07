"""The pytest plugin, seen as a learner sees it: runs of the exercise tests in a copy of the kata."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kata.catalogue import load

CHAPTER_1 = "tests/exercises/ch1_first_contact"


@pytest.fixture
def kata(kata_copy: Path) -> Path:
    return kata_copy


@pytest.fixture
def learner_run(run_pytest):
    """The learner's run of chapter 1, with a short time limit for runaway code."""

    def run(root: Path, *args: str):
        return run_pytest(root, CHAPTER_1, "-q", "--no-header", "-rN", "-o", "kata_time_limit=1", *args)

    return run


def solve(root: Path, name: str) -> Path:
    exercise = load(root).find(name)
    shutil.copy(exercise.source("solutions"), exercise.source("exercises"))
    return exercise.source("exercises")


def test_untouched_stubs_show_progress_and_only_the_first_exercise(kata, learner_run):
    result = learner_run(kata)
    total = len(load(kata).exercises)
    assert result.returncode == 1
    assert f"Progress: 0/{total} exercises done" in result.stdout
    number = load(kata).find("ex03_is_it_open").number
    assert f"exercise {number}: Is the restaurant open?" in result.stdout
    assert "not started yet: exercises/ch1_first_contact/ex03_is_it_open.py::is_open" in result.stdout
    assert result.stdout.count("not started yet") == 1, result.stdout
    assert "ex04_read_the_menu" not in result.stdout.split("Progress:")[0]
    assert "Traceback" not in result.stdout and "warning" not in result.stdout.lower()


def test_a_solved_exercise_moves_the_focus_on(kata, learner_run):
    solve(kata, "ex03_is_it_open")
    result = learner_run(kata)
    assert re.search(r"Progress: 1/\d+ exercises done", result.stdout), result.stdout
    assert f"exercise {load(kata).find('ex04_read_the_menu').number}: Read the menu" in result.stdout
    assert "ex03_is_it_open" not in result.stdout.split("Progress:")[0]


def test_each_kind_of_broken_code_fails_only_its_own_exercise_with_a_message_that_says_where(kata, run_pytest):
    """Five exercises broken in five ways and one solved, in one run (a run per case would cost a second each)."""
    solve(kata, "ex01_anatomy_of_a_request")

    endless = kata / "exercises/ch0_warm_up/ex02_status_classes.py"
    endless.write_text(endless.read_text().replace("    raise NotImplementedError", "    while True:\n        pass"))

    wrong_verb = kata / "exercises/ch1_first_contact/ex03_is_it_open.py"
    wrong_verb.write_text(
        wrong_verb.read_text().replace(
            "    raise NotImplementedError", "    return requests.post(base_url + '/health')"
        )
    )

    syntax_error = solve(kata, "ex04_read_the_menu")
    lines = syntax_error.read_text().splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "response.raise_for_status()" in line)
    lines[number - 1] = "    status = = response.status_code"  # reported on this line by every Python
    syntax_error.write_text("\n".join(lines) + "\n")

    at_import = kata / "exercises/ch1_first_contact/ex05_filter_the_menu.py"
    at_import.write_text(at_import.read_text() + "\nMENU = {}['soup']\n")

    renamed = kata / "exercises/ch1_first_contact/ex06_look_up_a_dish.py"
    renamed.write_text(renamed.read_text().replace("def look_up_dish(", "def look_up_a_dish("))

    result = run_pytest(
        kata, "tests/exercises/ch0_warm_up", CHAPTER_1, "-q", "--no-header", "-rf", "-o", "kata_time_limit=0.25",
        "--no-focus",
    )  # fmt: skip
    out = result.stdout
    failed = [line for line in out.splitlines() if line.startswith(("FAILED", "ERROR"))]
    assert failed and not [line for line in failed if "ex01" in line], "a solved exercise failed:\n" + out

    # an endless loop is stopped, and the message says where it was busy
    assert "Your code was stopped: it was still running after 0.25 s." in out, out
    assert re.search(r"busy at exercises/ch0_warm_up/ex02_status_classes.py, line \d+, in (classify|whose_fault)", out)
    # a wrong verb is explained, as it went on the wire
    assert "Your code sent a POST request; this needs a GET." in out
    assert "got: POST http://kitchen.test/health" in out
    assert "it sent POST http://kitchen.test/health: an address this test's kitchen does not serve" in out
    assert "During handling" not in out
    # a syntax error names the file and the line
    assert f"exercises/ch1_first_contact/ex04_read_the_menu.py, line {number}" in out
    # an exception at import names the line
    assert "ex05_filter_the_menu.py fails as soon as it is imported: KeyError: 'soup'" in out
    assert re.search(r"ex05_filter_the_menu.py, line \d+, in <module>", out), out
    # a renamed function is reported
    assert "ex06_look_up_a_dish.py has no `look_up_dish`" in out


def test_solutions_run_is_not_focused(kata, learner_run):
    result = learner_run(kata, "--target", "solutions")
    assert result.returncode == 0, result.stdout
    assert "Progress:" not in result.stdout
