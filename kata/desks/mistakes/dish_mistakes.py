"""Front desks whose `dish()` makes one mistake (exercise: when the dish is missing)."""

from __future__ import annotations

from typing import Any

import requests

from kata.desks.mistakes import Mistake
from kata.front_desk import DishNotFound


class DishSwallowsNotFound(Mistake):
    words = "returns None for a dish that does not exist, instead of raising DishNotFound"
    hint = (
        "Answer 404 with a problem (`status_code=404, json={...}`) and expect it: `with pytest.raises(DishNotFound):`."
    )

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            return None
        response.raise_for_status()
        return response.json()


class DishHTTPErrorForNotFound(Mistake):
    words = "raises requests.HTTPError for a 404 (it calls raise_for_status() before looking for the 404)"
    hint = "A 404 must raise DishNotFound itself: `pytest.raises(DishNotFound)` fails when an HTTPError comes out."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        response.raise_for_status()
        return response.json()


class DishLosesTheDetail(Mistake):
    words = "puts the problem's `title` in DishNotFound instead of the kitchen's `detail`"
    hint = (
        "`with pytest.raises(DishNotFound) as caught:` then check `caught.value.detail` (and `caught.value.dish_id`)."
    )

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            raise DishNotFound(dish_id, response.json()["title"])
        response.raise_for_status()
        return response.json()


class DishEveryErrorIsNotFound(Mistake):
    words = "raises DishNotFound for every error, a 500 or a 503 too (only a 404 means 'no such dish')"
    hint = "Answer a 500 (or a 503) once and expect `requests.HTTPError`, not DishNotFound."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if not response.ok:
            raise DishNotFound(dish_id, response.json().get("detail", ""))
        return response.json()


class DishSwallowsServerErrors(Mistake):
    words = "returns the problem of a 500 as if it were a dish (it never calls raise_for_status())"
    hint = "Answer a 500 and expect `requests.HTTPError`: a broken kitchen must not look like a dish."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            raise DishNotFound(dish_id, response.json()["detail"])
        return response.json()


class DishUnavailableIsNotFound(Mistake):
    words = "raises DishNotFound for a 503 too (a kitchen that cannot answer now is not a dish that does not exist)"
    hint = "Answer a 503 and expect `requests.HTTPError`: check more than one status of 'any other error'."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code in (404, 503):
            raise DishNotFound(dish_id, response.json().get("detail", ""))
        response.raise_for_status()
        return response.json()


class DishClientErrorsAreNotFound(Mistake):
    words = "raises DishNotFound for every 4xx, a 401 or a 403 too (only a 404 means 'no such dish')"
    hint = "Answer a 401 (or a 403) and expect `requests.HTTPError`, not DishNotFound."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if 400 <= response.status_code < 500:
            raise DishNotFound(dish_id, response.json().get("detail", ""))
        response.raise_for_status()
        return response.json()


class DishNotFoundWithoutTheId(Mistake):
    words = "puts the status (404) in DishNotFound where the dish id belongs"
    hint = "`with pytest.raises(DishNotFound) as caught:` then check `caught.value.dish_id` is the id you asked for."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            raise DishNotFound(response.status_code, response.json()["detail"])
        response.raise_for_status()
        return response.json()


class DishReturnsTheResponse(Mistake):
    words = "returns the requests Response of a dish that exists, not its JSON (a dict)"
    hint = "Answer 200 with a dish (`json=DISH`) and compare what `dish()` returns with that dict."

    def dish(self, dish_id: int) -> Any:
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            raise DishNotFound(dish_id, response.json()["detail"])
        response.raise_for_status()
        return response


class DishWrongAddress(Mistake):
    words = "asks for `/dishes/{id}` instead of `/menu/{id}`"
    hint = "Register the exact address `f'{BASE}/menu/15'`: requests-mock then refuses any other."

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
