"""How much one kitchen keeps: every collection is capped, so nothing grows without bound.

A cap that is hit is a 409 ``limit-reached`` problem that says which limit and how to start afresh
(``POST /__admin/reset``); ``config["LIMITS"]`` may change them (benchmarks place more orders).
Tokens and idempotency records also expire in kitchen time, and the expired ones are dropped before
a cap is checked.

In a workshop, the kitchens also share the room's memory (``ROOM_BYTES``, the workshop's ``room_bytes``):
each kitchen may hold its fair share, the room's budget over the teams the room can hold
(``config["KITCHEN_BYTES"]``), whatever the other teams do. What a kitchen holds is counted from what it
keeps, each record at the most it can take (``COSTS``, measured with every field at its cap), so the room
stays within its budget even when every team fills its kitchen with the largest records there are. The
journal has its own shared budget (``journal.Budget``) and tokens their own cap (the oldest makes room).
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
# Bytes one record may take in memory at most, every field at its cap (measured with tracemalloc, rounded up).
COSTS = {"tables": 2048, "orders": 12 * 1024, "payments": 2048, "idempotency": 2048, "reviews": 10 * 1024}
ROOM_BYTES = 512 * 1024 * 1024  # a workshop room's kitchens, together; each keeps room_bytes / max_teams
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
    share = getattr(state, "config", {}).get("KITCHEN_BYTES")
    if share and held(state) + COSTS.get(kind, 0) > share:
        raise ApiError(
            "limit-reached",
            f"This kitchen holds {_mib(held(state))} of tables, orders, payments and reviews: its fair share of "
            f"the room's memory is {_mib(share)}, so it keeps no more {kind}.",
            hint="Start afresh with POST /__admin/reset (tests usually do it before each run); "
            "the other teams share the same room.",
            limit_bytes=share,
        )


def held(state: object) -> int:
    """Bytes a kitchen's records may take, at most (call under the state lock). The seeded reviews are free."""
    seeded = getattr(state, "seeded", 0)
    counts = {kind: len(getattr(state, kind)) for kind in COSTS}
    counts["reviews"] = max(0, counts["reviews"] - seeded)
    return sum(count * COSTS[kind] for kind, count in counts.items())


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"
