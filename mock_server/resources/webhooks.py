"""Webhooks: the kitchen calls YOU when an order is ready (chapter 8 of the kata).

An order placed (or replaced) with ``"callback_url": "http://127.0.0.1:<port>/<path>"``
gets one ``POST`` of an ``order.ready`` event to that address once the kitchen's
clock passes its ready time::

    {"event": "order.ready", "order_id": 1, "table_id": 1, "status": "ready",
     "total": 18.0, "ready_at": "2024-01-01T12:00:07.000Z"}

Only ``http://`` addresses on this machine (127.0.0.1, localhost, [::1]) are
accepted: the kitchen never calls out to the network. Each delivery is one try
with a short timeout (``WEBHOOK_TIMEOUT`` seconds, default 2), made outside the
state lock, and recorded in the journal as an entry with ``"direction":
"outgoing"`` and the receiver's status (None, plus an ``error``, when it could not
be reached). With the manual clock, deliveries fall due in ``POST /__admin/clock``,
which answers only once they are made; with the real clock a timer fires at the
ready time (and an advance of the clock delivers what it made due).
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from flask import current_app

from mock_server.contract.schema import ID, MONEY, TIMESTAMP, integer, model, obj, pattern_message
from mock_server.state.store import State, current_state

EVENT = "order.ready"
MAX_URL = 500
# The only addresses the kitchen calls: http:// on this machine, any port, any path. The spec uses the same pattern.
_PORT = r"(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})"
CALLBACK_PATTERN = rf"^http://(127\.0\.0\.1|localhost|\[::1\])(:{_PORT})?([/?#][!-~]*)?$"
DEFAULT_TIMEOUT = 2.0
EXAMPLE_URL = "http://127.0.0.1:5001/webhooks/order-ready"

# No proxies: a callback goes straight to this machine, whatever HTTP_PROXY says.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


pattern_message(
    CALLBACK_PATTERN,
    f"must be an http:// address on this machine (127.0.0.1, localhost or [::1]), like {EXAMPLE_URL}",
)
CALLBACK_URL = {
    "type": "string",
    "maxLength": MAX_URL,
    "pattern": CALLBACK_PATTERN,
    "examples": [EXAMPLE_URL],
    "description": "Where the kitchen POSTs an order.ready event once the order is ready (see webhooks): "
    "an http:// address on this machine only.",
}
model(
    "OrderReadyEvent",
    obj(
        {
            "event": {"const": EVENT},
            "order_id": ID,
            "table_id": integer(1),
            "status": {"const": "ready"},
            "total": MONEY,
            "ready_at": TIMESTAMP,
        },
        closed=False,
        description="What the kitchen POSTs to an order's callback_url once the order is ready.",
    ),
)


def ready_at(order: dict, config: Any) -> float:
    """The clock time at which ``order`` becomes ready."""
    cook = order.get("cook") or config["COOK_SECONDS"]
    return float(order["created"]) + cook["received"] + cook["cooking"]


def _event(state: State, order: dict, config: Any) -> dict[str, Any]:
    return {
        "event": EVENT,
        "order_id": order["id"],
        "table_id": order["table_id"],
        "status": "ready",
        "total": order["total"],
        "ready_at": state.clock.isoformat(ready_at(order, config)),
    }


def deliver_due(state: State, config: Any) -> int:
    """Call the callback of every order that is ready and not yet notified; return how many were called."""
    with state.lock:
        now = state.clock.now()
        due = []
        for order in state.orders.values():
            if order.get("callback_url") and not order.get("notified") and ready_at(order, config) <= now:
                order["notified"] = True  # claimed under the lock: never delivered twice
                due.append((order["callback_url"], _event(state, order, config)))
    for url, event in due:
        send = config.get("WEBHOOK_SENDER") or _post  # workshop mode sends through the team's laptop (relay)
        entry = send(url, event, float(config.get("WEBHOOK_TIMEOUT", DEFAULT_TIMEOUT)))
        with state.lock:
            entry["at"] = state.clock.now()
            state.journal.append(entry)
    return len(due)


def _post(url: str, event: dict, timeout: float) -> dict[str, Any]:
    """POST the event; the journal entry describing what happened."""
    body = json.dumps(event)
    headers = {"Content-Type": "application/json", "User-Agent": "restaurant-kitchen/1.0"}
    entry: dict[str, Any] = {
        "direction": "outgoing",
        "method": "POST",
        "url": url,
        "path": urlsplit(url).path or "/",
        "query": {},
        "headers": headers,
        "body": body,
        "json": event,
        "status": None,
    }
    call = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers, method="POST")
    try:
        with _opener.open(call, timeout=timeout) as answer:
            entry["status"] = answer.status
    except urllib.error.HTTPError as error:
        entry["status"] = error.code
        error.close()
    except (urllib.error.URLError, OSError, ValueError) as error:
        entry["error"] = f"{type(error).__name__}: {getattr(error, 'reason', error)}"
    return entry


def schedule(order: dict) -> None:
    """With the real clock, deliver at the order's ready time (call after placing or replacing it)."""
    if not order.get("callback_url"):
        return
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    state = current_state()
    if state.clock.mode != "real":
        return  # the manual clock delivers in POST /__admin/clock
    delay = max(0.0, ready_at(order, app.config) - state.clock.now())
    timer = threading.Timer(delay + 0.01, deliver_due, args=(state, app.config))
    timer.daemon = True
    timer.start()
