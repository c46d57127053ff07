"""Exercise 2: classify(status) and whose_fault(status) read the first digit of a status code.

Pure functions of a number, so no kitchen here: chapter 0 is the warm-up
without a network. The last tests use every code Python's `http.HTTPStatus`
knows and every error status the kitchen's own problem catalogue can answer.
"""

from http import HTTPStatus

import pytest

from kata.expect import call, expect_true, raises
from mock_server.contract.problem_types import PROBLEMS

CLASS_HINT = (
    "The first digit decides: which arithmetic operator gives the first digit of a three-digit number? 1 is "
    '"informational", 2 "success", 3 "redirection", 4 "client error", 5 "server error".'
)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (100, "informational"),
        (199, "informational"),
        (200, "success"),
        (201, "success"),
        (204, "success"),
        (299, "success"),
        (300, "redirection"),
        (304, "redirection"),
        (399, "redirection"),
        (400, "client error"),
        (404, "client error"),
        (499, "client error"),
        (500, "server error"),
        (503, "server error"),
        (599, "server error"),
    ],
)
def test_classify(exercise, status, expected):
    call(exercise.classify, status).returns(expected, hint=CLASS_HINT)


@pytest.mark.parametrize("status", [99, 0, -200, 600, 601, 1000])
def test_classify_refuses_what_is_not_a_status_code(exercise, status):
    error = raises(
        ValueError,
        exercise.classify,
        status,
        hint="Status codes run from 100 to 599: what should happen, before anything else, to a number outside?",
    )
    expect_true(
        str(status) in str(error),
        "The ValueError should say which number is not a status code.",
        expected=f"a message with {status} in it, e.g. '{status} is not an HTTP status code'",
        actual=repr(str(error)),
        hint="What will the caller read in the error? Put the number it was given in the message.",
    )


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (100, "nobody"),
        (200, "nobody"),
        (201, "nobody"),
        (304, "nobody"),
        (399, "nobody"),
        (400, "yours"),
        (404, "yours"),
        (429, "yours"),
        (499, "yours"),
        (500, "the kitchen's"),
        (503, "the kitchen's"),
        (599, "the kitchen's"),
    ],
)
def test_whose_fault(exercise, status, expected):
    call(exercise.whose_fault, status).returns(
        expected, hint='1xx to 3xx: "nobody"; 4xx: "yours"; 5xx: "the kitchen\'s" (with the apostrophe).'
    )


@pytest.mark.parametrize("status", [99, 600])
def test_whose_fault_refuses_what_is_not_a_status_code(exercise, status):
    raises(ValueError, exercise.whose_fault, status, hint="Outside 100-599 raise ValueError, as classify does.")


def test_every_status_python_knows(exercise):
    names = {1: "informational", 2: "success", 3: "redirection", 4: "client error", 5: "server error"}
    for status in HTTPStatus:
        got = call(exercise.classify, status.value).value
        expect_true(
            got == names[status.value // 100],
            f"classify({status.value}) ({status.phrase}) should be {names[status.value // 100]!r}.",
            expected=repr(names[status.value // 100]),
            actual=f"{got!r} (returned)",
            hint=CLASS_HINT,
        )


def test_every_error_the_kitchen_can_answer(exercise):
    for slug, problem in sorted(PROBLEMS.items()):
        expected = "yours" if problem.status < 500 else "the kitchen's"
        got = call(exercise.whose_fault, problem.status).value
        expect_true(
            got == expected,
            f"The kitchen answers {problem.status} for {problem.title!r} (/problems/{slug}): "
            f"whose_fault({problem.status}) should be {expected!r}.",
            expected=repr(expected),
            actual=f"{got!r} (returned)",
            hint="A 4xx says the request was wrong (yours); a 5xx says the kitchen failed.",
        )
