"""Deterministic fault injection, configured through ``POST /__admin/faults``.

Faults are part of a tenant's ``State``. Rules in ``next`` fire a given number
of times on matching requests (path is an exact path or a glob like
``/orders/*``); ``error_rate`` fails a seeded share of requests;
``drop_connection`` closes the socket without an answer; ``latency_ms`` delays
every answer; ``rate_limit`` overrides the configured budget.
"""

from __future__ import annotations

import fnmatch
import random
from typing import TYPE_CHECKING, Any, NamedTuple

from mock_server.contract.schema import integer, model, number, obj, pattern_message, ref

if TYPE_CHECKING:
    from mock_server.contract.declare import Body

MAX_LATENCY_MS = 10_000
MAX_RULES, MAX_COUNT, MAX_SEED, MAX_RETRY_AFTER, MAX_RATE = 50, 1_000_000, 2**63 - 1, 86_400, 1_000_000
STATUS = integer(400, 599)
COUNT = integer(1, MAX_COUNT, default=1)
PATH = {
    "type": "string",
    "minLength": 1,
    "maxLength": 500,
    "pattern": pattern_message(
        "^/[^\\u0000-\\u001f\\u007f]*$", "must start with / (a path like /menu, or a pattern like /orders/*)"
    ),
    "description": "Exact path or glob, e.g. /orders/*.",
}
METHOD = {"type": "string", "minLength": 1, "maxLength": 10, "pattern": "^[A-Za-z]+$"}
model(
    "FaultRule",
    obj(
        {"status": STATUS}, {"count": COUNT, "retry_after": integer(0, MAX_RETRY_AFTER), "path": PATH, "method": METHOD}
    ),
)
model("DropRule", obj({}, {"count": COUNT, "path": PATH, "method": METHOD}))
model("RateLimit", obj({"limit": integer(1, MAX_RATE), "window": number(0.001, MAX_RETRY_AFTER)}))
model(
    "Faults",
    obj(
        {
            "next": {"type": "array", "items": ref("FaultRule")},
            "drop_connection": {"oneOf": [ref("DropRule"), {"type": "null"}]},
            "latency_ms": integer(0),
            "error_rate": {"type": "number"},
            "error_status": STATUS,
            "seed": integer(0),
            "rate_limit": {"oneOf": [ref("RateLimit"), {"type": "null"}]},
        }
    ),
)


class Action(NamedTuple):
    """What to do with one request: drop it, or answer ``status``, after ``latency`` s."""

    drop: bool = False
    status: int | None = None
    retry_after: int | None = None
    latency: float = 0.0


class Faults:
    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        settings = settings or {}
        self.settings = settings
        self.next = [dict(rule) for rule in settings.get("next", [])]
        self.drop = dict(settings["drop_connection"]) if "drop_connection" in settings else None
        self.latency_ms = settings.get("latency_ms", 0)
        self.error_rate = settings.get("error_rate", 0.0)
        self.error_status = settings.get("error_status", 503)
        self.seed = settings.get("seed", 0)
        self.rate_limit = settings.get("rate_limit")
        self._random = random.Random(self.seed)
        self.armed = bool(self.next or self.drop or self.latency_ms or self.error_rate)

    INPUT = model(
        "FaultsInput",
        obj(
            {},
            {
                "next": {"type": "array", "maxItems": MAX_RULES, "items": ref("FaultRule")},
                "drop_connection": ref("DropRule"),
                "latency_ms": integer(0, MAX_LATENCY_MS),
                "error_rate": number(0, 1),
                "error_status": STATUS,
                "seed": integer(0, MAX_SEED),
                "rate_limit": ref("RateLimit"),
            },
        ),
    )

    @classmethod
    def parse(cls, body: Body) -> Faults:
        """The faults of a checked admin request body (422 on any mistake)."""
        settings = dict(body.value)
        for rule in [*settings.get("next", []), settings.get("drop_connection") or {}]:
            if rule.get("method"):
                rule["method"] = rule["method"].upper()
        return cls(settings)

    def to_json(self) -> dict[str, Any]:
        return {
            "next": [dict(rule) for rule in self.next if rule["count"] > 0],
            "drop_connection": dict(self.drop) if self.drop and self.drop["count"] > 0 else None,
            "latency_ms": self.latency_ms,
            "error_rate": self.error_rate,
            "error_status": self.error_status,
            "seed": self.seed,
            "rate_limit": self.rate_limit,
        }

    def decide(self, method: str, path: str) -> Action | None:
        """The fault for this request, if any; consumes counts. Call under the state lock."""
        latency = self.latency_ms / 1000
        if self.drop and self.drop["count"] > 0 and _matches(self.drop, method, path):
            self.drop["count"] -= 1
            return Action(drop=True, latency=latency)
        for rule in self.next:
            if rule["count"] > 0 and _matches(rule, method, path):
                rule["count"] -= 1
                return Action(status=rule["status"], retry_after=rule.get("retry_after"), latency=latency)
        if self.error_rate and self._random.random() < self.error_rate:
            return Action(status=self.error_status, retry_after=1, latency=latency)
        if latency:
            return Action(latency=latency)
        return None


def _matches(rule: dict[str, Any], method: str, path: str) -> bool:
    if rule.get("method") and rule["method"] != method:
        return False
    pattern = rule.get("path")
    return not pattern or pattern == path or fnmatch.fnmatchcase(path, pattern)
