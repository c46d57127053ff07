"""Front desks whose `pay()` makes one mistake (exercise: a payment and its key)."""

from __future__ import annotations

import uuid
from typing import Any, Callable, Optional

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


class PayWrongOrderField(Mistake):
    words = "names the order `order` in the body, not `order_id`"
    hint = "Compare the whole body that was sent (`requests_mock.last_request`), every field, not only some."

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        body = {"order": order_id, "amount": amount, "tip": tip}
        return _post(self, _key(idempotency_key), order_id, amount, tip, body=body)


class PayTotalAsAmount(Mistake):
    words = "sends the total (amount + tip) as `amount`"
    hint = "Pay with a tip and compare the whole body: is `amount` the amount the caller gave?"

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        return _post(self, _key(idempotency_key), order_id, amount + tip, tip)


class PayIgnoresTheTip(Mistake):
    words = "always sends `tip: 0`, whatever tip the caller gave"
    hint = "Pay with a tip and check the body's `tip`."

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        return _post(self, _key(idempotency_key), order_id, amount, 0)


class PayOnly200IsSuccess(Mistake):
    words = "raises requests.HTTPError for a 201 Created (it takes only a 200 for success)"
    hint = "The kitchen answers a payment with 201: answer that, with a receipt, and expect the receipt back."

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        return _post(self, _key(idempotency_key), order_id, amount, tip, check=_only_200)


class PayNeverRaises(Mistake):
    words = "returns the kitchen's problem for an error status instead of raising requests.HTTPError"
    hint = "Answer a 503 (or a 409): what does the docstring say the desk raises then? Expect it with `pytest.raises`."

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        return _post(self, _key(idempotency_key), order_id, amount, tip, check=lambda response: None)


class PayUncertainOnlyOnTimeout(Mistake):
    words = "lets a connection error out as it is, instead of raising PaymentUncertain (it catches only timeouts)"
    hint = "A lost answer is a timeout OR a connection error: have your mock raise a connection error too."

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        return _post(self, _key(idempotency_key), order_id, amount, tip, lost=(requests.Timeout,))


class PayUncertainOnlyOnConnectionError(Mistake):
    words = "lets a read timeout out as it is, instead of raising PaymentUncertain (it catches only connection errors)"
    hint = "A lost answer is a timeout OR a connection error: have your mock raise a timeout too."

    def pay(self, order_id: int, amount: float, tip: float = 0, *, idempotency_key: Optional[str] = None) -> Any:
        return _post(self, _key(idempotency_key), order_id, amount, tip, lost=(requests.ConnectionError,))


def _key(given: Optional[str]) -> str:
    return given if given is not None else str(uuid.uuid4())


def _raise_for_status(response: requests.Response) -> None:
    response.raise_for_status()


def _only_200(response: requests.Response) -> None:
    if response.status_code != 200:
        raise requests.HTTPError(f"{response.status_code} is not 200", response=response)


def _post(
    desk: Any,
    key: str,
    order_id: int,
    amount: float,
    tip: float,
    *,
    body: Optional[dict[str, Any]] = None,
    lost: tuple[type[Exception], ...] = (requests.ConnectionError, requests.Timeout),
    check: Callable[[requests.Response], None] = _raise_for_status,
) -> Any:
    """FrontDesk.pay once the key is chosen, with one knob turned: the body, the errors meaning no answer, the check."""
    headers = {**desk._headers(), "Idempotency-Key": key}
    sent = body if body is not None else {"order_id": order_id, "amount": amount, "tip": tip}
    try:
        response = requests.post(f"{desk.base_url}/payments", json=sent, headers=headers, timeout=desk.timeout)
    except lost:
        raise PaymentUncertain(key) from None
    check(response)
    return response.json()


MISTAKES = (
    PayFormBody,
    PayWrongOrderField,
    PayTotalAsAmount,
    PayIgnoresTheTip,
    PayWithoutKey,
    PaySameKeyEveryTime,
    PayIgnoresTheGivenKey,
    PayRetriesThePost,
    PayOnly200IsSuccess,
    PayNeverRaises,
    PaySwallowsTheTimeout,
    PayUncertainOnlyOnTimeout,
    PayUncertainOnlyOnConnectionError,
    PayUncertainWithAnotherKey,
)
