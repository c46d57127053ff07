"""Front desks whose `order()` makes one mistake in its retries (exercise: a retry sequence)."""

from __future__ import annotations

from typing import Any, Callable, Container

import requests

from kata.desks.mistakes import Mistake
from kata.front_desk import PAUSE, RETRIED_STATUSES, _retry_after


def _order(
    desk: Any,
    order_id: int,
    *,
    path: str = "/orders",
    attempts: int = 3,
    retried: Container[int] = RETRIED_STATUSES,
    connection_errors: bool = True,
    pause_after_connection_error: float = PAUSE,
    wait: Callable[[requests.Response], float] = _retry_after,
    swallow_last: bool = False,
    swallow_last_connection_error: bool = False,
) -> Any:
    """FrontDesk.order with one knob turned: each mistake below turns one."""
    for attempt in range(1, attempts + 1):
        try:
            response = requests.get(f"{desk.base_url}{path}/{order_id}", headers=desk._headers(), timeout=desk.timeout)
        except requests.ConnectionError:
            if attempt == attempts and swallow_last_connection_error:
                return None
            if not connection_errors or attempt == attempts:
                raise
            desk.sleep(pause_after_connection_error)
            continue
        if response.status_code in retried and attempt < attempts:
            desk.sleep(wait(response))
            continue
        if swallow_last and not response.ok:
            return None
        response.raise_for_status()
        return response.json()
    return None


def _no_pause_without_a_number(response: requests.Response) -> float:
    """Retry-After's seconds, or 0 when there is no such header (the right desk waits 1 s then)."""
    return _retry_after(response) if "Retry-After" in response.headers else 0


def _float_of_retry_after(response: requests.Response) -> float:
    """float(Retry-After), 1 s without the header: a date in it raises ValueError."""
    return float(response.headers.get("Retry-After", PAUSE))


class OrderNeverRetries(Mistake):
    words = "never tries again: the first 503 raises"
    hint = "requests-mock can answer a list of answers, one per request: a 503, then the order. Expect the order."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, attempts=1)


class OrderGivesUpAfterTwo(Mistake):
    words = "gives up after 2 tries instead of 3"
    hint = "Answer 503, 503, then the order: the third try must get it. `requests_mock.call_count` counts the tries."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, attempts=2)


class OrderTriesFourTimes(Mistake):
    words = "tries 4 times instead of 3 before giving up"
    hint = "Answer 503 every time: after the third try it must raise, and `requests_mock.call_count` must be 3."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, attempts=4)


class OrderIgnoresRetryAfter(Mistake):
    words = "ignores Retry-After: it always waits 1 s"
    hint = "Give the desk a `sleep` that writes its waits down, answer with `Retry-After: 2`, and check the waits."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, wait=lambda response: PAUSE)


class OrderWrongAddress(Mistake):
    words = "asks for `/order/{id}` instead of `/orders/{id}`"
    hint = "Register the order's exact address, with its id: requests-mock then refuses any other."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, path="/order")


class OrderDoesNotRetry502(Mistake):
    words = "does not try a 502 again (it tries only a 503 and a 504)"
    hint = "Each status of the set is a promise: answer 502, then the order, and expect the order (2 requests)."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, retried=(503, 504))


class OrderDoesNotRetry503(Mistake):
    words = "does not try a 503 again (it tries only a 502 and a 504)"
    hint = "Each status of the set is a promise: answer 503, then the order, and expect the order (2 requests)."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, retried=(502, 504))


class OrderDoesNotRetry504(Mistake):
    words = "does not try a 504 again (it tries only a 502 and a 503)"
    hint = "Each status of the set is a promise: answer 504, then the order, and expect the order (2 requests)."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, retried=(502, 503))


class OrderRetriesEveryServerError(Mistake):
    words = "tries a 500 again (it retries every 5xx; only 502, 503 and 504 are worth it)"
    hint = "Answer a 500: is it in the retry set? Count the requests that were made (`requests_mock.call_count`)."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, retried=range(500, 600))


class OrderNoPauseWithoutRetryAfter(Mistake):
    words = "does not wait at all after a 503 without Retry-After (it must wait 1 s)"
    hint = (
        "Answer a 503 with no Retry-After header, then the order: how long does the docstring say "
        "to wait then? Check the waits."
    )

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, wait=_no_pause_without_a_number)


class OrderCrashesOnARetryAfterDate(Mistake):
    words = "raises ValueError when Retry-After holds a date, not a number of seconds (it must wait 1 s)"
    hint = (
        "Answer a 503 whose Retry-After is a date, not seconds, then the order: what wait does the "
        "docstring promise for it? Check the waits."
    )

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, wait=_float_of_retry_after)


class OrderNoPauseAfterConnectionError(Mistake):
    words = "does not wait after a connection error (it must wait 1 s)"
    hint = (
        "Answer a connection error, then the order, and record the waits through the desk's "
        "`sleep`: how long should it wait?"
    )

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, pause_after_connection_error=0)


class OrderRetriesClientErrors(Mistake):
    words = "tries a 404 again, although asking again cannot help (only 502, 503 and 504 are worth it)"
    hint = "Answer 404 once: expect an HTTPError after exactly one request (`requests_mock.call_count`)."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, retried=(*RETRIED_STATUSES, 404))


class OrderSwallowsTheLastFailure(Mistake):
    words = "returns None when the third try fails too, instead of raising requests.HTTPError"
    hint = "Answer 503 every time and expect an HTTPError once the tries are used up."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, swallow_last=True)


class OrderSwallowsTheLastConnectionError(Mistake):
    words = "returns None when the third try fails to connect too, instead of raising the connection error"
    hint = (
        "Answer a connection error every time: how many tries does the docstring allow, "
        "and what reaches the caller after the last?"
    )

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, swallow_last_connection_error=True)


class OrderConnectionErrorsNotRetried(Mistake):
    words = "does not try again after a connection error"
    hint = "An answer in requests-mock's list can be an exception (`exc`): a ConnectionError, then the order."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, connection_errors=False)


MISTAKES = (
    OrderWrongAddress,
    OrderNeverRetries,
    OrderDoesNotRetry502,
    OrderDoesNotRetry503,
    OrderDoesNotRetry504,
    OrderGivesUpAfterTwo,
    OrderTriesFourTimes,
    OrderIgnoresRetryAfter,
    OrderNoPauseWithoutRetryAfter,
    OrderCrashesOnARetryAfterDate,
    OrderNoPauseAfterConnectionError,
    OrderRetriesClientErrors,
    OrderRetriesEveryServerError,
    OrderSwallowsTheLastFailure,
    OrderSwallowsTheLastConnectionError,
    OrderConnectionErrorsNotRetried,
)
