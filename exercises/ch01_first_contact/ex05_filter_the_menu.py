"""Exercise 5: Filter the menu.

The story
---------
You are hungry for pizza, you do not eat meat, and you have 12 euros. You
could fetch the whole menu and sift through it yourself, but the kitchen can
do it for you: add *query parameters* to the address, after a `?`.

    GET /menu?category=pizza&vegetarian=true&max_price=12

The kitchen understands these query parameters (see the docs page at the
kitchen's address, or its OpenAPI spec at /openapi.json):

- `category`:   one category of dish, e.g. `pizza`, `starter`, `dessert`
- `vegetarian`: `true` or `false` (lower case, as text)
- `max_price`:  a number; only dishes that cost at most this much

Your task
---------
Write `find_dishes(base_url, category=None, vegetarian=None, max_price=None)`.
It sends ONE `GET {base_url}/menu` request that carries only the filters that
were given (leave out the ones that are None: `vegetarian=False` is given!),
and returns the list of matching dishes, the `"items"` of the answer. Raise
`requests.HTTPError` on an error status, as in exercise 4.

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#passing-parameters-in-urls
"""

from typing import Optional

import requests


def find_dishes(
    base_url: str,
    category: Optional[str] = None,
    vegetarian: Optional[bool] = None,
    max_price: Optional[float] = None,
) -> list[dict]:
    """Return the dishes matching the given filters; filters that are None are not sent."""
    raise NotImplementedError
