"""The corpus of learners' answers: each wrong one fails its exercise's tests naming its mistake, each valid one passes.

The regression net for the exercise tests themselves (the exercise folders beside this file, and conftest.py). One
test runs the whole corpus in one in-process session; `KATA_ANSWERS=ex13*/*.py` runs a part of it.
"""

from __future__ import annotations

import pytest

from .conftest import summary


def test_every_answer_does_what_its_first_line_says(corpus):
    figures, problems = summary(corpus)
    print(figures)  # shown with -rP (or -s): the corpus's figures, per exercise
    if problems:
        pytest.fail(f"{len(problems)} answer(s) of the corpus went wrong:\n\n" + "\n\n".join(problems), pytrace=False)
