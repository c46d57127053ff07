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
from typing import Any, NamedTuple

from .validation import Checker

MAX_LATENCY_MS = 10_000


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

    @classmethod
    def parse(cls, body: Any) -> Faults:
        """Validate an admin request body (422 on any mistake)."""
        check = Checker()
        body = check.fields(
            body,
            "",
            required=(),
            optional=("next", "latency_ms", "error_rate", "error_status", "seed", "drop_connection", "rate_limit"),
        )
        if body is None:
            check.done()
        settings: dict[str, Any] = {}
        if "next" in body:
            rules = check.array(body["next"], "next", 0, 50) or []
            settings["next"] = []
            for index, rule in enumerate(rules):
                settings["next"].append(_rule(check, rule, f"next[{index}]", needs_status=True))
        if "drop_connection" in body:
            settings["drop_connection"] = _rule(check, body["drop_connection"], "drop_connection", needs_status=False)
        if "latency_ms" in body:
            settings["latency_ms"] = check.integer(body["latency_ms"], "latency_ms", 0, MAX_LATENCY_MS)
        if "error_rate" in body:
            settings["error_rate"] = check.number(body["error_rate"], "error_rate", 0.0, 1.0)
        if "error_status" in body:
            settings["error_status"] = check.integer(body["error_status"], "error_status", 400, 599)
        if "seed" in body:
            settings["seed"] = check.integer(body["seed"], "seed", 0, 2**63 - 1)
        if "rate_limit" in body:
            limit = check.fields(body["rate_limit"], "rate_limit", required=("limit", "window"))
            if limit is not None and "limit" in limit and "window" in limit:
                settings["rate_limit"] = {
                    "limit": check.integer(limit["limit"], "rate_limit.limit", 1, 1_000_000),
                    "window": check.number(limit["window"], "rate_limit.window", 0.001, 86_400),
                }
        check.done()
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


def _rule(check: Checker, rule: Any, field: str, *, needs_status: bool) -> dict[str, Any]:
    keys: tuple[str, ...] = ("status", "count", "retry_after", "path", "method")
    if not needs_status:
        keys = ("count", "path", "method")
    rule = check.fields(rule, field, required=("status",) if needs_status else (), optional=keys)
    if rule is None:
        return {}
    parsed: dict[str, Any] = {"count": 1}
    if "status" in rule:
        parsed["status"] = check.integer(rule["status"], f"{field}.status", 400, 599)
    if "count" in rule:
        parsed["count"] = check.integer(rule["count"], f"{field}.count", 1, 1_000_000)
    if "retry_after" in rule:
        parsed["retry_after"] = check.integer(rule["retry_after"], f"{field}.retry_after", 0, 86_400)
    if "path" in rule:
        path = check.string(rule["path"], f"{field}.path", 500)
        if path is not None and not path.startswith("/"):
            check.error(f"{field}.path", "must start with / (a path like /menu, or a pattern like /orders/*)")
        parsed["path"] = path
    if "method" in rule:
        method = check.string(rule["method"], f"{field}.method", 10)
        parsed["method"] = method.upper() if method else method
    return parsed


def _matches(rule: dict[str, Any], method: str, path: str) -> bool:
    if rule.get("method") and rule["method"] != method:
        return False
    pattern = rule.get("path")
    return not pattern or pattern == path or fnmatch.fnmatchcase(path, pattern)
