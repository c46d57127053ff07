"""Exercise 34: the learner's tests pin down FrontDesk.order()'s retries: how many tries, which waits, which errors."""

import pytest

from kata.desks.mistakes import order_mistakes

MISTAKES = order_mistakes.MISTAKES


def test_your_tests_pass_against_the_front_desk_and_check_it(your_tests):
    your_tests.expect_sound()


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.__name__)
def test_your_tests_catch_a_desk_that(mistake, your_tests):
    your_tests.expect_caught(mistake)
