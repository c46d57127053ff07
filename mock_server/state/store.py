"""All mutable state: one ``Store`` holding one ``State`` per tenant.

A tenant is a kitchen of its own (tables, orders, payments, tokens, reviews,
journal, faults, rate budgets, clock). Today every request uses the
``default`` tenant; workshop mode (issue 7) selects one per team in
``tenancy.tenant_name()``. Resource modules read and change a ``State`` only
while holding ``state.lock``.
"""

from __future__ import annotations

import collections
import threading
from typing import Any

from flask import current_app, g

from mock_server.admin.faults import Faults
from mock_server.admin.journal import Budget, Journal
from mock_server.state.allocator import WORTH_TRIMMING, give_back
from mock_server.state.caps import held
from mock_server.state.clock import Clock
from mock_server.state.data import seeded_reviews
from mock_server.state.tenancy import DEFAULT_TENANT, tenant_name


class State:
    """One tenant's kitchen. Hold ``lock`` to read or change any attribute."""

    def __init__(self, config: dict[str, Any], budget: Budget | None = None) -> None:
        self.lock = threading.RLock()
        self.page_turn = threading.Lock()  # pages of lists are built one at a time per kitchen (contract.pages)
        self.config = config
        self.clock = Clock(config["CLOCK"])
        self.journal = Journal(1, 1, budget)
        self.reset()

    def reset(self) -> None:
        with self.lock:
            freed = held(self) + self.journal.bytes if hasattr(self, "orders") else 0
            self.journal.clear()  # gives its bytes back to the shared budget
            self.clock.reset()
            self.open = True
            self.closed_retry_after = 60
            self.tables: dict[int, dict] = {}
            self.orders: dict[int, dict] = {}
            self.payments: dict[int, dict] = {}
            self.idempotency: dict[str, dict] = {}
            self.tokens: dict[str, dict] = {}
            self.reviews: dict[int, dict] = {}
            seeded = seeded_reviews()
            for review in seeded:
                # Seeded reviews were written one an hour before opening time.
                review["created_at"] = self.clock.isoformat((review["id"] - len(seeded) - 1) * 3600.0)
                self.reviews[review["id"]] = review
            self.ids: collections.Counter[str] = collections.Counter()  # last id handed out, per kind
            self.ids["review"] = self.seeded = len(self.reviews)
            self.cancelled: set[int] = set()  # ids of cancelled orders (a cancelled order cannot be paid)
            self.journal = Journal(self.config["JOURNAL_LIMIT"], self.config["JOURNAL_BYTES"], self.journal.budget)
            self.faults = Faults()
            self.rate_windows: dict[str, list] = {}
        if freed >= WORTH_TRIMMING:
            give_back()  # what the old kitchen held goes back to the system, not only to the allocator

    def next_id(self, kind: str) -> int:
        with self.lock:
            self.ids[kind] += 1
            return self.ids[kind]


class Store:
    """The one thread-safe home of every tenant's ``State``."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._tenants: dict[str, State] = {}
        self.budget = Budget(config.get("JOURNAL_TOTAL_BYTES"))  # the journals of all kitchens, together

    def state(self, tenant: str = DEFAULT_TENANT) -> State:
        with self._lock:
            if tenant not in self._tenants:
                self._tenants[tenant] = State(self.config, self.budget)
            return self._tenants[tenant]

    def remove(self, tenant: str) -> None:
        """Forget a kitchen (a removed workshop team's): its memory is freed, its journal's bytes given back."""
        with self._lock:
            state = self._tenants.pop(tenant, None)
        if state is not None:
            with state.lock:
                freed = held(state) + state.journal.bytes
                state.journal.clear()
            del state
            if freed >= WORTH_TRIMMING:
                give_back()

    def tenants(self) -> list[str]:
        with self._lock:
            return sorted(self._tenants)


def current_state() -> State:
    """The ``State`` of the tenant the current request belongs to."""
    context = g._get_current_object()  # hot path: resolve the proxy once
    state = context.__dict__.get("state")
    if state is None:
        state = context.state = current_app.extensions["mock_server.state.store"].state(tenant_name())
    return state
