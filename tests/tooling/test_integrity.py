"""The kata's integrity: the catalogue, exercises/, solutions/ and the tests agree, and every stub fails.

The other half, every solution passes, is the exercise suites themselves run
with `--target solutions` (`tox -e solutions`).
"""

from __future__ import annotations

import ast
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Iterator

import pytest

from kata.catalogue import TARGETS, Catalogue, CatalogueError, load
from kata.testrun.results import NOT_STARTED, PASSING, outcome_of

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load(ROOT)
EXERCISES = CATALOGUE.exercises


def exercise_files(target: str) -> set[str]:
    tree = ROOT / target
    return {p.relative_to(tree).as_posix() for p in tree.rglob("*.py") if "__pycache__" not in p.parts}


def test_the_catalogue_names_each_exercise_once():
    names = [e.name for e in EXERCISES]
    assert len(names) == len(set(names)), "duplicate exercise names in catalogue.toml"
    assert len(EXERCISES) >= 3


def test_exercise_numbers_in_file_names_follow_the_catalogue_order():
    for exercise in EXERCISES:
        assert exercise.name.startswith(f"ex{exercise.number:02d}_"), (
            f"{exercise.name} is exercise {exercise.number} in catalogue.toml: name it ex{exercise.number:02d}_..."
        )


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_each_exercise_has_stub_solution_tests_hints_and_lesson(exercise):
    for target in TARGETS:
        assert exercise.source(target).is_file(), f"{exercise.name}: {exercise.source(target)} is missing"
    for test_file in exercise.test_files():
        assert test_file.is_file(), f"{exercise.name}: {test_file} is missing"
    assert len(exercise.hints) >= 2, f"{exercise.name}: give at least two hints, from a nudge to nearly the answer"
    assert all(h.strip() for h in exercise.hints), f"{exercise.name}: an empty hint"
    assert exercise.title.strip() and exercise.concept.strip()
    assert (ROOT / exercise.chapter.lesson).is_file(), (
        f"{exercise.chapter.id}: lesson {exercise.chapter.lesson} is missing"
    )


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_each_stub_is_a_documented_stub(exercise):
    source = exercise.source("exercises").read_text(encoding="utf-8")
    tree = ast.parse(source)
    assert ast.get_docstring(tree), f"{exercise.name}: the stub needs a module docstring for the learner"
    assert "NotImplementedError" in source, f"{exercise.name}: the stub should raise NotImplementedError"
    assert (
        "https://requests.readthedocs.io" in source
        or "https://flask.palletsprojects.com" in source
        or (exercise.chapter.id == "ch00_warm_up" and "https://" in source)
    ), f"{exercise.name}: the stub's docstring should link to the relevant docs"


def test_exercises_and_solutions_mirror_each_other():
    stubs, answers = exercise_files("exercises"), exercise_files("solutions")
    assert stubs == answers, (
        f"only in exercises/: {sorted(stubs - answers)}; only in solutions/: {sorted(answers - stubs)}"
    )
    listed = {f"{e.chapter.id}/{e.name}.py" for e in EXERCISES}
    modules = {name for name in stubs if not name.endswith("__init__.py")}
    assert modules == listed, (
        f"not in catalogue.toml: {sorted(modules - listed)}; missing files: {sorted(listed - modules)}"
    )


def test_every_test_file_belongs_to_an_exercise():
    tests = {p for p in (ROOT / "tests" / "exercises").rglob("test_*.py")}
    assert tests == {path for e in EXERCISES for path in e.test_files()}


class Outcomes:
    """A pytest plugin object: exercise name -> [(test file, test, outcome)], from the kata's marks."""

    def __init__(self) -> None:
        self.found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        outcome = outcome_of(report)
        if outcome is not None:
            file, _, test = report.nodeid.partition("::")
            exercise = CATALOGUE.for_test_file(ROOT / file)
            self.found[exercise.name if exercise else file].append((Path(file).name, test, outcome))


