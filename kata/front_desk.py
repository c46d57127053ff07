"""The front desk's client of the kitchen's API: given to you in chapter 10. You write its tests, not its code.

A colleague wrote it for the restaurant's front desk. It reads the menu, looks up a dish, follows an order and
takes a payment; it has no tests yet. Read it: each method's docstring is its contract, the thing your tests pin
down. The exercises hand it to your tests through the `front_desk` fixture (`front_desk(base_url, token=...,
sleep=...)` builds a `FrontDesk`), so that the kata can also hand them front desks that each make one mistake.
"""

from __future__ import annotations

import time
import uuid
from typing import Callable, Optional

import requests

RETRIED_STATUSES = (502, 503, 504)  # the kitchen is busy or restarting: worth asking again
ATTEMPTS = 3  # order(): tries in all, the first one included
PAUSE = 1.0  # seconds between two tries when the kitchen does not say (no number in Retry-After)


class DishNotFound(Exception):
    """The kitchen has no dish with this id (it answered 404)."""

    def __init__(self, dish_id: int, detail: str) -> None:
        super().__init__(f"There is no dish {dish_id}: {detail}")
        self.dish_id = dish_id
        self.detail = detail


class PaymentUncertain(Exception):
    """No answer came back: the payment may or may not have been taken. Pay again with the same key to be sure."""

    def __init__(self, idempotency_key: str) -> None:
        super().__init__(f"No answer to the payment: pay again with Idempotency-Key {idempotency_key}")
        self.idempotency_key = idempotency_key


class FrontDesk:
    """A client of the kitchen's API at `base_url`, e.g. `FrontDesk("http://127.0.0.1:8000", token="...")`."""

    def __init__(
        self,
        base_url: str,
        *,
        token: Optional[str] = None,
        timeout: float = 5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.sleep = sleep

    def __repr__(self) -> str:
        return f"FrontDesk({self.base_url!r})"

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.token is not None:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def menu(
        self, category: Optional[str] = None, vegetarian: Optional[bool] = None, max_price: Optional[float] = None
    ) -> list[dict]:
        """The dishes of `GET /menu`, filtered by the kitchen.

        Sends only the filters that are given (not None): `category=...`, `vegetarian=true` or `vegetarian=false`,
        `max_price=...`; the headers `Accept: application/json` and, when the desk has a token,
        `Authorization: Bearer <token>`; and a timeout (`self.timeout`, 5 s unless told). Returns the `items` of
        the answer (a list of dicts); an error status raises `requests.HTTPError`.
        """
        params: dict[str, str | float] = {}
        if category is not None:
            params["category"] = category
        if vegetarian is not None:
            params["vegetarian"] = "true" if vegetarian else "false"
        if max_price is not None:
            params["max_price"] = max_price
        response = requests.get(f"{self.base_url}/menu", params=params, headers=self._headers(), timeout=self.timeout)
        response.raise_for_status()
        return response.json()["items"]

    def dish(self, dish_id: int) -> dict:
        """Dish `dish_id` from `GET /menu/{dish_id}` (a dict).

        A 404 raises `DishNotFound(dish_id, detail)`, where `detail` is the `detail` of the kitchen's problem
        answer (RFC 9457). Any other error status (a 500, a 503...) raises `requests.HTTPError`.
        """
        response = requests.get(f"{self.base_url}/menu/{dish_id}", headers=self._headers(), timeout=self.timeout)
        if response.status_code == 404:
            raise DishNotFound(dish_id, response.json()["detail"])
        response.raise_for_status()
        return response.json()

    def order(self, order_id: int) -> dict:
        """Order `order_id` from `GET /orders/{order_id}` (a dict), asking again while the kitchen is busy.

        A 502, 503 or 504 answer, or a connection error, is tried again: 3 tries in all. Before trying again it
        waits (`self.sleep(seconds)`) as many seconds as the answer's `Retry-After` header says, or 1 s when
        there is no number there (and after a connection error). When the third try fails too, it raises what
        that try gave: `requests.HTTPError`, or the connection error. Other error statuses (a 404, a 401...)
        are not tried again: they raise `requests.HTTPError` at once.
        """
        for attempt in range(1, ATTEMPTS + 1):
            try:
                response = requests.get(
                    f"{self.base_url}/orders/{order_id}", headers=self._headers(), timeout=self.timeout
                )
            except requests.ConnectionError:
                if attempt == ATTEMPTS:
                    raise
                self.sleep(PAUSE)
                continue
            if response.status_code in RETRIED_STATUSES and attempt < ATTEMPTS:
                self.sleep(_retry_after(response))
                continue
            response.raise_for_status()
            return response.json()
        raise AssertionError("unreachable: the last try returns or raises")

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> dict:
        """Pay for an order with `POST /payments`; the kitchen's answer (a dict) on 201.

        Sends the JSON body `{"order_id": ..., "amount": ..., "tip": ...}` and the header `Idempotency-Key`:
        `idempotency_key` when given (a retry of an earlier payment), else a new random key, a different one for
        every payment. A POST is never sent twice by this method: an error status raises `requests.HTTPError`
        after one request. When no answer comes back (a connection error or a timeout), it raises
        `PaymentUncertain` carrying the key it sent, so that the caller can pay again with that same key.
        """
        key = idempotency_key if idempotency_key is not None else str(uuid.uuid4())
        headers = {**self._headers(), "Idempotency-Key": key}
        body = {"order_id": order_id, "amount": amount, "tip": tip}
        try:
            response = requests.post(f"{self.base_url}/payments", json=body, headers=headers, timeout=self.timeout)
        except (requests.ConnectionError, requests.Timeout):
            raise PaymentUncertain(key) from None
        response.raise_for_status()
        return response.json()


def _retry_after(response: requests.Response) -> float:
    """The seconds in the answer's Retry-After header, or PAUSE when it holds no number."""
    value = response.headers.get("Retry-After", "")
    try:
        seconds = float(value)
    except ValueError:
        return PAUSE
    return seconds if seconds >= 0 else PAUSE
