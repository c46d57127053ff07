"""Front desks whose `order()` makes one mistake in its retries (exercise: a retry sequence)."""

from __future__ import annotations

from typing import Any

import requests

from kata.desks.mistakes import Mistake
from kata.front_desk import PAUSE, RETRIED_STATUSES, _retry_after


def _order(
    desk: Any,
    order_id: int,
    *,
    attempts: int = 3,
    retried: tuple[int, ...] = RETRIED_STATUSES,
    connection_errors: bool = True,
    honour_retry_after: bool = True,
    swallow_last: bool = False,
) -> Any:
    """FrontDesk.order with one knob turned: each mistake below turns one."""
    for attempt in range(1, attempts + 1):
        try:
            response = requests.get(f"{desk.base_url}/orders/{order_id}", headers=desk._headers(), timeout=desk.timeout)
        except requests.ConnectionError:
            if not connection_errors or attempt == attempts:
                raise
            desk.sleep(PAUSE)
            continue
        if response.status_code in retried and attempt < attempts:
            desk.sleep(_retry_after(response) if honour_retry_after else PAUSE)
            continue
        if swallow_last and not response.ok:
            return None
        response.raise_for_status()
        return response.json()
    return None


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
        return _order(self, order_id, honour_retry_after=False)


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


class OrderConnectionErrorsNotRetried(Mistake):
    words = "does not try again after a connection error"
    hint = "An answer in requests-mock's list can be an exception (`exc`): a ConnectionError, then the order."

    def order(self, order_id: int) -> Any:
        return _order(self, order_id, connection_errors=False)


MISTAKES = (
    OrderNeverRetries,
    OrderGivesUpAfterTwo,
    OrderTriesFourTimes,
    OrderIgnoresRetryAfter,
    OrderRetriesClientErrors,
    OrderSwallowsTheLastFailure,
    OrderConnectionErrorsNotRetried,
)
