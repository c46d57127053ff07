"""A tiny kata, written afresh by each test that needs one: a catalogue of three fake exercises, their
stubs, reference solutions and tests (the way rustlings tests its CLI on `tests/test_exercises/`).

1. `ex01_add`: a pure function, no HTTP.
2. `ex02_is_it_open`: a GET against the live kitchen (the `kitchen` fixture).
3. `ex03_dish_names`: a GET against requests-mock (`http://kitchen.test`).
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Callable

from kata.catalogue import Catalogue, Exercise, load

ROOT = Path(__file__).resolve().parents[2]  # the real kata: its pytest settings and its conftest are copied
CHAPTER = "ch01_tiny"

CATALOGUE = """\
[[chapters]]
id = "ch01_tiny"
title = "Chapter 1: A tiny kata"
lesson = "docs/ch01_tiny.md"

[[exercises]]
name = "ex01_add"
chapter = "ch01_tiny"
title = "Add two numbers"
concept = "A function that returns its answer"
hints = ["Which operator adds two numbers?", "`return a + b`"]

[[exercises]]
name = "ex02_is_it_open"
chapter = "ch01_tiny"
title = "Is the restaurant open?"
concept = "A GET request, and the status code of its response"
hints = ["Which endpoint says whether the kitchen is open?", "`requests.get(f'{base_url}/health', timeout=5)`"]

[[exercises]]
name = "ex03_dish_names"
chapter = "ch01_tiny"
title = "The names of the dishes"
concept = "A JSON body"
hints = ["What does `response.json()` give you?", "a list comprehension over `['items']`"]
"""

STUBS = {
    "ex01_add": '''
        """Add two numbers.

        Your task
        ---------
        Return the sum of `a` and `b`.

        Read: https://docs.python.org/3/tutorial/
        """


        def add(a, b):
            raise NotImplementedError
    ''',
    "ex02_is_it_open": '''
        """Is the restaurant open?

        Your task
        ---------
        Return True when `GET {base_url}/health` answers 200, False otherwise:

        - 200: open
        - 503: closed
        """

        import requests


        def is_open(base_url):
            raise NotImplementedError
    ''',
    "ex03_dish_names": '''
        """The names of the dishes on the menu.

        Your task
        ---------
        Return the `name` of every item of `GET {base_url}/menu`, in order.
        """

        import requests


        def dish_names(base_url):
            raise NotImplementedError
    ''',
}

SOLVED = {
    "ex01_add": "    return a + b",
    "ex02_is_it_open": "    return requests.get(f'{base_url}/health', timeout=5).status_code == 200",
    "ex03_dish_names": "    return [d['name'] for d in requests.get(f'{base_url}/menu', timeout=5).json()['items']]",
}

TESTS = {
    "ex01_add": """
        def test_adds_two_numbers(exercise):
            assert exercise.add(2, 3) == 5


        def test_adds_negative_numbers(exercise):
            assert exercise.add(-1, 1) == 0
    """,
    "ex02_is_it_open": """
        def test_open(exercise, kitchen):
            assert exercise.is_open(kitchen.url) is True


        def test_closed(exercise, kitchen):
            kitchen.set_open(False)
            assert exercise.is_open(kitchen.url) is False
    """,
    "ex03_dish_names": """
        BASE = "http://kitchen.test"


        def test_names_in_order(exercise, requests_mock):
            requests_mock.get(f"{BASE}/menu", json={"items": [{"name": "soup"}, {"name": "pie"}]})
            assert exercise.dish_names(BASE) == ["soup", "pie"]
    """,
}


class TinyKata:
    """A tiny kata in `root`: `solve(1)`, `write(1, code)`, `stub(1)`, `exercise(1)`, `catalogue`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for target in ("exercises", "solutions"):
            (root / target / CHAPTER).mkdir(parents=True, exist_ok=True)
            (root / target / "__init__.py").write_text("", encoding="utf-8")
            (root / target / CHAPTER / "__init__.py").write_text("", encoding="utf-8")
        (root / "tests" / "exercises" / CHAPTER).mkdir(parents=True, exist_ok=True)
        (root / "docs").mkdir(exist_ok=True)
        (root / "docs" / "ch01_tiny.md").write_text("# A tiny kata\n", encoding="utf-8")
        (root / "catalogue.toml").write_text(CATALOGUE, encoding="utf-8")
        shutil.copy(ROOT / "conftest.py", root / "conftest.py")
        shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
        for name, stub in STUBS.items():
            text = textwrap.dedent(stub).lstrip()
            (root / "exercises" / CHAPTER / f"{name}.py").write_text(text, encoding="utf-8")
            solved = text.replace("    raise NotImplementedError", SOLVED[name])
            (root / "solutions" / CHAPTER / f"{name}.py").write_text(solved, encoding="utf-8")
            test = textwrap.dedent(TESTS[name]).lstrip()
            (root / "tests" / "exercises" / CHAPTER / f"test_{name}.py").write_text(test, encoding="utf-8")

    @property
    def catalogue(self) -> Catalogue:
        return load(self.root)

    def exercise(self, number: int) -> Exercise:
        return self.catalogue.exercises[number - 1]

    def mine(self, number: int) -> Path:
        """The learner's file of exercise `number`."""
        return self.exercise(number).source("exercises")

    def stub(self, number: int) -> str:
        return textwrap.dedent(STUBS[self.exercise(number).name]).lstrip()

    def solve(self, number: int) -> Path:
        mine = self.mine(number)
        shutil.copy(self.exercise(number).source("solutions"), mine)
        return mine

    def solve_action(self, number: int) -> Callable[[], Path]:
        """`solve(number)`, to do later."""
        return lambda: self.solve(number)

    def split_tests(self, number: int, theme: str, tests: str) -> Path:
        """Exercise `number` gets a second test file, `test_<name>_<theme>.py`, listed in the catalogue."""
        name = self.exercise(number).name
        second = self.exercise(number).test_file().with_name(f"test_{name}_{theme}.py")
        second.write_text(textwrap.dedent(tests).lstrip(), encoding="utf-8")
        catalogue = self.root / "catalogue.toml"
        entry = f'name = "{name}"\n'
        listed = f'{entry}tests = ["test_{name}.py", "{second.name}"]\n'
        catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(entry, listed), encoding="utf-8")
        return second

    def write(self, number: int, body: str) -> Path:
        """Exercise `number` started: `body` instead of the stub's `raise NotImplementedError`."""
        mine = self.mine(number)
        mine.write_text(self.stub(number).replace("    raise NotImplementedError", body), encoding="utf-8")
        return mine
