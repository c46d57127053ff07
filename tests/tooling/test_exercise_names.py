"""Exercise names and numbers agree everywhere, and `tools/insert_exercise.py` keeps them so (docs/maintainers.md).

The insertion runs on a copy of the kata's tracked files in a temporary folder; the whole suite of such a copy
was run once by hand for the recipe (see docs/maintainers.md), which this test does not repeat.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kata.catalogue import Exercise, load

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools import insert_exercise  # noqa: E402
from tools.exercise_names import problems, tracked  # noqa: E402

pytestmark = pytest.mark.xdist_group("insert-exercise")  # one copy per worker is enough


def test_every_place_names_the_exercises_as_the_catalogue_does():
    assert problems(ROOT) == []


def a_new_name() -> str:
    """The recipe's example name, unless the kata has it already (a copy where the recipe was tried once)."""
    taken = {exercise.name.split("_", 1)[1] for exercise in load(ROOT).exercises}
    names = ("count_the_dishes", "count_the_dishes_again", "count_every_dish")
    return next(name for name in names if name not in taken)


NEW = a_new_name()


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
            NEW,
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
    assert after[2].name == f"ex03_{NEW}" and after[2].chapter.id == "ch01_first_contact"
    assert problems(inserted) == []
    assert [e.name.split("_", 1)[1] for e in after[:2] + after[3:]] == [e.name.split("_", 1)[1] for e in before]
    for exercise in after:
        assert exercise.name.startswith(f"ex{exercise.number:02d}_")
        for target in ("exercises", "solutions"):
            assert exercise.source(target).is_file(), exercise.source(target)
        assert all(path.is_file() for path in exercise.test_files()), exercise.test_files()
        assert (inserted / "tests" / "answer_corpus" / exercise.name).is_dir(), exercise.name


def test_an_insertion_renames_every_test_file_of_an_exercise(inserted: Path):
    old, new = by_slug(ROOT, "restaurant_client"), by_slug(inserted, "restaurant_client")
    assert len(old.test_files()) > 1 and new.number == old.number + 1  # ex24's suite, split by theme
    renamed = [path.name.replace(old.name, new.name, 1) for path in old.test_files()]
    assert [path.name for path in new.test_files()] == renamed and all(p.is_file() for p in new.test_files())
    assert not any((new.test_file().parent / path.name).exists() for path in old.test_files())  # none left behind


def by_slug(root: Path, slug: str) -> Exercise:
    return next(e for e in load(root).exercises if e.name.split("_", 1)[1] == slug)


def test_an_insertion_renumbers_names_prose_and_commands(inserted: Path):
    readme, before = (root / "README.md" for root in (inserted, ROOT))
    hint = re.search(r"kata hint (\d+) +# a hint for exercise (\d+)", before.read_text(encoding="utf-8"))
    assert hint is not None and hint.group(1) == hint.group(2)
    moved = int(hint.group(1)) + (int(hint.group(1)) >= 3)  # exercise 3 and later move up by one
    text = readme.read_text(encoding="utf-8")
    assert f"0/{len(load(inserted).exercises)} exercises done" in text
    assert re.search(rf"kata hint {moved} +# a hint for exercise {moved}\b", text), "README's commands not renumbered"
    old, new = by_slug(ROOT, "filter_the_menu"), by_slug(inserted, "filter_the_menu")
    assert new.number == old.number + 1
    stub = new.source().read_text(encoding="utf-8")
    assert stub.startswith(f'"""Exercise {new.number}: {new.title}.')
    assert f"as in exercise {by_slug(inserted, 'read_the_menu').number}." in stub
    assert problems(inserted) == []


def test_a_half_done_insertion_is_caught(inserted: Path):
    exercise = by_slug(inserted, "is_it_open")
    stale = f"ex{exercise.number - 1:02d}_is_it_open"
    corpus = inserted / "tests" / "answer_corpus"
    stub = exercise.source()
    text = stub.read_text(encoding="utf-8")
    (corpus / exercise.name).rename(corpus / stale)  # a folder not moved
    stub.write_text(text.replace(f"Exercise {exercise.number}:", f"Exercise {exercise.number - 1}:", 1), "utf-8")
    try:
        subprocess.run(["git", "-C", str(inserted), "add", "-A"], check=True)
        found = "\n".join(problems(inserted))
    finally:
        (corpus / stale).rename(corpus / exercise.name)
        stub.write_text(text, encoding="utf-8")
        subprocess.run(["git", "-C", str(inserted), "add", "-A"], check=True)
    assert f"tests/answer_corpus/{stale}/" in found and "is not in catalogue.toml" in found
    said = f"its docstring says exercise {exercise.number - 1}; it is exercise {exercise.number}"
    assert f"{stub.relative_to(inserted).as_posix()}:1: {said}" in found


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
