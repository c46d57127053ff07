"""Chapter 10's bench: each desk runs on a fresh import, and a file that cannot pass twice is refused.

In-process: a learner's test file written to a temporary folder, run by `run_learner_tests` against the real
desks, judged by `Verdict`.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
import textwrap
from pathlib import Path

import pytest

import kata
import kata.desks.mistakes as mistakes_package
from kata.catalogue import Exercise, load
from kata.desks.learner_tests import desks_for, run_learner_tests
from kata.desks.mistakes import menu_mistakes, payment_mistakes
from kata.desks.records import AGAIN, HOLLOW, RIGHT
from kata.desks.verdict import Verdict
from kata.expect.voice import LearnerFailure

HEAD = """
import kata.front_desk
from kata.front_desk import PaymentUncertain

BASE = "http://restaurant.test"
PIZZA = {"id": 1, "name": "Margherita", "category": "pizza", "price": 9.5, "vegetarian": True}
"""

# The first menu it is given is kept at module level and handed back ever after (it passes twice): against a
# shared import, every desk after the right one met the right desk's answer, and the hollow desk passed it.
CACHED_ANSWER = """
_menus = {}


def menu_of(desk):
    if "pizza" not in _menus:
        _menus["pizza"] = desk.menu(category="pizza")
    return _menus["pizza"]


def test_the_menu(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [PIZZA], "count": 1})
    assert menu_of(front_desk(BASE)) == [PIZZA]
"""

# Counts its payments at module level: it passes once, never twice; against a shared import, every desk after
# the right one failed it, so every mistake looked caught.
COUNTER = """
payments = 0


def test_one_payment(requests_mock, front_desk):
    global payments
    requests_mock.post(f"{BASE}/payments", status_code=201, json={"id": 1})
    front_desk(BASE).pay(7, 18.0, tip=2.0, idempotency_key="k-1")
    payments += 1
    assert payments == 1
    assert requests_mock.last_request.json() == {"order_id": 7, "amount": 18.0, "tip": 2.0}
