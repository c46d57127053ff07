# valid: a match on http.HTTPStatus in a checker, the token kept on self and sent per request, json.loads(text)

import json
import time
import uuid
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Optional

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


def _problem(response):
    try:
        body = json.loads(response.text)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _error_for(method, path, response):
    status = response.status_code
    problem = _problem(response)
    message = f"{method} {path} answered {status}: {problem.get('detail', response.reason)}"
    match status:
        case HTTPStatus.NOT_FOUND:
            kind = NotFound
        case HTTPStatus.BAD_REQUEST | HTTPStatus.CONFLICT | HTTPStatus.UNSUPPORTED_MEDIA_TYPE:
            kind = Rejected
        case HTTPStatus.UNPROCESSABLE_ENTITY:
            kind = Rejected
        case HTTPStatus.UNAUTHORIZED | HTTPStatus.FORBIDDEN:
            kind = Unauthorized
        case HTTPStatus.TOO_MANY_REQUESTS:
            kind = Unavailable
        case _ if status >= 500:
            kind = Unavailable
        case _:
            kind = RestaurantError
    return kind(message, status=status, problem=problem)


class RestaurantClient:
    def __init__(self, base_url: str, timeout: float = 5.0, sleep=time.sleep, clock=time.monotonic) -> None:
        while base_url.endswith("/"):
            base_url = base_url[:-1]
        self.base_url = base_url
        self.timeout = timeout
        self.sleep = sleep
        self.clock = clock
        self.session = requests.Session()
        self.token: Optional[str] = None

    def close(self) -> None:
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return None

    def _send(self, method: str, path: str, headers: Optional[dict] = None, **kwargs: Any) -> Any:
        headers = dict(headers or {})
        if self.token is not None:
            headers["Authorization"] = "Bearer " + self.token
        try:
            response = self.session.request(
                method, self.base_url + path, headers=headers, timeout=self.timeout, **kwargs
            )
        except (requests.ConnectionError, requests.Timeout) as error:
            raise Unavailable(f"{method} {path}: the kitchen did not answer ({error})") from error
        if response.status_code >= 400:
            raise _error_for(method, path, response)
        return json.loads(response.text)

    def book_table(self, name: str, party_size: int) -> Table:
        data = self._send("POST", "/tables", json={"name": name, "party_size": party_size})
        return Table(data["id"], data["name"], data["party_size"])

    def order(self, table: Table, dishes: dict[int, int], notes: Optional[str] = None) -> Order:
        body: dict[str, Any] = {"table_id": table.id}
        body["items"] = [{"dish_id": dish, "quantity": count} for dish, count in dishes.items()]
        if notes is not None:
            body["notes"] = notes
        data = self._send("POST", "/orders", json=body)
        return Order(data["id"], data["table_id"], data["status"], data["total"])

    def get_order(self, order_id: int) -> Order:
        data = self._send("GET", f"/orders/{order_id}")
        return Order(data["id"], data["table_id"], data["status"], data["total"])

    def wait_until_ready(self, order: Order, interval: float = 1.0, deadline: float = 60.0) -> Order:
        give_up_at = self.clock() + deadline
        while True:
            now = self.get_order(order.id)
            if now.status == "ready" or now.status == "served":
                return now
            if self.clock() >= give_up_at:
                raise KitchenTooSlow(f"Order {order.id} is not ready after {deadline} seconds ({now.status}).")
            self.sleep(interval)

    def pay(self, order: Order, tip: float = 0.0, attempts: int = 3) -> Payment:
        key = str(uuid.uuid4())
        body = {"order_id": order.id, "amount": order.total, "tip": tip}
        tries = 0
        while True:
            tries += 1
            try:
                data = self._send("POST", "/payments", json=body, headers={"Idempotency-Key": key})
                break
            except Unavailable:
                if tries >= attempts:
                    raise
                self.sleep(1.0)
        return Payment(data["id"], data["order_id"], data["amount"], data["tip"], data["total"])

    def sign_in(self, username: str, password: str) -> None:
        self.token = self._send("POST", "/auth/token", auth=(username, password))["access_token"]

    def review(self, dish_id: int, rating: int, text: str) -> Review:
        data = self._send("POST", "/reviews", json={"dish_id": dish_id, "rating": rating, "text": text})
        return Review(data["id"], data["dish_id"], data["rating"], data["text"], data["author"])
