# wrong: makes its own FrontDesk instead of taking the front_desk fixture, so no desk with a mistake can be swapped in
# expect: does not take the `front_desk` fixture
import pytest

from kata.front_desk import DishNotFound, FrontDesk

BASE = "http://restaurant.test"


def test_404(requests_mock):
    requests_mock.get(f"{BASE}/menu/99", status_code=404, json={"detail": "No dish 99."})
    with pytest.raises(DishNotFound):
        FrontDesk(BASE).dish(99)
