"""Front desks whose `menu()` makes one mistake (exercise: pin the menu request)."""

from __future__ import annotations

from typing import Any

import requests

from kata.desks.mistakes import Mistake


def _menu_params(category: Any, vegetarian: Any, max_price: Any) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if category is not None:
        params["category"] = category
    if vegetarian is not None:
        params["vegetarian"] = "true" if vegetarian else "false"
    if max_price is not None:
        params["max_price"] = max_price
    return params


class MenuWithAPost(Mistake):
    words = "asks for the menu with a POST, not a GET"
    hint = "Register the menu for GET only, or check the method of `requests_mock.last_request`."

    def menu(self, category: Any = None, vegetarian: Any = None, max_price: Any = None) -> Any:
        params = _menu_params(category, vegetarian, max_price)
        response = requests.post(f"{self.base_url}/menu", params=params, headers=self._headers(), timeout=self.timeout)
        response.raise_for_status()
        return response.json()["items"]


class MenuWithoutTimeout(Mistake):
    words = "never sends a timeout (it waits forever for a kitchen that does not answer)"
    hint = "`requests_mock.last_request.timeout` is the timeout the client passed: check it."

    def menu(self, category: Any = None, vegetarian: Any = None, max_price: Any = None) -> Any:
        params = _menu_params(category, vegetarian, max_price)
        response = requests.get(f"{self.base_url}/menu", params=params, headers=self._headers())
        response.raise_for_status()
        return response.json()["items"]


class MenuWithoutCategory(Mistake):
    words = "leaves the category out of the query string"
    hint = (
        "Ask the desk for one category and check the query that was sent (`requests_mock.last_request.qs`: "
        "each name with a list of its values)."
    )

    def menu(self, category: Any = None, vegetarian: Any = None, max_price: Any = None) -> Any:
        params = _menu_params(None, vegetarian, max_price)
        response = requests.get(f"{self.base_url}/menu", params=params, headers=self._headers(), timeout=self.timeout)
        response.raise_for_status()
        return response.json()["items"]


class MenuDropsVegetarianFalse(Mistake):
    words = "leaves `vegetarian=false` out of the query (it wrote `if vegetarian:`, so False counts as not given)"
    hint = (
        "Ask the desk for the dishes that are not vegetarian, and check the query: False is a filter, not a "
        "missing one."
    )

    def menu(self, category: Any = None, vegetarian: Any = None, max_price: Any = None) -> Any:
        params = _menu_params(category, True if vegetarian else None, max_price)
        response = requests.get(f"{self.base_url}/menu", params=params, headers=self._headers(), timeout=self.timeout)
        response.raise_for_status()
        return response.json()["items"]


class MenuWithoutAccept(Mistake):
    words = "does not send `Accept: application/json`"
    hint = "`requests_mock.last_request.headers` holds the headers that were sent (names in any case)."

    def menu(self, category: Any = None, vegetarian: Any = None, max_price: Any = None) -> Any:
        params = _menu_params(category, vegetarian, max_price)
        headers = {k: v for k, v in self._headers().items() if k != "Accept"}
        response = requests.get(f"{self.base_url}/menu", params=params, headers=headers, timeout=self.timeout)
        response.raise_for_status()
        return response.json()["items"]


class MenuWithoutToken(Mistake):
    words = "forgets the token: no `Authorization: Bearer <token>` header, although the desk was given one"
    hint = (
        "Make the desk with a token (the `front_desk` fixture takes one), and check the Authorization header it sends."
    )

    def menu(self, category: Any = None, vegetarian: Any = None, max_price: Any = None) -> Any:
        params = _menu_params(category, vegetarian, max_price)
        response = requests.get(
            f"{self.base_url}/menu", params=params, headers={"Accept": "application/json"}, timeout=self.timeout
        )
        response.raise_for_status()
        return response.json()["items"]


class MenuWholeBody(Mistake):
    words = "returns the whole answer (`{'items': [...], 'count': N}`) instead of its list of dishes"
    hint = "Check what `menu` returns: the `items` of the JSON answer your mock gives, not the whole answer."

    def menu(self, category: Any = None, vegetarian: Any = None, max_price: Any = None) -> Any:
        params = _menu_params(category, vegetarian, max_price)
        response = requests.get(f"{self.base_url}/menu", params=params, headers=self._headers(), timeout=self.timeout)
        response.raise_for_status()
        return response.json()


MISTAKES = (
    MenuWithAPost,
    MenuWithoutTimeout,
    MenuWithoutCategory,
    MenuDropsVegetarianFalse,
    MenuWithoutAccept,
    MenuWithoutToken,
    MenuWholeBody,
)
