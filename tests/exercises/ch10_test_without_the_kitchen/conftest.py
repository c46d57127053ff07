"""Chapter 10's fixture: `your_tests`, the verdict on the learner's own tests of the exercise (kata.learner_verdict)."""

import pytest

from kata.learner_verdict import Verdict, checked


@pytest.fixture
def your_tests(exercise, kata_catalogue, request) -> Verdict:
    """The learner's tests of this file's exercise, run against the front desk and each of the file's MISTAKES."""
    return checked(request, kata_catalogue.for_test_file(request.path), request.module.MISTAKES)
