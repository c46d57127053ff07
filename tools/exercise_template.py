"""The files of a new exercise, as `tools/insert_exercise.py` writes them: a small working exercise to rewrite.

It is complete on purpose (a stub that fails as not started, a reference answer, tests that tell the two
apart, one wrong and one valid corpus answer), so that the suite stays green straight after an insertion
and each file shows its shape by example.
"""

from __future__ import annotations

STUB = '''"""Exercise {number}: {title}.

The story
---------
The kitchen's menu answers with its dishes and how many there are:

    GET /menu  ->  200  {{"items": [...], "count": 21}}

Your task
---------
Write `count_dishes(base_url)`. It sends `GET {{base_url}}/menu` (with a
timeout), raises `requests.HTTPError` on an error status, and returns the
answer's `count`.

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#json-response-content
"""

import requests


def count_dishes(base_url: str) -> int:
    """Return how many dishes the menu has, as the kitchen counts them."""
    raise NotImplementedError
'''

SOLUTION = '''"""Exercise {number}: {title} (reference solution)."""

import requests


def count_dishes(base_url: str) -> int:
    """Return how many dishes the menu has, as the kitchen counts them."""
    response = requests.get(f"{{base_url}}/menu", timeout=5)
    response.raise_for_status()
    return response.json()["count"]
'''

TESTS = '''"""Exercise {number}: count_dishes(base_url) asks GET /menu and returns the answer's count."""

import requests

from kata.expect import call, expect_request, raises
from kata.kitchen.fake_replies import problem_reply


def test_asks_for_the_menu_with_a_get(exercise, requests_mock, base_url):
    requests_mock.get(f"{{base_url}}/menu", json={{"items": [], "count": 0}})
    call(exercise.count_dishes, base_url)
    expect_request(requests_mock, method="GET", path="/menu", count=1, hint="Ask the menu's path once, with a GET.")


def test_returns_the_kitchens_count(exercise, requests_mock, base_url):
    requests_mock.get(f"{{base_url}}/menu", json={{"items": [{{"id": 4}}, {{"id": 9}}], "count": 21}})
    call(exercise.count_dishes, base_url).returns(
        21, hint="The answer already says how many dishes there are: the items are only this page of them."
    )


def test_an_error_status_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.get(f"{{base_url}}/menu", **problem_reply("service-unavailable", "The kitchen is on fire."))
    raises(requests.HTTPError, exercise.count_dishes, base_url, hint="An error status has no count to read.")
'''

WRONG = """# wrong: counts the dishes it was sent, not the kitchen's count
# expect: 21
import requests


def count_dishes(base_url: str) -> int:
    response = requests.get(f"{{base_url}}/menu", timeout=5)
    response.raise_for_status()
    return len(response.json()["items"])
"""

VALID = """# valid: a session, and the count read with .get()
import requests


def count_dishes(base_url: str) -> int:
    with requests.Session() as session:
        response = session.get(base_url + "/menu", timeout=(3, 10))
        response.raise_for_status()
        return int(response.json().get("count"))
"""


def files_for(name: str, chapter: str, number: int, title: str) -> dict[str, str]:
    """Relative path -> text of every file of exercise `number`, named `name`, in `chapter`."""
    fill = {"number": number, "title": title}
    return {
        f"exercises/{chapter}/{name}.py": STUB.format(**fill),
        f"solutions/{chapter}/{name}.py": SOLUTION.format(**fill),
        f"tests/exercises/{chapter}/test_{name}.py": TESTS.format(**fill),
        f"tests/answer_corpus/{name}/wrong_counts_the_page.py": WRONG.format(**fill),
        f"tests/answer_corpus/{name}/valid_session.py": VALID.format(**fill),
    }
