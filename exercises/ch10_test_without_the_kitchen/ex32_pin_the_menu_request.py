"""Exercise 32: Pin down the menu request.

The story
---------
A colleague wrote the front desk's client of the kitchen's API, `FrontDesk`,
in `kata/front_desk.py`: open it and read it first, its docstrings are its
contract. It has no tests. From this chapter on, YOU write the tests, and
the kitchen stays closed: requests-mock stands in for it. Your test says
what the kitchen would answer, calls the client, then checks what the
client sent and what it returned.

    def test_the_pizzas(requests_mock, front_desk):
        requests_mock.get(f"{BASE}/menu", json={"items": [MARGHERITA], "count": 1})
        desk = front_desk(BASE)                 # a FrontDesk talking to BASE
        assert desk.menu(category="pizza") == [MARGHERITA]
        sent = requests_mock.last_request       # what went "on the wire"
        assert sent.method == "GET"
        assert sent.qs == {"category": ["pizza"]}

The fixtures: `requests_mock` (from requests-mock: nothing leaves your
machine, and a request to an address you did not register fails the test)
and `front_desk(base_url, token=None, timeout=5, sleep=...)`, which makes a
`FrontDesk`. Always make it with the fixture: to check your tests, the kata
runs them against the right desk (they must pass) and against desks that
each make one mistake a real client makes (each must fail at least one of
your tests). A test that never calls the desk, or that would pass even
against a desk that does nothing, is refused.

The contract to pin down: `desk.menu(category=None, vegetarian=None,
max_price=None)` sends `GET {base_url}/menu` with

- a query with only the filters that are given: `category=...`,
  `vegetarian=true` or `vegetarian=false` (False is a filter too!),
  `max_price=...`;
- the header `Accept: application/json`, and `Authorization: Bearer <token>`
  when the desk was made with `token=` (and no Authorization header when
  it was not);
- a timeout: the `timeout=` the desk was made with, 5 seconds when none;

and returns the `items` of the kitchen's JSON answer (a list of dicts). An
error status (a 500, a 503...) raises `requests.HTTPError`.

Your task
---------
Replace the test below with tests (as many as you like, any names starting
with `test_`) that would catch a desk breaking any point of that contract:
each filter, each header, the timeout, what comes back.
Check your tests with `kata check 32`.

On `requests_mock.last_request`: `.method`, `.url`, `.qs` (the query as a
dict of lists, values in lower case), `.headers` (names in any case),
`.timeout`, `.json()`. Note that `qs` is empty when there is no query.

Read: https://requests-mock.readthedocs.io/en/latest/pytest.html
and https://requests-mock.readthedocs.io/en/latest/history.html
and https://requests.readthedocs.io/en/latest/user/quickstart/#passing-parameters-in-urls
"""

BASE = "http://restaurant.test"
MARGHERITA = {"id": 1, "name": "Margherita", "category": "pizza", "price": 9.5, "vegetarian": True}


def test_the_menu_request(requests_mock, front_desk):
    raise NotImplementedError("write your tests of FrontDesk.menu() here")
