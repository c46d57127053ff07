"""The pytest plugin, in this process with `pytester`, on a tiny kata each test writes (tiny_kata.py).

The learner's run as `tox` makes it: focused output, not-started stubs, broken learner code, endless loops,
renamed functions, the target switch, progress, the results file and the journal of a failing live test.
"""

from __future__ import annotations

import json
import re

import pytest

from kata.command_line import kata_command

from .tiny_kata import TinyKata


def test_untouched_stubs_show_progress_and_only_the_first_exercise(kata: TinyKata, learner_run):
    result = learner_run()
    assert result.ret == 1
    result.stdout.fnmatch_lines(
        [
            "*= exercise 1: Add two numbers =*",
            "not started yet: exercises/ch01_tiny/ex01_add.py::add",
            "Progress: 0/3 exercises done [....................]",
            "Next: exercise 1, Add two numbers",
            "  open:    exercises/ch01_tiny/ex01_add.py",
            "  idea:    A function that returns its answer",
            "  lesson:  docs/ch01_tiny.md",
            f"  stuck?   `{kata_command('hint 1')}` shows a hint",
        ]
    )
    text = result.stdout.str()
    assert text.count("not started yet") == 1, text  # two tests, one distinct message
    assert "ex02" not in text.split("Progress:")[0] and "Traceback" not in text and "warning" not in text.lower()


def test_a_solved_exercise_moves_the_focus_on(kata: TinyKata, learner_run):
    kata.solve(1)
    result = learner_run()
    result.stdout.fnmatch_lines(["*= exercise 2: Is the restaurant open? =*", "Progress: 1/3 exercises done *"])
    assert "ex01_add" not in result.stdout.str().split("Progress:")[0]


def test_every_exercise_solved_is_saluted(kata: TinyKata, learner_run):
    for number in (1, 2, 3):
        kata.solve(number)
    result = learner_run()
    assert result.ret == 0
    result.stdout.fnmatch_lines(
        ["Progress: 3/3 exercises done [####################]", "Every exercise passes. The kitchen salutes you!"]
    )


def test_solutions_run_is_not_focused(kata: TinyKata, learner_run):
    result = learner_run("--target", "solutions")
    assert result.ret == 0, result.stdout.str()
    assert "Progress:" not in result.stdout.str()
    result.assert_outcomes(passed=5)


def test_the_target_comes_from_kata_target_too(kata: TinyKata, learner_run, monkeypatch):
    monkeypatch.setenv("KATA_TARGET", "solutions")
    assert learner_run().ret == 0
    monkeypatch.setenv("KATA_TARGET", "nonsense")
    result = learner_run()
    assert result.ret == 4 and "KATA_TARGET must be one of exercises, solutions" in result.stderr.str()


def test_no_focus_shows_every_failure(kata: TinyKata, learner_run):
    result = learner_run("--no-focus", "-rf")
    text = result.stdout.str()
    for name in ("ex01_add.py::add", "ex02_is_it_open.py::is_open", "ex03_dish_names.py::dish_names"):
        assert f"not started yet: exercises/ch01_tiny/{name}" in text


def test_each_kind_of_broken_code_fails_only_its_own_exercise_with_a_message_that_says_where(
    kata: TinyKata, learner_run
):
    kata.write(1, "    while True:\n        pass")
    kata.write(2, "    status = = 200")
    mine = kata.write(3, "    return requests.post(f'{base_url}/menu', timeout=5).json()")
    result = learner_run("--no-focus", "-rf", "-o", "kata_time_limit=0.25")
    text = result.stdout.str()
    # an endless loop is stopped, and the message says where it was busy; the exercise's other test is not run
    assert "Your code was stopped: it was still running after 0.25 s." in text, text
    # the loop's own lines: Python 3.14 stops it on `pass` (line 13), earlier ones on `while True:` (line 12)
    assert re.search(r"busy at exercises/ch01_tiny/ex01_add\.py, line 1[23], in add", text), text
    assert "Not run: an earlier test of this exercise was stopped (test_adds_two_numbers: still running" in text
    # a syntax error names the file and the line
    assert "exercises/ch01_tiny/ex02_is_it_open.py, line 15: Python cannot read this file (SyntaxError" in text
    # a request to an address the test's kitchen does not serve is explained, as it went on the wire
    assert "Your code sent POST http://kitchen.test/menu: an address this test's kitchen does not serve." in text
    assert f"at exercises/ch01_tiny/{mine.name}, line 12, in dish_names" in text
    assert "During handling" not in text and "Traceback" not in text


