"""Exercise names and numbers agree everywhere, and `tools/insert_exercise.py` keeps them so (docs/maintainers.md).

The insertion runs on a copy of the kata's tracked files in a temporary folder; the whole suite of such a copy
was run once by hand for the recipe (see docs/maintainers.md), which this test does not repeat.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kata.catalogue import load

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools import insert_exercise  # noqa: E402
from tools.exercise_names import problems, tracked  # noqa: E402

pytestmark = pytest.mark.xdist_group("insert-exercise")  # one copy per worker is enough


def test_every_place_names_the_exercises_as_the_catalogue_does():
    assert problems(ROOT) == []


@pytest.fixture(scope="module")
def inserted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git copy of the kata with a new exercise 3 in chapter 1."""
    copy = tmp_path_factory.mktemp("insert") / "kata"
    for name in tracked(ROOT):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    git = ["git", "-c", "user.name=kata", "-c", "user.email=kata@localhost", "-C", str(copy)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    code = insert_exercise.main(
        [
            "--at",
            "3",
            "--chapter",
            "ch01_first_contact",
            "--name",
            "count_the_dishes",
            "--title",
            "Count the dishes",
            "--root",
            str(copy),
        ]
    )
    assert code == 0
    return copy


def test_an_insertion_moves_every_later_exercise_up_by_one(inserted: Path):
    before, after = load(ROOT).exercises, load(inserted).exercises
    assert len(after) == len(before) + 1
    assert after[2].name == "ex03_count_the_dishes" and after[2].chapter.id == "ch01_first_contact"
    assert [e.name.split("_", 1)[1] for e in after[:2] + after[3:]] == [e.name.split("_", 1)[1] for e in before]
    for exercise in after:
        assert exercise.name.startswith(f"ex{exercise.number:02d}_")
        for target in ("exercises", "solutions"):
            assert exercise.source(target).is_file(), exercise.source(target)
        assert exercise.test_file().is_file()
        assert (inserted / "tests" / "answer_corpus" / exercise.name).is_dir(), exercise.name


def test_an_insertion_renumbers_names_prose_and_commands(inserted: Path):
    readme = (inserted / "README.md").read_text(encoding="utf-8")
    assert f"0/{len(load(inserted).exercises)} exercises done" in readme
    assert "kata hint 4       # a hint for exercise 4" in readme  # was 3: exercise 3 is now exercise 4
    stub = (inserted / "exercises" / "ch01_first_contact" / "ex06_filter_the_menu.py").read_text(encoding="utf-8")
    assert stub.startswith('"""Exercise 6: Filter the menu.') and "as in exercise 5." in stub
    assert problems(inserted) == []


def test_a_half_done_insertion_is_caught(inserted: Path):
    corpus = inserted / "tests" / "answer_corpus"
    stub = inserted / "exercises" / "ch01_first_contact" / "ex04_is_it_open.py"
    text = stub.read_text(encoding="utf-8")
    (corpus / "ex04_is_it_open").rename(corpus / "ex03_is_it_open")  # a folder not moved
    stub.write_text(text.replace("Exercise 4:", "Exercise 3:", 1), encoding="utf-8")  # a number not changed
    try:
        subprocess.run(["git", "-C", str(inserted), "add", "-A"], check=True)
        found = "\n".join(problems(inserted))
    finally:
        (corpus / "ex03_is_it_open").rename(corpus / "ex04_is_it_open")
        stub.write_text(text, encoding="utf-8")
        subprocess.run(["git", "-C", str(inserted), "add", "-A"], check=True)
    assert "tests/answer_corpus/ex03_is_it_open/" in found and "is not in catalogue.toml" in found
    assert "exercises/ch01_first_contact/ex04_is_it_open.py:1: its docstring says exercise 3; it is exercise 4" in found


def test_the_new_exercise_can_only_join_a_neighbouring_chapter(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit, match="can only join ch00_warm_up or ch01_first_contact"):
        insert_exercise.main(
            [
                "--at",
                "3",
                "--chapter",
                "ch05_lots_of_data",
                "--name",
                "x",
                "--title",
                "X",
                "--root",
                str(ROOT),
                "--dry-run",
            ]
        )
