"""Front desks whose `menu()` makes one mistake (exercise: pin the menu request).

`MenuMistake.menu` is `FrontDesk.menu` cut into steps (the query, the headers, the timeout, the check of the
status, the dishes returned); each mistake below gets one step wrong, breaking one promise of the docstring.
"""

from __future__ import annotations

from typing import Any

import requests

from kata.desks.mistakes import Mistake


class MenuMistake(Mistake):
    """`FrontDesk.menu`, step by step: a mistake overrides one step."""

    method = "GET"
    path = "/menu"

    def menu(self, category: Any = None, vegetarian: Any = None, max_price: Any = None) -> Any:
        response = requests.request(
            self.method,
            f"{self.base_url}{self.path}",
            params=self._query(category, vegetarian, max_price),
            headers=self._sent_headers(),
            **self._timeout(),
        )
        self._check(response)
        return self._dishes(response)

    def _query(self, category: Any, vegetarian: Any, max_price: Any) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if category is not None:
            params["category"] = category
        if vegetarian is not None:
            params["vegetarian"] = "true" if vegetarian else "false"
        if max_price is not None:
            params["max_price"] = max_price
        return params

    def _sent_headers(self) -> dict[str, str]:
        return self._headers()

    def _timeout(self) -> dict[str, Any]:
        return {"timeout": self.timeout}

    def _check(self, response: requests.Response) -> None:
        response.raise_for_status()

    def _dishes(self, response: requests.Response) -> Any:
        return response.json()["items"]


class MenuWithAPost(MenuMistake):
    words = "asks for the menu with a POST, not a GET"
    hint = "Register the menu for GET only, or check the method of `requests_mock.last_request`."
    method = "POST"


class MenuWrongAddress(MenuMistake):
    words = "asks for `/menu/` (a slash at the end, which the kitchen answers with a 404) instead of `/menu`"
    hint = "Register the menu's exact address, or check the path of `requests_mock.last_request`."
    path = "/menu/"


class MenuWithoutTimeout(MenuMistake):
    words = "never sends a timeout (it waits forever for a kitchen that does not answer)"
    hint = "`requests_mock.last_request.timeout` is the timeout the client passed: check it."

    def _timeout(self) -> dict[str, Any]:
        return {}


class MenuIgnoresTheTimeoutGiven(MenuMistake):
    words = "always sends a timeout of 5 s, whatever `timeout=` the desk was made with"
    hint = (
        "Make the desk with a timeout of your own and check the timeout of "
        "`requests_mock.last_request`: is it the one you gave?"
    )

    def _timeout(self) -> dict[str, Any]:
        return {"timeout": 5}


class MenuWithoutCategory(MenuMistake):
    words = "leaves the category out of the query string"
    hint = (
        "Ask the desk for one category and check the query that was sent (`requests_mock.last_request.qs`: "
        "each name with a list of its values)."
    )

    def _query(self, category: Any, vegetarian: Any, max_price: Any) -> dict[str, Any]:
        return super()._query(None, vegetarian, max_price)


class MenuWithoutMaxPrice(MenuMistake):
    words = "leaves `max_price` out of the query string"
    hint = "Ask for a `max_price` and check the query that was sent (`requests_mock.last_request.qs`)."

    def _query(self, category: Any, vegetarian: Any, max_price: Any) -> dict[str, Any]:
        return super()._query(category, vegetarian, None)


class MenuDropsVegetarianFalse(MenuMistake):
    words = "leaves `vegetarian=false` out of the query (it wrote `if vegetarian:`, so False counts as not given)"
    hint = (
        "Ask the desk for the dishes that are not vegetarian, and check the query: False is a filter, not a "
        "missing one."
    )

    def _query(self, category: Any, vegetarian: Any, max_price: Any) -> dict[str, Any]:
        return super()._query(category, True if vegetarian else None, max_price)


class MenuVegetarianAlwaysTrue(MenuMistake):
    words = "sends `vegetarian=true` whenever a vegetarian filter is given, `vegetarian=False` too"
    hint = (
        "Ask for the dishes that are not vegetarian and check the value in the query, not only "
        "that the filter is there."
    )

    def _query(self, category: Any, vegetarian: Any, max_price: Any) -> dict[str, Any]:
        return super()._query(category, None if vegetarian is None else True, max_price)


class MenuVegetarianWhenNotGiven(MenuMistake):
    words = "sends `vegetarian=false` when no vegetarian filter was given (only the filters given belong in the query)"
    hint = (
        "Ask for the menu with no filter: what should the query that was sent (`requests_mock.last_request.qs`) hold?"
    )

    def _query(self, category: Any, vegetarian: Any, max_price: Any) -> dict[str, Any]:
        return super()._query(category, bool(vegetarian), max_price)


class MenuWithoutAccept(MenuMistake):
    words = "does not send `Accept: application/json`"
    hint = "`requests_mock.last_request.headers` holds the headers that were sent (names in any case)."

    def _sent_headers(self) -> dict[str, str]:
        return {k: v for k, v in self._headers().items() if k != "Accept"}


class MenuWithoutToken(MenuMistake):
    words = "forgets the token: no `Authorization: Bearer <token>` header, although the desk was given one"
    hint = (
        "Make the desk with a token (the `front_desk` fixture takes one), and check the Authorization header it sends."
    )

    def _sent_headers(self) -> dict[str, str]:
        return {"Accept": "application/json"}


class MenuTokenWithoutScheme(MenuMistake):
    words = "sends the bare token as `Authorization: <token>`, without the `Bearer ` scheme"
    hint = (
        "Compare the whole `Authorization` header of `requests_mock.last_request`, scheme and "
        "token, not only that it is there."
    )

    def _sent_headers(self) -> dict[str, str]:
        return {"Accept": "application/json", **({"Authorization": self.token} if self.token else {})}


class MenuAuthorizationWithoutToken(MenuMistake):
    words = "sends `Authorization: Bearer None` when the desk has no token (no token: no Authorization header)"
    hint = "Make a desk without a token: should its request carry an `Authorization` header at all?"

    def _sent_headers(self) -> dict[str, str]:
        return {"Accept": "application/json", "Authorization": f"Bearer {self.token}"}


class MenuSwallowsErrors(MenuMistake):
    words = "returns an empty list for an error status (a 500, a 503) instead of raising requests.HTTPError"
    hint = (
        "Answer a 503: what does the docstring say the desk raises when the kitchen fails? Expect "
        "it with `pytest.raises`."
    )

    def _check(self, response: requests.Response) -> None:
        pass

    def _dishes(self, response: requests.Response) -> Any:
        return response.json().get("items", []) if response.ok else []


class MenuWholeBody(MenuMistake):
    words = "returns the whole answer (`{'items': [...], 'count': N}`) instead of its list of dishes"
    hint = "Check what `menu` returns: the `items` of the JSON answer your mock gives, not the whole answer."

    def _dishes(self, response: requests.Response) -> Any:
        return response.json()


MISTAKES = (
    MenuWithAPost,
    MenuWrongAddress,
    MenuWithoutTimeout,
    MenuIgnoresTheTimeoutGiven,
    MenuWithoutCategory,
    MenuWithoutMaxPrice,
    MenuDropsVegetarianFalse,
    MenuVegetarianAlwaysTrue,
    MenuVegetarianWhenNotGiven,
    MenuWithoutAccept,
    MenuWithoutToken,
    MenuTokenWithoutScheme,
    MenuAuthorizationWithoutToken,
    MenuSwallowsErrors,
    MenuWholeBody,
)
