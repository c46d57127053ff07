"""Front desks whose `pay()` makes one mistake (exercise: a payment and its key)."""

from __future__ import annotations

import uuid
from typing import Any, Optional

import requests

from kata.desks.mistakes import Mistake
from kata.front_desk import PaymentUncertain


class PayFormBody(Mistake):
    words = "sends the payment as a form (`data=`), not as JSON"
    hint = "`requests_mock.last_request` can give its body as JSON: check it is exactly the payment."

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        key = idempotency_key if idempotency_key is not None else str(uuid.uuid4())
        headers = {**self._headers(), "Idempotency-Key": key}
        body = {"order_id": order_id, "amount": amount, "tip": tip}
        try:
            response = requests.post(f"{self.base_url}/payments", data=body, headers=headers, timeout=self.timeout)
        except (requests.ConnectionError, requests.Timeout):
            raise PaymentUncertain(key) from None
        response.raise_for_status()
        return response.json()


class PayWithoutKey(Mistake):
    words = "sends no Idempotency-Key header"
    hint = (
        "Check the `Idempotency-Key` header of `requests_mock.last_request`: the key the caller gave, when it gave one."
    )

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        key = idempotency_key if idempotency_key is not None else str(uuid.uuid4())
        body = {"order_id": order_id, "amount": amount, "tip": tip}
        try:
            response = requests.post(
                f"{self.base_url}/payments", json=body, headers=self._headers(), timeout=self.timeout
            )
        except (requests.ConnectionError, requests.Timeout):
            raise PaymentUncertain(key) from None
        response.raise_for_status()
        return response.json()


class PaySameKeyEveryTime(Mistake):
    words = "sends the same Idempotency-Key for every payment (it makes one key, once, for the whole desk)"
    hint = "Pay twice without a key and compare the two keys in `requests_mock.request_history`: they must differ."

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        if not hasattr(self, "_key"):
            self._key = str(uuid.uuid4())
        key = idempotency_key if idempotency_key is not None else self._key
        return _post(self, key, order_id, amount, tip)


class PayIgnoresTheGivenKey(Mistake):
    words = "ignores the key it is given and always makes a new one (so a retry would charge twice)"
    hint = "Pay with a key of your own (`idempotency_key`), and check that exact key was sent."

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        return _post(self, str(uuid.uuid4()), order_id, amount, tip)


class PayRetriesThePost(Mistake):
    words = "sends the POST again after a 503 (with a new key: the guest may pay twice)"
    hint = "Answer 503 and expect an HTTPError after exactly one request (`requests_mock.call_count`)."

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        for _ in range(2):
            key = idempotency_key if idempotency_key is not None else str(uuid.uuid4())
            try:
                return _post(self, key, order_id, amount, tip)
            except requests.HTTPError as error:
                if error.response is None or error.response.status_code != 503:
                    raise
        raise requests.HTTPError("503 twice")


class PaySwallowsTheTimeout(Mistake):
    words = "returns None when no answer comes back, instead of raising PaymentUncertain"
    hint = (
        "Make the answer an exception (requests-mock's `exc`: a ReadTimeout, no answer at all), "
        "then expect PaymentUncertain."
    )

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        key = idempotency_key if idempotency_key is not None else str(uuid.uuid4())
        try:
            return _post(self, key, order_id, amount, tip)
        except PaymentUncertain:
            return None


class PayUncertainWithAnotherKey(Mistake):
    words = "raises PaymentUncertain with a new key, not the one it sent (paying again with it would charge twice)"
    hint = (
        "Keep the PaymentUncertain your test caught, and compare its `idempotency_key` with the Idempotency-Key "
        "header that was sent."
    )

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        key = idempotency_key if idempotency_key is not None else str(uuid.uuid4())
        try:
            return _post(self, key, order_id, amount, tip)
        except PaymentUncertain:
            raise PaymentUncertain(str(uuid.uuid4())) from None


def _post(desk: Any, key: str, order_id: int, amount: float, tip: float) -> Any:
    headers = {**desk._headers(), "Idempotency-Key": key}
    body = {"order_id": order_id, "amount": amount, "tip": tip}
    try:
        response = requests.post(f"{desk.base_url}/payments", json=body, headers=headers, timeout=desk.timeout)
    except (requests.ConnectionError, requests.Timeout):
        raise PaymentUncertain(key) from None
    response.raise_for_status()
    return response.json()


MISTAKES = (
    PayFormBody,
    PayWithoutKey,
    PaySameKeyEveryTime,
    PayIgnoresTheGivenKey,
    PayRetriesThePost,
    PaySwallowsTheTimeout,
    PayUncertainWithAnotherKey,
)
