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


class DishUnavailableIsNotFound(Mistake):
    words = "raises DishNotFound for a 503 too (a kitchen that cannot answer now is not a dish that does not exist)"
    hint = "Answer a 503 too, not only one status: what does the docstring say the desk raises for any other error?"

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code in (404, 503):
            raise DishNotFound(dish_id, response.json().get("detail", ""))
        response.raise_for_status()
        return response.json()


class DishClientErrorsAreNotFound(Mistake):
    words = "raises DishNotFound for every 4xx, a 401 or a 403 too (only a 404 means 'no such dish')"
    hint = "Answer a 401 (or a 403): is that a missing dish, or another error? Check which exception the desk raises."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if 400 <= response.status_code < 500:
            raise DishNotFound(dish_id, response.json().get("detail", ""))
        response.raise_for_status()
        return response.json()


class DishNotFoundWithoutTheId(Mistake):
    words = "puts the status (404) in DishNotFound where the dish id belongs"
    hint = "Keep the exception that `pytest.raises` caught and check its `dish_id`: is it the id you asked for?"

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            raise DishNotFound(response.status_code, response.json()["detail"])
        response.raise_for_status()
        return response.json()


class DishReturnsTheResponse(Mistake):
    words = "returns the requests Response of a dish that exists, not its JSON (a dict)"
    hint = "Answer 200 with a dish and compare what `dish` returns with the dish you answered, whole."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            raise DishNotFound(dish_id, response.json()["detail"])
        response.raise_for_status()
        return response


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
    DishUnavailableIsNotFound,
    DishClientErrorsAreNotFound,
    DishNotFoundWithoutTheId,
    DishReturnsTheResponse,
    DishWrongAddress,
)
