"""Exercise 33: the learner's tests pin down FrontDesk.dish()'s error path (404 -> DishNotFound, 500 -> HTTPError)."""

import pytest

from kata.desks.mistakes import dish_mistakes

MISTAKES = dish_mistakes.MISTAKES


def test_your_tests_pass_against_the_front_desk_and_check_it(your_tests):
    your_tests.expect_sound()


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.__name__)
def test_your_tests_catch_a_desk_that(mistake, your_tests):
    your_tests.expect_caught(mistake)
