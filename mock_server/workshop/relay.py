"""Webhooks in a workshop: a team's kitchen calls the team's laptop through the team's own test run.

A callback URL is an address on "this machine" (``http://127.0.0.1:<port>/...``). For a team, that
machine is the pair's laptop, which the shared kitchen cannot reach (another laptop, a firewall,
client isolation). So in workshop mode a team's kitchen does not call: when an order is ready it
journals the call as waiting, and the kata's test harness on the laptop, right after it advances
the kitchen's clock, takes the waiting calls (``GET /__workshop/deliveries``), makes each one on
its own machine and reports the answer (``POST /__workshop/deliveries/<id>``), which completes
the journal entry. The workshop server itself never makes a callback: a kitchen without a team
(none serves strangers in a workshop) journals the call as refused, and workshop mode refuses the
real clock, whose timer would fire outside any request (``workshop.init_app``).

Each team has its own queue of waiting calls, ``MAX_WAITING`` long: one team's flood of orders drops
its own oldest calls (their entries say so), never another team's.
"""

from __future__ import annotations

import collections
import json
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import has_request_context, request

HEADERS = {"Content-Type": "application/json", "User-Agent": "restaurant-kitchen/1.0"}
WAITING = "waiting for the team's laptop to make this call (in a workshop, the kata's tests make the kitchen's calls)"
MAX_WAITING = 200  # per team: calls nobody took (a kitchen driven by hand); the oldest are dropped, their entry says so
NOT_HERE = "in a workshop the server makes no calls itself: only a team's own test run makes its kitchen's calls"


@dataclass
class Delivery:
    id: int
    team_id: int
    url: str
    event: dict
    entry: dict  # the journal entry, completed in place when the team reports the answer
    taken: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "event": self.event}


class Relay:
    """The calls waiting for their team. Thread-safe."""

    def __init__(self, limit: int = MAX_WAITING) -> None:
        self.limit = limit
        self._changed = threading.Condition()
        self._waiting: dict[int, collections.OrderedDict[int, Delivery]] = {}  # team id -> its calls, oldest first
        self._next = 0

    def send(self, url: str, event: dict, timeout: float) -> dict[str, Any]:
        """The kitchen's webhook sender (``WEBHOOK_SENDER``): a call waiting for its team, never a direct one."""
        team = request.environ.get("mock_server.workshop.team") if has_request_context() else None
        entry = _entry(url, event)
        if team is None:
            entry["error"] = NOT_HERE
            return entry
        with self._changed:
            self._next += 1
            queue = self._waiting.setdefault(team.id, collections.OrderedDict())
            queue[self._next] = Delivery(self._next, team.id, url, event, entry)
            while len(queue) > self.limit:
                _, dropped = queue.popitem(last=False)
                dropped.entry["error"] = "nobody on the team's laptop took this call"
            self._changed.notify_all()
        return entry

    def forget(self, team_id: int) -> None:
        """A removed team's waiting calls go with it."""
        with self._changed:
            self._waiting.pop(team_id, None)

    def waiting(self, team_id: int) -> int:
        with self._changed:
            return len(self._waiting.get(team_id, ()))

    def take(self, team_id: int, wait: float = 0.0) -> list[Delivery]:
        """The team's calls not taken yet (each is handed out once), waiting up to ``wait`` seconds for one."""
        with self._changed:
            if wait > 0:
                self._changed.wait_for(lambda: bool(self._untaken(team_id)), timeout=wait)
            found = self._untaken(team_id)
            for delivery in found:
                delivery.taken = True
            return found

    def complete(self, team_id: int, delivery_id: int, status: int | None, error: str | None) -> bool:
        """Record the answer the team's laptop got; False if no such call waits for this team."""
        with self._changed:
            queue: dict[int, Delivery] = self._waiting.get(team_id, {})
            delivery = queue.get(delivery_id)
            if delivery is None:
                return False
            del queue[delivery_id]
        delivery.entry["status"] = status
        if error:
            delivery.entry["error"] = error
        else:
            delivery.entry.pop("error", None)
        return True

    def _untaken(self, team_id: int) -> list[Delivery]:
        return [d for d in self._waiting.get(team_id, {}).values() if not d.taken]


def _entry(url: str, event: dict) -> dict[str, Any]:
    """A journal entry like ``webhooks._post`` writes for a direct call, still waiting for its answer."""
    return {
        "direction": "outgoing",
        "method": "POST",
        "url": url,
        "path": urlsplit(url).path or "/",
        "query": {},
        "headers": dict(HEADERS),
        "body": json.dumps(event),
        "json": event,
        "status": None,
        "error": WAITING,
    }