"""


def learner_file(tmp_path: Path, body: str, name: str = "ex99_learner.py") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return path


def judge(path: Path, mistakes: tuple[type, ...]) -> Verdict:
    results = run_learner_tests(path, path.parent, desks_for(mistakes), seconds=10, name=f"kata_test.{path.stem}")
    return Verdict(results, path.name)


def outcomes(verdict: Verdict, variant: str) -> list[str]:
    return [case.outcome for case in verdict.results.of(variant)]


def test_each_desk_meets_a_fresh_import_so_a_cached_answer_cannot_hide_a_mistake(tmp_path):
    verdict = judge(learner_file(tmp_path, CACHED_ANSWER), menu_mistakes.MISTAKES)

    assert verdict.baseline() is None  # it passes twice, and fails against the hollow desk
    assert outcomes(verdict, RIGHT) == outcomes(verdict, AGAIN) == ["passed"]
    assert outcomes(verdict, HOLLOW) == ["failed"]
    assert outcomes(verdict, "MenuWholeBody") == ["failed"]
    assert outcomes(verdict, "MenuWithoutCategory") == ["passed"]  # a mistake it does not check


def test_module_level_state_is_not_taken_for_a_caught_mistake(tmp_path):
    verdict = judge(learner_file(tmp_path, COUNTER), payment_mistakes.MISTAKES)

    # Each desk meets payments == 0: a mistake the test does not check passes it, as it should.
    assert outcomes(verdict, "PayWithoutKey") == ["passed"]
    assert outcomes(verdict, "PayFormBody") == ["failed"]


def test_a_file_that_cannot_pass_twice_is_refused_naming_its_module_level_state(tmp_path):
    verdict = judge(learner_file(tmp_path, COUNTER), payment_mistakes.MISTAKES)

    assert outcomes(verdict, RIGHT) == ["passed"]
    assert outcomes(verdict, AGAIN) == ["failed"]
    problem = verdict.baseline()
    assert problem is not None
    summary, keywords = problem
    assert "test_one_payment passes once" in summary
    assert "module-level state carries over from one run to the next: `payments`, ex99_learner.py, line 8." in summary
    assert "assert 2 == 1" in keywords["actual"]
    assert "ex99_learner.py, line 16, in test_one_payment" in keywords["actual"]
    with pytest.raises(LearnerFailure, match="module-level state"):
        verdict.expect_caught(payment_mistakes.PayWithoutKey)


def test_a_change_to_the_front_desk_module_stays_in_its_run(tmp_path):
    body = """
    def test_asks_once(requests_mock, front_desk):
        kata.front_desk.ATTEMPTS -= 1  # changed, never put back
        requests_mock.post(f"{BASE}/payments", status_code=201, json={"id": 1})
        front_desk(BASE).pay(7, 18.0, idempotency_key="k-1")
        assert requests_mock.last_request.headers["Idempotency-Key"] == "k-1"
    """
    original = sys.modules["kata.front_desk"]
    attempts = original.ATTEMPTS

    verdict = judge(learner_file(tmp_path, body), payment_mistakes.MISTAKES)

    assert sys.modules["kata.front_desk"] is original and kata.front_desk is original
    assert attempts == original.ATTEMPTS
    assert verdict.results.kept_state == ["`kata.front_desk.ATTEMPTS`"]
    assert outcomes(verdict, "PayIgnoresTheGivenKey") == ["failed"]


def test_the_learner_module_name_holds_what_it_held_before(tmp_path):
    path = learner_file(tmp_path, CACHED_ANSWER)
    name = f"kata_test.{path.stem}"
    sys.modules[name] = placeholder = type(sys)("placeholder")
    try:
        judge(path, menu_mistakes.MISTAKES)
        assert sys.modules[name] is placeholder
    finally:
        del sys.modules[name]


# Every broken desk breaks one promise of a front desk's docstring; the kata's own reference tests must catch each.
ROOT = Path(__file__).resolve().parents[2]
CHAPTER_10 = [e for e in load(ROOT).exercises if e.chapter.id == "ch10_test_without_the_kitchen"]


def mistakes_of(exercise: Exercise) -> tuple[type, ...]:
    """The MISTAKES its test file checks the learner's tests against."""
    spec = importlib.util.spec_from_file_location(f"kata_desks_test.{exercise.name}", exercise.test_file())
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.MISTAKES)


def every_desk() -> list[type]:
    """Each broken desk defined in kata/desks/mistakes/ (a class with `words`: the promise it breaks)."""
    found = []
    for info in pkgutil.iter_modules(mistakes_package.__path__, f"{mistakes_package.__name__}."):
        module = importlib.import_module(info.name)
        found += [
            c
            for c in vars(module).values()
            if isinstance(c, type) and c.__module__ == info.name and getattr(c, "words", "")
        ]
    return found


def test_every_broken_desk_is_checked_by_one_exercise():
    checked = [desk for exercise in CHAPTER_10 for desk in mistakes_of(exercise)]
    unchecked = [desk.__name__ for desk in every_desk() if desk not in checked]
    twice = sorted({desk.__name__ for desk in checked if checked.count(desk) > 1})
    assert not unchecked, f"broken desks no exercise checks (add them to a MISTAKES): {unchecked}"
    assert not twice, f"broken desks in two MISTAKES: {twice}"
    assert all(desk.hint for desk in checked), "every broken desk needs a hint"


@pytest.mark.parametrize("exercise", CHAPTER_10, ids=lambda e: e.name)
def test_the_reference_tests_pass_and_catch_every_broken_desk(exercise):
    mistakes = mistakes_of(exercise)
    path = exercise.source("solutions")
    results = run_learner_tests(path, ROOT, desks_for(mistakes), seconds=10, name=f"kata_reference.{exercise.name}")

    assert not results.collect_errors
    assert Verdict(results, path.name).baseline() is None
    uncaught = [m.__name__ for m in mistakes if not any(c.outcome == "failed" for c in results.of(m.__name__))]
    assert not uncaught, f"the reference tests of {exercise.name} pass against: {uncaught}"
