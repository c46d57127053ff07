# wrong: decodes every answer by hand as Latin-1 before parsing it, so a review written with accents comes back garbled
# expect: piÃ¹

import json
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
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.sleep = sleep
        self.clock = clock
        self.session = requests.Session()

    def close(self) -> None:
        """Close the session."""
        self.session.close()

    def __enter__(self) -> "RestaurantClient":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send one request; return the JSON of a 2xx answer, or raise the right RestaurantError."""
        try:
            response = self.session.request(method, f"{self.base_url}{path}", timeout=self.timeout, **kwargs)
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as error:
            raise Unavailable(f"The kitchen did not answer {method} {path}: {error}") from error
        if response.ok:
            return json.loads(response.content.decode("latin-1"))
        try:
            problem = response.json()
        except ValueError:
            problem = {}
        status = response.status_code
        message = f"{method} {path} answered {status}: {problem.get('detail', response.reason)}"
        if status == 404:
            kind: type = NotFound
        elif status in (400, 409, 415, 422):
            kind = Rejected
        elif status in (401, 403):
            kind = Unauthorized
        elif status == 429 or status >= 500:
            kind = Unavailable
        else:
            kind = RestaurantError
        raise kind(message, status=status, problem=problem)

    def book_table(self, name: str, party_size: int) -> Table:
        """`POST /tables` with `{"name": ..., "party_size": ...}`; return the new Table (201)."""
        data = self._send("POST", "/tables", json={"name": name, "party_size": party_size})
        return Table(id=data["id"], name=data["name"], party_size=data["party_size"])

    def order(self, table: Table, dishes: dict[int, int], notes: Optional[str] = None) -> Order:
        """`POST /orders` with `{"table_id": table.id, "items": [{"dish_id": ..., "quantity": ...}, ...]}`
        (one line per entry of `dishes`, {dish_id: quantity}, in order) and `"notes"` only when given;
        return the new Order (201)."""
        body: dict[str, Any] = {
            "table_id": table.id,
            "items": [{"dish_id": dish_id, "quantity": quantity} for dish_id, quantity in dishes.items()],
        }
        if notes is not None:
            body["notes"] = notes
        return _order(self._send("POST", "/orders", json=body))

    def get_order(self, order_id: int) -> Order:
        """`GET /orders/{order_id}`; return the Order as the kitchen sees it now."""
        return _order(self._send("GET", f"/orders/{order_id}"))

    def wait_until_ready(self, order: Order, interval: float = 1.0, deadline: float = 60.0) -> Order:
        """Poll the order (`GET /orders/{id}`) until its status is "ready" (or "served"), and return it.

        Ask at once, then `self.sleep(interval)` between two polls. Measure the time with `self.clock()`:
        once `deadline` seconds have passed since the first poll and the order is still not ready,
        raise KitchenTooSlow instead of waiting again.
        """
        started = self.clock()
        while True:
            current = self.get_order(order.id)
            if current.status in ("ready", "served"):
                return current
            waited = self.clock() - started
            if waited >= deadline:
                raise KitchenTooSlow(f"Order {order.id} is still {current.status} after {waited:g} s.")
            self.sleep(interval)

    def pay(self, order: Order, tip: float = 0.0, attempts: int = 3) -> Payment:
        """`POST /payments` with `{"order_id": order.id, "amount": order.total, "tip": tip}` and an
        `Idempotency-Key` header (a new key for each call of pay); return the Payment (201).

        A transient failure (Unavailable: 429/5xx, connection error, timeout) is tried again, up to
        `attempts` tries in all, with the SAME key and body, after `self.sleep(1.0)`; after the last
        try, raise Unavailable. Other errors are raised at once.
        """
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        body = {"order_id": order.id, "amount": order.total, "tip": tip}
        attempt = 1
        while True:
            try:
                data = self._send("POST", "/payments", json=body, headers=headers)
            except Unavailable:
                if attempt >= attempts:
                    raise
                self.sleep(1.0)
                attempt += 1
            else:
                return Payment(
                    id=data["id"],
                    order_id=data["order_id"],
                    amount=data["amount"],
                    tip=data["tip"],
                    total=data["total"],
                )

    def sign_in(self, username: str, password: str) -> None:
        """`POST /auth/token` with HTTP Basic authentication (`auth=(username, password)`); from then on
        send `Authorization: Bearer <access_token>` with every request of the session. Wrong
        credentials: Unauthorized."""
        data = self._send("POST", "/auth/token", auth=(username, password))
        self.session.headers["Authorization"] = f"Bearer {data['access_token']}"

    def review(self, dish_id: int, rating: int, text: str) -> Review:
        """`POST /reviews` with `{"dish_id": ..., "rating": ..., "text": ...}` (needs `sign_in` first:
        without it the kitchen answers 401, so Unauthorized); return the new Review (201)."""
        data = self._send("POST", "/reviews", json={"dish_id": dish_id, "rating": rating, "text": text})
        return Review(
            id=data["id"], dish_id=data["dish_id"], rating=data["rating"], text=data["text"], author=data["author"]
        )


def _order(data: dict) -> Order:
    return Order(id=data["id"], table_id=data["table_id"], status=data["status"], total=data["total"])
