"""Exercise 4: Read the menu.

The story
---------
The restaurant is open, so you ask for the menu. The kitchen does not hand
you a printed card: it answers with JSON, text that any program can read.

    GET /menu  ->  200  {"items": [{"id": 1, "name": "Tomato soup", "price": 5.5, ...}, ...], "count": 21}

`response.text` is that text; `response.json()` turns it into Python dicts
and lists for you.

If the kitchen answers with an error status (4xx or 5xx), there is no menu
to read: do not pretend there is. Raise an exception instead, and let the
caller decide what to do. `response.raise_for_status()` does exactly that: it
raises `requests.HTTPError` for 4xx and 5xx answers.

Your task
---------
Write `get_menu(base_url)`. It sends `GET {base_url}/menu` (with a timeout)
and returns the list of dishes: the `"items"` of the answer, each dish a dict
with `id`, `name`, `category`, `price`, `vegetarian` and `description`.
For an error status, raise `requests.HTTPError`.

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#json-response-content
"""

import requests


def get_menu(base_url: str) -> list[dict]:
    """Return the dishes on the menu (a list of dicts); raise requests.HTTPError on an error status."""
    raise NotImplementedError
