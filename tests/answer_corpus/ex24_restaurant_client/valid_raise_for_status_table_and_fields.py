# valid: raise_for_status in a try, a status-to-class table, results built from dataclasses.fields, json.loads

import json
import time
import uuid
from dataclasses import dataclass, fields
from typing import Optional

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


KINDS = {
    404: NotFound,
    400: Rejected,
    409: Rejected,
    415: Rejected,
    422: Rejected,
    401: Unauthorized,
    403: Unauthorized,
}


def _build(kind, data):
    """One of the result dataclasses, from the fields of the kitchen's JSON it names."""
    return kind(**{f.name: data[f.name] for f in fields(kind)})


class RestaurantClient:
    def __init__(self, base_url, timeout=5.0, sleep=time.sleep, clock=time.monotonic):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.sleep = sleep
        self.clock = clock
        self.session = requests.Session()

    def close(self):
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _send(self, method, path, **kwargs):
        url = self.base_url + path
        try:
            response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as error:
            raise Unavailable(f"no answer to {method} {path}: {error}") from error
        try:
            response.raise_for_status()
        except requests.HTTPError as error:
            try:
                problem = json.loads(response.content)
            except ValueError:
                problem = {}
            if not isinstance(problem, dict):
                problem = {}
            status = response.status_code
            kind = Unavailable if status == 429 or status >= 500 else KINDS.get(status, RestaurantError)
            raise kind(
                f"{method} {path}: {status} {problem.get('detail', response.reason)}", status=status, problem=problem
            ) from error
        return json.loads(response.content)

    def book_table(self, name, party_size):
        return _build(Table, self._send("POST", "/tables", json={"name": name, "party_size": party_size}))

    def order(self, table, dishes, notes=None):
        lines = []
        for dish_id, quantity in dishes.items():
            lines.append({"dish_id": dish_id, "quantity": quantity})
        body = {"table_id": table.id, "items": lines}
        if notes is not None:
            body["notes"] = notes
        return _build(Order, self._send("POST", "/orders", json=body))

    def get_order(self, order_id):
        return _build(Order, self._send("GET", f"/orders/{order_id}"))

    def wait_until_ready(self, order, interval=1.0, deadline=60.0):
        first = self.clock()
        current = self.get_order(order.id)
        while current.status not in ("ready", "served"):
            if self.clock() - first >= deadline:
                raise KitchenTooSlow(f"order {order.id} still {current.status} after {deadline} s")
            self.sleep(interval)
            current = self.get_order(order.id)
        return current

    def pay(self, order, tip=0.0, attempts=3):
        key = uuid.uuid4().hex
        body = {"order_id": order.id, "amount": order.total, "tip": tip}
        for attempt in range(1, attempts + 1):
            try:
                return _build(Payment, self._send("POST", "/payments", json=body, headers={"Idempotency-Key": key}))
            except Unavailable:
                if attempt == attempts:
                    raise
                self.sleep(1.0)
        raise Unavailable("no try was made", status=None)

    def sign_in(self, username, password):
        token = self._send("POST", "/auth/token", auth=(username, password))["access_token"]
        self.session.headers.update({"Authorization": f"Bearer {token}"})

    def review(self, dish_id, rating, text):
        return _build(Review, self._send("POST", "/reviews", json={"dish_id": dish_id, "rating": rating, "text": text}))
