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


def test_a_syntax_error_fails_only_its_own_exercise_and_names_file_and_line(kata, learner_run):
    solve(kata, "ex03_is_it_open")
    broken = solve(kata, "ex04_read_the_menu")
    lines = broken.read_text().splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "response.raise_for_status()" in line)
    lines[number - 1] = "    status = = response.status_code"  # reported on this line by every Python
    broken.write_text("\n".join(lines) + "\n")
    solve(kata, "ex05_filter_the_menu")
    result = learner_run(kata, "--no-focus")
    assert f"exercises/ch1_first_contact/ex04_read_the_menu.py, line {number}" in result.stdout
    assert "ex03" not in "".join(line for line in result.stdout.splitlines() if line.startswith(("FAILED", "ERROR")))


def test_an_exception_at_import_names_the_line(kata, learner_run):
    stub = kata / "exercises/ch1_first_contact/ex03_is_it_open.py"
    stub.write_text(stub.read_text() + "\nMENU = {}['soup']\n")
    result = learner_run(kata)
    assert "ex03_is_it_open.py fails as soon as it is imported: KeyError: 'soup'" in result.stdout
    assert re.search(r"ex03_is_it_open.py, line \d+, in <module>", result.stdout), result.stdout


def test_an_endless_loop_is_stopped_with_a_message(kata, learner_run):
    stub = kata / "exercises/ch1_first_contact/ex03_is_it_open.py"
    stub.write_text(stub.read_text().replace("    raise NotImplementedError", "    while True:\n        pass"))
    result = learner_run(kata, "-k", "open_kitchen_answers_true")
    assert "Your code was stopped: it was still running after 1 s." in result.stdout, result.stdout
    assert re.search(r"busy at exercises/ch1_first_contact/ex03_is_it_open.py, line \d+, in is_open", result.stdout)


def test_wrong_answers_are_explained(kata, learner_run):
    stub = kata / "exercises/ch1_first_contact/ex03_is_it_open.py"
    stub.write_text(
        stub.read_text().replace("    raise NotImplementedError", "    return requests.post(base_url + '/health')")
    )
    result = learner_run(kata, "--no-focus")
    assert "Your code sent a POST request; this needs a GET." in result.stdout
    assert "got: POST http://kitchen.test/health" in result.stdout
    assert "it sent POST http://kitchen.test/health: an address this test's kitchen does not serve" in result.stdout
    assert "During handling" not in result.stdout


def test_a_renamed_function_is_reported(kata, learner_run):
    stub = kata / "exercises/ch1_first_contact/ex03_is_it_open.py"
    stub.write_text(stub.read_text().replace("def is_open(", "def is_opened("))
    result = learner_run(kata)
    assert "ex03_is_it_open.py has no `is_open`" in result.stdout


def test_solutions_run_is_not_focused(kata, learner_run):
    result = learner_run(kata, "--target", "solutions")
    assert result.returncode == 0, result.stdout
    assert "Progress:" not in result.stdout