def test_an_exception_at_import_and_a_renamed_function_are_named(kata: TinyKata, learner_run):
    kata.mine(1).write_text(kata.stub(1) + "\nMENU = {}['soup']\n", encoding="utf-8")
    renamed = kata.solve(3)
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("def dish_names(", "def names("), encoding="utf-8")
    result = learner_run("--no-focus", "-rf")
    text = result.stdout.str()
    assert "ex01_add.py fails as soon as it is imported: KeyError: 'soup'" in text
    assert "  at exercises/ch01_tiny/ex01_add.py, line 14, in <module>" in text
    assert "exercises/ch01_tiny/ex03_dish_names.py has no `dish_names`. The tests call it by that name" in text


def test_a_failing_live_test_shows_what_the_waiter_carried_to_the_kitchen(kata: TinyKata, learner_run):
    kata.solve(1)
    kata.write(2, "    return requests.get(f'{base_url}/healthz', timeout=5).status_code == 200")
    result = learner_run()
    result.stdout.fnmatch_lines(
        ["*what the waiter carried to the kitchen (newest last)*", "*GET /healthz*404*"], consecutive=False
    )


def test_the_results_file_is_one_record_per_exercise(kata: TinyKata, learner_run, tmp_path):
    """The CLI's view of a run (`--kata-results`, kata/cli/pytest_hooks.py): the same record the focus reads."""
    kata.solve(1)
    kata.write(2, "    raise ValueError('oops')")
    path = tmp_path / "results.json"
    learner_run("-p", "kata.cli.pytest_hooks", f"--kata-results={path}", "--tb=no")
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "exitstatus": 1,
        "whole_kata": True,
        "exercises": {
            "ex01_add": {"passed": 2, "failed": 0, "not_started": 0, "state": "done"},
            "ex02_is_it_open": {"passed": 0, "failed": 2, "not_started": 0, "state": "failing"},
            "ex03_dish_names": {"passed": 0, "failed": 0, "not_started": 1, "state": "not-started"},
        },
    }


def test_what_counts_as_not_started_is_decided_by_the_code_not_the_words(kata: TinyKata, learner_run, tmp_path):
    """A learner's own exception that says "not started yet" is a failure, not a stub."""
    kata.write(1, "    raise RuntimeError('not started yet: exercises/ch01_tiny/ex01_add.py::add')")
    path = tmp_path / "results.json"
    learner_run("-p", "kata.cli.pytest_hooks", f"--kata-results={path}", "--tb=no")
    assert json.loads(path.read_text(encoding="utf-8"))["exercises"]["ex01_add"]["state"] == "failing"


def test_a_run_of_one_exercise_shows_no_kata_wide_progress(kata: TinyKata, learner_run):
    result = learner_run("tests/exercises/ch01_tiny/test_ex01_add.py", "--kata-one")
    result.stdout.fnmatch_lines(["*= exercise 1: Add two numbers =*", "Next: exercise 1, Add two numbers"])
    assert "Progress:" not in result.stdout.str()


def test_a_run_of_part_of_the_kata_says_so_with_that_parts_figures(kata: TinyKata, pytester):
    def learner_run(path: str) -> pytest.RunResult:  # `pytest PATH`: the learner's run of one folder or file
        return pytester.runpytest_inprocess(path, "-p", "requests_mock")

    kata.solve(1)  # done, but not in this run: "Progress: 0/3" would be false
    result = learner_run("tests/exercises/ch01_tiny/test_ex02_is_it_open.py")
    result.stdout.fnmatch_lines(
        [
            "Progress of this run (1 of the kata's 3 exercises): 0/1 done [....................]",
            f"  part of the kata ran: `{kata_command('')}` shows the whole kata's progress",
        ]
    )
    assert "Progress: " not in result.stdout.str()
    kata.solve(2)
    again = learner_run("tests/exercises/ch01_tiny/test_ex02_is_it_open.py")
    again.stdout.fnmatch_lines(
        ["Progress of this run (1 of the kata's 3 exercises): 1/1 done *", "Every exercise of this run passes."]
    )


def test_a_test_file_that_belongs_to_no_exercise_says_so(kata: TinyKata, learner_run, pytester):
    pytester.makepyfile(**{"tests/exercises/ch01_tiny/test_stray": "def test_x(exercise):\n    pass\n"})
    result = learner_run("--no-focus")
    result.stdout.fnmatch_lines(["*test_stray.py is not the test file of any exercise in the catalogue.*"])


def test_the_exercise_states_are_the_boards():
    from kata.testrun.states import STATES
    from mock_server.workshop.team_progress import STATUSES

    assert STATES == STATUSES
