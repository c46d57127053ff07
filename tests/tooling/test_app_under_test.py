"""An app of the learner's own (chapter 9) that cannot be built, or breaks while answering, fails only its exercise.

One run of chapter 9's tests in a copy of the kata, each exercise broken in its own way (a run per case would
cost a second each); each message must say what went wrong, and where.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from kata.catalogue import load

CHAPTER_9 = "tests/exercises/ch09_build_the_waiter"


def solve(root: Path, name: str) -> Path:
    exercise = load(root).find(name)
    shutil.copy(exercise.source("solutions"), exercise.source("exercises"))
    return exercise.source("exercises")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_each_way_an_app_cannot_be_built_or_answer_is_explained(kata_copy, run_pytest):
    kata = kata_copy
    edit(solve(kata, "ex26_a_first_route"), "def create_app(", "def make_app(")  # the factory renamed
    edit(solve(kata, "ex27_one_reservation"), "    return app\n", "")  # no `return app`
    edit(solve(kata, "ex28_take_a_reservation"), "    return app\n", "    return app.wsgi_app\n")  # not the app
    edit(solve(kata, "ex29_change_or_cancel"), "from flask import Flask,", "from flask import Flsk,")
    edit(  # answers in-process, raises when a real client asks (the live test only)
        solve(kata, "ex30_staff_only"),
        "        if role() is None:\n            return who_are_you()\n        items",
        "        if role() is None:\n            return who_are_you()\n"
        "        if request.environ.get('SERVER_SOFTWARE', '').startswith('Werkzeug'):\n"
        "            raise RuntimeError('only over a socket')\n        items",
    )
    solve(kata, "ex31_page_by_page")

    result = run_pytest(kata, CHAPTER_9, "-q", "--no-header", "-rf", "--no-focus")
    out = result.stdout
    failed = [line for line in out.splitlines() if line.startswith(("FAILED", "ERROR"))]
    assert failed and not [line for line in failed if "ex31_page_by_page" in line], "a solved exercise failed:\n" + out

    assert "ex26_a_first_route.py has no `create_app`. The tests call it by that name" in out, out
    assert "Called create_app([{" in out and "None (returned)" in out, out
    assert "Does create_app() end by returning the app it built?" in out
    assert re.search(r"Called create_app\(.*\)\.\n  expected: a new Flask app", out), out
    assert "<bound method Flask.wsgi_app" in out, out
    assert re.search(r"ex29_change_or_cancel.py fails as soon as it is imported: ImportError: .*Flsk", out), out
    live = [line for line in failed if "ex30_staff_only" in line]
    assert live == [
        "FAILED tests/exercises/ch09_build_the_waiter/test_ex30_staff_only.py::"
        "test_live_a_real_client_with_and_without_its_token"
    ], out
    assert "While answering GET /reservations over a real connection, your app raised RuntimeError" in out
    assert re.search(r"at exercises/ch09_build_the_waiter/ex30_staff_only.py, line \d+, in list_reservations", out)
    assert "During handling" not in out
