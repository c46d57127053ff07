"""How much one kitchen keeps: every collection is capped, so nothing grows without bound.

A cap that is hit is a 409 ``limit-reached`` problem that says which limit and how to start afresh
(``POST /__admin/reset``); ``config["LIMITS"]`` may change them (benchmarks place more orders).
Tokens and idempotency records also expire in kitchen time, and the expired ones are dropped before
a cap is checked.
"""

from __future__ import annotations

from mock_server.contract.problems import ApiError

LIMITS = {
    "tables": 1000,
    "orders": 5000,
    "payments": 5000,
    "reviews": 5000,  # the 137 seeded ones included
    "tokens": 1000,  # live (unexpired) bearer tokens
    "idempotency": 5000,  # remembered Idempotency-Keys
}
IDEMPOTENCY_SECONDS = 24 * 3600  # kitchen time a remembered Idempotency-Key lives (IETF draft: "24 hours")


def refuse_if_full(state: object, kind: str) -> None:
    """A 409 if the kitchen's ``kind`` collection already holds its limit (call under the state lock)."""
    limit = (getattr(state, "config", {}).get("LIMITS") or {}).get(kind, LIMITS[kind])
    if len(getattr(state, kind)) >= limit:
        raise ApiError(
            "limit-reached",
            f"This kitchen already holds {limit} {kind}, its limit.",
            hint="Start afresh with POST /__admin/reset (tests usually do it before each run).",
            limit=limit,
        )
