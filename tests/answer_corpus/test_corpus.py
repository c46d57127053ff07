"""The corpus of learners' answers: each wrong one fails its exercise's tests naming its mistake, each valid one passes.

The regression net for the exercise tests themselves (the exercise folders beside this file, and conftest.py). One
test per answer file, named after it; `KATA_ANSWERS='ex13*/*.py'` runs a part of the corpus, and `-rP` prints
what each answer's run showed.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, BadAnswerFile, outcome, verdict


def test_the_answer_does_what_its_first_line_says(answer_file, corpus_runs):
    try:
        answer = corpus_runs.answer(answer_file)
    except BadAnswerFile as error:
        answer, problem = None, f"{answer_file.relative_to(ROOT).as_posix()}: {error}"
    else:
        problem = outcome(answer)
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    assert answer is not None
    print(verdict(answer))
