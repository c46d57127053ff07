"""Exercise 24: A restaurant client.

The story
---------
You know every move now: book a table, order, wait for the kitchen, pay
once, sign in, leave a review, and survive the kitchen's bad moments. Put
them together in one small class that serves a whole dinner, the way real
API clients (GitHub's, Stripe's) are built:

    with RestaurantClient("http://127.0.0.1:8000") as client:
        table = client.book_table("Ada", 2)
        order = client.order(table, {11: 2, 17: 1})
        order = client.wait_until_ready(order)
        payment = client.pay(order, tip=2.0)
        client.sign_in("ada", "lovelace")
        client.review(11, 5, "Best pizza in town.")

Three things make a client pleasant to use:

1. One `requests.Session` for everything (it keeps connections open and
   carries headers, like the Authorization you get from `sign_in`), one base
   URL, and one default timeout on every request.
2. Typed results: the caller gets a `Table`, an `Order`, a `Payment`, a
   `Review` (dataclasses, already written below), not raw dicts. Build them
   from the kitchen's JSON, taking only the fields the class has.
3. One exception hierarchy: whatever goes wrong, the caller catches
   `RestaurantError` (or one of its kinds), never a raw `requests` exception
   and never a silent None. Every error carries the kitchen's words: the
   message contains the problem's `detail` when the kitchen sent one.

Your task
---------
Write the methods of `RestaurantClient` below (the docstring of each says its
endpoint and what to return). Rules for every request:

- `f"{base_url}{path}"`, with `base_url` given without a trailing slash
  (`"http://host/"` works too: strip the slash in `__init__`);
- through `self.session` (a `requests.Session` made in `__init__`), with
  `timeout=self.timeout`;
- errors become exceptions of this module (a small helper method that checks
  every response is the way to go):

  | the kitchen answered (or did not)           | raise          |
  | ------------------------------------------- | -------------- |
  | 404                                         | `NotFound`     |
  | 400, 409, 415, 422                          | `Rejected`     |
  | 401, 403                                    | `Unauthorized` |
  | 429, 5xx, a ConnectionError or a Timeout    | `Unavailable`  |
  | any other error status                      | `RestaurantError` |

  each with `status=` (None without an answer) and `problem=` (the JSON body
  of the error answer when it is JSON, else {}), and a message that contains
  the problem's `detail` (its words; the whole body goes in `problem=`).

Waiting (`wait_until_ready`, and `pay` between tries) uses `self.sleep` and
`self.clock` (given to `__init__`: the tests pass fake ones), never
`time.sleep` and `time.monotonic` directly.

Read: https://requests.readthedocs.io/en/latest/user/advanced/#session-objects
and https://docs.python.org/3/library/dataclasses.html
"""

import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Optional

import requests

# Typed results: what the client hands back instead of raw dicts. Already written.


@dataclass(frozen=True)
class Table:
    id: int
    name: str
    party_size: int


@dataclass(frozen=True)
class Order:
    id: int
    table_id: int
    status: str  # "received", "cooking", "ready" or "served"
    total: float


@dataclass(frozen=True)
class Payment:
    id: int
    order_id: int
    amount: float
    tip: float
    total: float


@dataclass(frozen=True)
class Review:
    id: int
    dish_id: int
    rating: int
    text: str
    author: str


# One exception hierarchy: callers catch RestaurantError (or one of its kinds). Already written.


class RestaurantError(Exception):
    """Something went wrong talking to the restaurant.

    `status` is the HTTP status of the answer (None when there was no answer);
    `problem` is the kitchen's problem details (the JSON of the error answer), {} when there is none.
    """

    def __init__(self, message: str, *, status: Optional[int] = None, problem: Optional[dict] = None) -> None:
        super().__init__(message)
        self.status = status
        self.problem = problem or {}

    @property
    def detail(self) -> str:
        """The kitchen's own explanation (the problem's `detail`), or the message."""
        return str(self.problem.get("detail", self))


class NotFound(RestaurantError):
    """404: there is no such thing (order, table, dish)."""


class Rejected(RestaurantError):
    """400, 409, 415 or 422: the kitchen understood the request and refused it."""

    @property
    def errors(self) -> list:
        """One {"field", "message"} per wrong field (422), else []."""
        return list(self.problem.get("errors", []))


class Unauthorized(RestaurantError):
    """401 or 403: not signed in, wrong password, or not yours."""


class Unavailable(RestaurantError):
    """The kitchen cannot serve now: 429 or 5xx, or no answer at all (connection error, timeout)."""


class KitchenTooSlow(RestaurantError):
    """The order was not ready before the deadline."""


class RestaurantClient:
    """A client for the restaurant: one Session, one base URL, one timeout, typed results, one kind of error."""

    def __init__(
        self,
        base_url: str,
        timeout: float = 5.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Keep `base_url` (without a trailing slash), `timeout`, `sleep` and `clock` as attributes of the same
        names, and make `self.session`, a `requests.Session`. Send no request here."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the session."""
        raise NotImplementedError

    def __enter__(self) -> "RestaurantClient":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def book_table(self, name: str, party_size: int) -> Table:
        """`POST /tables` with `{"name": ..., "party_size": ...}`; return the new Table (201)."""
        raise NotImplementedError

    def order(self, table: Table, dishes: dict[int, int], notes: Optional[str] = None) -> Order:
        """`POST /orders` with `{"table_id": table.id, "items": [{"dish_id": ..., "quantity": ...}, ...]}`
        (one line per entry of `dishes`, {dish_id: quantity}, in order) and `"notes"` only when given;
        return the new Order (201)."""
        raise NotImplementedError

    def get_order(self, order_id: int) -> Order:
        """`GET /orders/{order_id}`; return the Order as the kitchen sees it now."""
        raise NotImplementedError

    def wait_until_ready(self, order: Order, interval: float = 1.0, deadline: float = 60.0) -> Order:
        """Poll the order (`GET /orders/{id}`) until its status is "ready" (or "served"), and return it.

        Ask at once, then `self.sleep(interval)` between two polls. Measure the time with `self.clock()`:
        once `deadline` seconds have passed since the first poll and the order is still not ready,
        raise KitchenTooSlow instead of waiting again.
        """
        raise NotImplementedError

    def pay(self, order: Order, tip: float = 0.0, attempts: int = 3) -> Payment:
        """`POST /payments` with `{"order_id": order.id, "amount": order.total, "tip": tip}` and an
        `Idempotency-Key` header (a new key for each call of pay); return the Payment (201).

        A transient failure (Unavailable: 429/5xx, connection error, timeout) is tried again, up to
        `attempts` tries in all, with the SAME key and body, after `self.sleep(1.0)`; after the last
        try, raise Unavailable. Other errors are raised at once.
        """
        raise NotImplementedError

    def sign_in(self, username: str, password: str) -> None:
        """`POST /auth/token` with HTTP Basic authentication (`auth=(username, password)`); from then on
        send `Authorization: Bearer <access_token>` with every request of the session. Wrong
        credentials: Unauthorized."""
        raise NotImplementedError

    def review(self, dish_id: int, rating: int, text: str) -> Review:
        """`POST /reviews` with `{"dish_id": ..., "rating": ..., "text": ...}` (needs `sign_in` first:
        without it the kitchen answers 401, so Unauthorized); return the new Review (201)."""
        raise NotImplementedError