def _of_the_run(name: str) -> bool:
    """A module of the inner run's own: the stubs and the test modules. The kata's and the kitchen's modules it
    imported stay: forgetting them would leave two copies alive (a live kitchen's journal held entries of one
    copy's class, which the other copy's isinstance refused: a 500 on GET /__admin/journal in later tests)."""
    top = name.split(".")[0]
    return top in ("exercises", "solutions", "tests", "conftest") or top.startswith("test_")


@pytest.fixture(scope="module")
def stub_results() -> Iterator[dict[str, list[tuple[str, str, str]]]]:
    """One run, in this process, of every exercise suite against the untouched stubs: exercise name -> outcomes."""
    modules = dict(sys.modules)
    for name in [n for n in sys.modules if n.split(".")[0] == "exercises"]:
        del sys.modules[name]
    here = Path.cwd()
    os.chdir(ROOT)
    outcomes = Outcomes()
    try:
        pytest.main(
            [
                "tests/exercises",
                "--target",
                "exercises",
                "--no-focus",
                "--kata-notepad=off",  # the stub run keeps no notepad in the repository's .kata/
                "-q",
                "--no-header",
                "--tb=no",
                "-p",
                "no:xdist",
            ],
            plugins=[outcomes],
        )
    finally:
        os.chdir(here)
        for name in [n for n in sys.modules if n not in modules and _of_the_run(n)]:
            del sys.modules[name]
        sys.modules.update(modules)
    yield outcomes.found


@pytest.mark.xdist_group("stub-run")  # with `--dist loadgroup`, one worker makes the (long) stub run
@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_every_test_fails_against_the_stub_as_not_started(exercise, stub_results):
    cases = stub_results.get(exercise.name, [])
    idle = [path.name for path in exercise.test_files() if path.name not in {file for file, _, _ in cases}]
    assert not idle, f"{exercise.name}: no test ran from {idle}"
    passing = [name for _, name, outcome in cases if outcome == PASSING]
    assert not passing, f"{exercise.name}: these tests pass against the untouched stub, so they cannot fail: {passing}"
    unclear = [name for _, name, outcome in cases if outcome != NOT_STARTED]
    assert not unclear, f"{exercise.name}: these tests fail on the stub, but not as 'not started yet': {unclear}"


def test_catalogue_loader_rejects_broken_entries(tmp_path):
    (tmp_path / "catalogue.toml").write_text(
        '[[chapters]]\nid = "c"\ntitle = "t"\nlesson = "l"\n[[exercises]]\nname = "x"\n'
    )
    with pytest.raises(Exception, match="missing or unknown key"):
        load(tmp_path)
    assert isinstance(CATALOGUE, Catalogue)


@pytest.mark.parametrize(
    "tests",
    ['["test_ex01_other.py"]', '["tests/test_ex01_a.py"]', '"test_ex01_a.py"', '["test_ex01_a.py", "test_ex01_a.py"]'],
    ids=["another exercise's name", "a path", "not a list", "a file twice"],
)
def test_an_exercise_s_test_files_are_named_after_it(tmp_path, tests):
    entry = 'name = "ex01_a"\nchapter = "c"\ntitle = "t"\nconcept = "c"\nhints = ["h", "h"]\n'
    head = '[[chapters]]\nid = "c"\ntitle = "t"\nlesson = "l"\n[[exercises]]\n'
    (tmp_path / "catalogue.toml").write_text(f'{head}{entry}tests = ["test_ex01_a.py", "test_ex01_a_b.py"]\n')
    assert [p.name for p in load(tmp_path).exercises[0].test_files()] == ["test_ex01_a.py", "test_ex01_a_b.py"]
    (tmp_path / "catalogue.toml").write_text(f"{head}{entry}tests = {tests}\n")
    with pytest.raises(CatalogueError, match="`tests`"):
        load(tmp_path)
