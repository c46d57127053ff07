"""Chapter 2's live set-up: a seated table and a placed order, made by the test, then a clean journal."""

from __future__ import annotations

from typing import Any

import pytest

from kata.kitchen.client import KitchenClient


@pytest.fixture
def live_table(kitchen: KitchenClient) -> int:
    """The id of a table the test seated in the live kitchen (the journal is cleared afterwards)."""
    table_id = int(kitchen.api("POST", "/tables", {"name": "Grace", "party_size": 2})["id"])
    kitchen.clear_journal()
    return table_id


@pytest.fixture
def live_order(kitchen: KitchenClient, live_table: int) -> dict[str, Any]:
    """An order the test placed for `live_table` just now: two Margheritas, status "received"."""
    order = kitchen.api("POST", "/orders", {"table_id": live_table, "items": [{"dish_id": 11, "quantity": 2}]})
    kitchen.clear_journal()
    return dict(order)
