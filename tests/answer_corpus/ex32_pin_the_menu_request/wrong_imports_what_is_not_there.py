# wrong: imports a name the front desk's module does not have: the module fails as soon as it is imported
# expect: cannot import name 'Menu'
from kata.front_desk import Menu

BASE = "http://restaurant.test"


def test_the_menu(requests_mock, front_desk):
    assert front_desk(BASE).menu() == Menu()
