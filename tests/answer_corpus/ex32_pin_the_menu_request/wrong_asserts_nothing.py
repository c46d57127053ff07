# wrong: calls the desk but asserts nothing about what it sent or returned
# expect: checks nothing
BASE = "http://restaurant.test"


def test_the_menu(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})
    front_desk(BASE).menu(category="pizza", vegetarian=False)
