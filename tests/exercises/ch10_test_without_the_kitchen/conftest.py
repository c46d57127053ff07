"""Chapter 10's fixture: `your_tests`, the verdict on the learner's own tests of the exercise (kata.desks.verdict)."""

import pytest

from kata.desks.verdict import Verdict, checked


@pytest.fixture
def your_tests(exercise, kata_catalogue, request) -> Verdict:
    """The learner's test module (as the `exercise` fixture hands it out), run against each desk of MISTAKES."""
    return checked(request, exercise, kata_catalogue.root, request.module.MISTAKES)
