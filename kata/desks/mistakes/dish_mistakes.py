"""Front desks whose `dish()` makes one mistake (exercise: when the dish is missing)."""

from __future__ import annotations

from typing import Any

import requests

from kata.desks.mistakes import Mistake
from kata.front_desk import DishNotFound


class DishSwallowsNotFound(Mistake):
    words = "returns None for a dish that does not exist, instead of raising DishNotFound"
    hint = (
        "Let your mock answer 404 with a problem, and expect DishNotFound: which context manager of pytest "
        "expects an exception?"
    )

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            return None
        response.raise_for_status()
        return response.json()


class DishHTTPErrorForNotFound(Mistake):
    words = "raises requests.HTTPError for a 404 (it calls raise_for_status() before looking for the 404)"
    hint = "A 404 must raise DishNotFound itself: does your test fail when an HTTPError comes out instead?"

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        response.raise_for_status()
        return response.json()


class DishLosesTheDetail(Mistake):
    words = "puts the problem's `title` in DishNotFound instead of the kitchen's `detail`"
    hint = (
        "Keep the DishNotFound your test caught, and check what it carries: the problem's `detail` (and the `dish_id`)."
    )

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            raise DishNotFound(dish_id, response.json()["title"])
        response.raise_for_status()
        return response.json()


class DishEveryErrorIsNotFound(Mistake):
    words = "raises DishNotFound for every error, a 500 or a 503 too (only a 404 means 'no such dish')"
    hint = "Let your mock answer a 500 (or a 503) once, and expect an HTTPError, not DishNotFound."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if not response.ok:
            raise DishNotFound(dish_id, response.json().get("detail", ""))
        return response.json()


class DishSwallowsServerErrors(Mistake):
    words = "returns the problem of a 500 as if it were a dish (it never calls raise_for_status())"
    hint = "Let your mock answer a 500, and expect an HTTPError: a broken kitchen must not look like a dish."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            raise DishNotFound(dish_id, response.json()["detail"])
        return response.json()


class DishWrongAddress(Mistake):
    words = "asks for `/dishes/{id}` instead of `/menu/{id}`"
    hint = "Register the exact address of the dish (`GET /menu/15`): requests-mock then refuses any other."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/dishes/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            raise DishNotFound(dish_id, response.json()["detail"])
        response.raise_for_status()
        return response.json()


MISTAKES = (
    DishSwallowsNotFound,
    DishHTTPErrorForNotFound,
    DishLosesTheDetail,
    DishEveryErrorIsNotFound,
    DishSwallowsServerErrors,
    DishWrongAddress,
)
