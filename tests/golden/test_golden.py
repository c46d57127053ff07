"""Golden outputs: each pinned mistake's focused screen is what the kata prints today (tests/golden/golden.py).

A wording change shows here as a diff of those screens: review it, then `python tools/pin_golden.py` re-pins.
The screens also keep the promises of the failure messages: no traceback from the kata's machinery, no
hint twice in one run, and one-mistake screens short enough to read.
"""

from __future__ import annotations

import difflib
import re

import pytest

from .golden import WIDTH, a_kitchen, cases, run_case

MACHINERY = re.compile(r"(^|[\s/\\])(kata|requests|urllib3)[/\\][\w/\\]+\.py|^Traceback ", re.MULTILINE)
MAX_LINES = 40  # at WIDTH columns, for a run that shows one mistake


@pytest.fixture(scope="module")
def screens():
    """Every pinned screen, by case name: what the checks below read (each is the screen of today's run, as
    `test_each_screen_is_the_one_pinned` proves case by case, spread over the workers)."""
    return {case.name: (case, case.screen.read_text(encoding="utf-8")) for case in cases()}


def test_there_is_a_mistake_pinned_for_every_exercise(kata_catalogue):
    pinned = {case.exercise for case in cases()}
    missing = [e.name for e in kata_catalogue.exercises if e.name not in pinned]
    assert not missing, (
        f"no golden output for {missing}: pin one with `python tools/pin_golden.py --new <exercise>/<slug>`"
    )


def test_every_case_has_its_answer():
    assert [case.name for case in cases() if not case.answer.is_file()] == []


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_each_screen_is_the_one_pinned(case, kitchen_server):
    with a_kitchen(kitchen_server) as url:
        now = run_case(case, url)
    pinned = case.screen.read_text(encoding="utf-8")
    if now != pinned:
        diff = difflib.unified_diff(pinned.splitlines(), now.splitlines(), "pinned", "now", lineterm="", n=1)
        pytest.fail(
            f"the golden output of {case.name} changed; if the change is meant, re-pin with "
            f"`python tools/pin_golden.py {case.name}` and review `git diff tests/golden`.\n\n" + "\n".join(diff),
            pytrace=False,
        )


def rows(text: str) -> int:
    """Lines on a terminal WIDTH columns wide."""
    return sum(max(1, -(-len(line) // WIDTH)) for line in text.splitlines())


def test_no_screen_shows_the_machinery_or_a_hint_twice(screens):
    for name, (_, text) in screens.items():
        assert not MACHINERY.search(text), f"{name} shows a line from inside the kata, requests or urllib3"
        hints = [line.strip() for line in text.splitlines() if line.startswith("  hint: ")]
        assert len(hints) == len(set(hints)), f"{name} prints a hint twice"


def test_one_mistake_screens_fit_in_forty_lines(screens):
    one = {name: rows(text) for name, (_, text) in screens.items() if "FAILURES" in text and text.count("\n___") == 1}
    short = [name for name, count in one.items() if count <= MAX_LINES]
    assert len(short) >= 0.9 * len(one), f"only {len(short)}/{len(one)} one-mistake screens fit: {one}"


def failure_blocks(text: str) -> list[str]:
    """The failure blocks of a screen: from a `___ test ___` line to the next, or to the count and progress."""
    body = text.split("= FAILURES =", 1)[1].split("\n", 1)[-1] if "= FAILURES =" in text else ""
    body = re.split(r"\n\n(?=\d+ tests? failed|Next: |Progress)", body, maxsplit=1)[0]
    return [block for block in re.split(r"^_{3,} .* _{3,}$", body, flags=re.MULTILINE) if block.strip()]


def test_every_failure_ends_with_one_concrete_next_step(screens):
    """Each block's message ends with `next:` (before the notepad's section): the learner's file, a line, what to do."""
    vague = []
    for name, (_, text) in screens.items():
        for block in failure_blocks(text):
            message = re.split(r"^-{3,} .* -{3,}$", block, flags=re.MULTILINE)[0].rstrip()
            if "not started yet" in message.splitlines()[1 if message.startswith("\n") else 0]:
                continue  # a stub: `kata hint` and the exercise's file are said below, once
            last = message.rsplit("\n  next: ", 1)
            step = " ".join(last[1].split()) if len(last) == 2 else ""
            if message.count("\n  next: ") != 1 or not re.match(r"open exercises/\S+\.py (at line \d+ )?", step):
                vague.append(f"{name}: {step or message[-200:]!r}")
            elif "compare what it does with what the test expects" in step:
                vague.append(f"{name}: a generic step: {step!r}")
    assert not vague, "failures without one concrete next step:\n" + "\n".join(vague)
