"""The remembered results (kata.cli.known, kata.cli.memory): what `kata check` and `kata` reuse, and when they must not.

Each test runs the CLI in this process (`cli`) on a tiny kata; `runs` records which exercises each test run
covered, so a test can say what ran again and what was remembered.
"""

from __future__ import annotations

import json
import threading

import pytest

from kata.cli import fingerprint
from kata.cli import run as runner
from kata.cli.handover import Remembered
from kata.cli.known import DROPPED_NOTE, Known
from kata.cli.memory import Record, ResultsMemory
from kata.testrun.results import ExerciseResult, Results

from .tiny_kata import TinyKata

MEMORY = ".kata/results.json"


@pytest.fixture
def runs(cli, monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The exercises each test run of the CLI covered (by test file), in order."""
    seen: list[set[str]] = []
    for name in ("run_here", "run_pytest"):
        real = getattr(runner, name)

        def spy(root, args, _real=real, **options):
            files = {arg for arg in args if arg.endswith(".py")}
            only = [arg.split("=", 1)[1] for arg in args if arg.startswith("--kata-only=")]
            names = {f.rsplit("/", 1)[-1][len("test_") : -len(".py")] for f in files}
            seen.append(names | set(only[0].split(",") if only else ()))
            return _real(root, args, **options)

        monkeypatch.setattr(runner, name, spy)
    return seen


def test_a_second_check_runs_only_the_exercise_the_learner_is_on(kata: TinyKata, cli, runs):
    kata.solve(1)
    code, out, _ = cli("check")
    assert code == 1 and "exercise 2: Is the restaurant open?" in out and "Progress: 1/3" in out
    assert runs == [{"ex01_add", "ex02_is_it_open", "ex03_dish_names"}]  # nothing remembered yet
    code, again, _ = cli("check")
    assert code == 1 and runs[1] == {"ex02_is_it_open"}
    assert "exercise 2: Is the restaurant open?" in again and "Progress: 1/3" in again
    assert json.loads((kata.root / MEMORY).read_text())["exercises"]["ex01_add"]["passed"] == 2


def test_an_edit_to_an_earlier_exercise_is_caught_on_the_next_check(kata: TinyKata, cli, runs):
    kata.solve(1)
    cli("check")
    kata.write(1, "    return a - b")
    code, out, _ = cli("check")
    assert runs[-1] == {"ex01_add", "ex02_is_it_open"}
    assert code == 1 and "exercise 1: Add two numbers" in out and "Progress: 0/3" in out


def test_when_the_exercise_passes_check_says_so_and_moves_on(kata: TinyKata, cli, runs):
    kata.solve(1)
    cli("check")
    kata.solve(2)
    code, out, _ = cli("check")
    assert code == 1
    assert "Exercise 2 now passes: Is the restaurant open? On to exercise 3." in out
    assert out.index("now passes") < out.index("exercise 3: The names of the dishes")
    assert "exercise 2:" not in out and "Progress: 2/3" in out
    kata.solve(3)
    code, out, _ = cli("check")
    assert code == 0 and "Exercise 3 now passes" in out and "Every exercise passes" in out
    ran = len(runs)
    code, out, _ = cli("check")
    assert code == 0 and len(runs) == ran  # all remembered: nothing runs
    assert "now passes" not in out and "Every exercise passes" in out


def test_check_all_runs_every_exercise_again_and_is_in_the_help(kata: TinyKata, cli, runs, capsys):
    kata.solve(1)
    cli("check")
    cli("check", "--all")
    assert runs[-1] == {"ex01_add", "ex02_is_it_open", "ex03_dish_names"}
    from kata.cli.args import parser

    parser().parse_args(["check", "--all"])
    with pytest.raises(SystemExit):
        parser().parse_args(["check", "--help"])
    assert "--all" in capsys.readouterr().out


def test_progress_and_next_use_what_check_remembered(kata: TinyKata, cli, runs):
    kata.solve(1)
    cli("check")
    code, out, _ = cli()
    assert code == 0 and "Progress: 1/3 exercises done" in out and len(runs) == 1  # nothing ran
    code, out, _ = cli("next")
    assert code == 0 and "Next: exercise 2 of 3" in out and len(runs) == 1
    kata.write(3, "    return []")
    code, out, _ = cli()
    assert runs[-1] == {"ex03_dish_names"} and "in progress: 0 of 1 tests pass" in out


def test_check_with_a_number_remembers_its_result(kata: TinyKata, cli, runs):
    kata.solve(1)
    assert cli("check", "1")[0] == 0
    _code, out, _ = cli("check")
    assert runs[-1] == {"ex02_is_it_open", "ex03_dish_names"} and "Progress: 1/3" in out  # 1 is remembered


def test_catch_up_keeps_the_code_the_memory_knows_to_pass_and_runs_nothing(kata: TinyKata, cli, runs):
    kata.write(1, "    return b + a")  # the pair's own answer, not the reference's words
    own = kata.mine(1).read_bytes()
    assert cli("check", "1")[0] == 0 and len(runs) == 1
    code, out, _ = cli("catch-up", "3", "--yes")
    assert code == 0 and len(runs) == 1  # what passes is known: no test ran
    assert kata.mine(1).read_bytes() == own and "Your own code passes in exercise 1: it stays as it is." in out
    assert "replaced exercises/ch01_tiny/ex02_is_it_open.py" in out and "ex01_add.py" not in out
    assert "or your own passing code (exercise 1)" in out
    assert "already pass: nothing to do" in cli("catch-up", "3", "--yes")[1]
    kata.mine(1).write_bytes(own + b"# changed since the run\n")  # not what the memory judged: replaced
    code, out, _ = cli("catch-up", "3", "--yes")
    assert code == 0 and "replaced exercises/ch01_tiny/ex01_add.py" in out and "stays as it is" not in out
    assert kata.mine(1).read_bytes() == kata.exercise(1).source("solutions").read_bytes() and len(runs) == 1


# invalidation ---------------------------------------------------------------------------------------


def edit_learner_file(kata: TinyKata) -> None:
    kata.mine(1).write_text(kata.mine(1).read_text() + "\n# a comment\n")


def edit_imported_module(kata: TinyKata) -> None:
    (kata.root / "exercises" / "ch01_tiny" / "helpers.py").write_text("X = 2\n")


def edit_test_file(kata: TinyKata) -> None:
    test = kata.exercise(1).test_file()
    test.write_text(test.read_text() + "\n")


def edit_chapter_conftest(kata: TinyKata) -> None:
    (kata.root / "tests" / "exercises" / "ch01_tiny" / "conftest.py").write_text("# a chapter's fixtures\n")


def edit_root_conftest(kata: TinyKata) -> None:
    (kata.root / "conftest.py").write_text((kata.root / "conftest.py").read_text() + "\n")


def edit_settings(kata: TinyKata) -> None:
    (kata.root / "pyproject.toml").write_text((kata.root / "pyproject.toml").read_text() + "\n")


@pytest.mark.parametrize(
    "change",
    [edit_learner_file, edit_imported_module, edit_test_file, edit_chapter_conftest, edit_root_conftest, edit_settings],
)
def test_a_change_to_anything_the_tests_load_forgets_the_result(kata: TinyKata, change):
    (kata.root / "exercises" / "ch01_tiny" / "helpers.py").write_text("X = 1\n")
    kata.mine(1).write_text("from exercises.ch01_tiny import helpers\n\n" + kata.solve(1).read_text())
    before = Known.load(kata.catalogue)
    before.learn([kata.exercise(1)], Results({"ex01_add": ExerciseResult(passed=2)}))
    assert "ex01_add" in Known.load(kata.catalogue).remembered
    change(kata)
    assert "ex01_add" not in Known.load(kata.catalogue).remembered


def test_an_exercise_with_two_test_files_runs_and_remembers_both(kata: TinyKata, cli):
    second = kata.split_tests(1, "zero", "def test_adds_zero(exercise):\n    assert exercise.add(0, 0) == 0\n")
    assert kata.catalogue.for_test_file(second) == kata.exercise(1) and kata.exercise(1).test_files()[1] == second
    kata.write(1, "    return a + b + (a == 0)")  # right for the first file's tests, wrong for the second's
    code, out, _ = cli("check", "1")
    assert code == 1 and "test_adds_zero" in out and "1 failed, 2 passed" in out
    record = json.loads((kata.root / MEMORY).read_text())["exercises"]["ex01_add"]
    assert (record["passed"], record["failed"]) == (2, 1)
    kata.solve(1)
    assert cli("check", "1")[0] == 0
    cli("check")  # every exercise's state remembered
    assert set(Known.load(kata.catalogue).remembered) == {"ex01_add", "ex02_is_it_open", "ex03_dish_names"}
    second.write_text(second.read_text() + "\n")  # an edit to the second file forgets the result
    assert set(Known.load(kata.catalogue).remembered) == {"ex02_is_it_open", "ex03_dish_names"}
    cli()  # the progress: a quiet run of only the exercises to find out about (`--kata-only`), both files of 1
    assert json.loads((kata.root / MEMORY).read_text())["exercises"]["ex01_add"]["passed"] == 3


@pytest.mark.parametrize("part", ["kata_code", "kata_version", "python_version", "dependency_versions"])
def test_a_new_kata_python_or_dependency_forgets_every_result(kata: TinyKata, part, monkeypatch):
    known = Known.load(kata.catalogue)
    known.learn(kata.catalogue.exercises, Results({e.name: ExerciseResult(failed=1) for e in kata.catalogue.exercises}))
    assert len(Known.load(kata.catalogue).remembered) == 3
    real = getattr(fingerprint, part)
    monkeypatch.setattr(fingerprint, part, lambda *args: real(*args) + (b"+" if part == "kata_code" else "+"))
    assert Known.load(kata.catalogue).remembered == {}


def test_a_relative_import_of_another_exercise_counts_too(kata: TinyKata):
    kata.mine(2).write_text("from .ex01_add import add\n" + kata.mine(2).read_text())
    files = fingerprint.learner_files(kata.exercise(2))
    assert kata.mine(1) in files


# the file itself ------------------------------------------------------------------------------------


@pytest.mark.parametrize("garbage", ["{not json", '{"format": 1, "exercises": {"ex01_add": 3}}', "[]", "\0\0\0"])
def test_an_unreadable_memory_is_dropped_with_one_quiet_line(kata: TinyKata, cli, garbage):
    kata.solve(1)
    memory = kata.root / MEMORY
    memory.parent.mkdir()
    memory.write_text(garbage)
    code, out, err = cli("check")
    assert code == 1 and "exercise 2:" in out and "Traceback" not in out + err
    assert err.strip() == DROPPED_NOTE
    assert json.loads(memory.read_text())["exercises"]["ex01_add"]["passed"] == 2
    assert cli("check")[2] == ""  # rebuilt: no note the next time


def test_two_terminals_writing_at_once_never_leave_a_broken_file(tmp_path):
    memory = ResultsMemory(tmp_path)
    problems: list[str] = []

    def write(worker: int) -> None:
        for turn in range(40):
            memory.record({f"ex{worker:02d}_{turn}": Record("f" * 64, turn, 0, 0)})

    def read() -> None:
        for _ in range(200):
            _records, readable = memory.read()
            if not readable:
                problems.append("unreadable")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)] + [threading.Thread(target=read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    records, readable = memory.read()
    assert readable and not problems and records
    assert not [p for p in (tmp_path / ".kata").iterdir() if p.name != "results.json"]  # no temporary file left


def test_a_record_only_for_files_unchanged_during_the_run(kata: TinyKata):
    known = Known.load(kata.catalogue)
    kata.solve(1)  # saved while the tests ran
    known.learn([kata.exercise(1)], Results({"ex01_add": ExerciseResult(not_started=2)}))
    assert "ex01_add" not in Known.load(kata.catalogue).remembered


def test_the_board_hears_remembered_results_with_a_run_of_one(kata: TinyKata):
    remembered = Results({"ex01_add": ExerciseResult(passed=2), "ex02_is_it_open": ExerciseResult(failed=1)})
    run = Results({"ex02_is_it_open": ExerciseResult(passed=2)}, whole_kata=False)
    Remembered(remembered).pytest_kata_results(config=None, results=run)  # type: ignore[arg-type]
    assert run.states() == {"ex02_is_it_open": "done", "ex01_add": "done"}


def test_a_real_check_moves_on_in_one_process_with_two_runs(tmp_path, shared_kitchen):
    """Why a process: moving on runs pytest twice in the CLI's own process (the learner's modules forgotten
    between the runs), with the first run's output held; only a real interpreter shows both."""
    from .processes import environment, run_kata

    tiny = TinyKata(tmp_path / "kata")
    env = environment(KATA_KITCHEN=shared_kitchen)
    tiny.solve(1)
    first = run_kata(tiny.root, "check", env=env)
    assert first.returncode == 1 and "exercise 2: Is the restaurant open?" in first.stdout, first.stdout + first.stderr
    tiny.solve(2)
    moved = run_kata(tiny.root, "check", env=env)
    assert moved.returncode == 1, moved.stdout + moved.stderr
    text = moved.stdout
    assert "[x] Exercise 2 now passes: Is the restaurant open? On to exercise 3." in text
    assert text.index("now passes") < text.index("exercise 3: The names of the dishes")
    assert "exercise 2:" not in text and "Progress: 2/3 exercises done" in text and "Traceback" not in text
    tiny.write(1, "    return a * b")  # an earlier exercise broken: caught, though 2 and 3 come first
    caught = run_kata(tiny.root, "check", env=env)
    assert (
        caught.returncode == 1 and "exercise 1: Add two numbers" in caught.stdout and "Progress: 1/3" in caught.stdout
    )
