"""Chapter 9's test data: the reservations desk's book, as the tests hand it to the learner's create_app()."""

from __future__ import annotations

from typing import Any

import pytest


def reservation(id: int, name: str, party_size: int = 2, status: str = "booked") -> dict[str, Any]:
    return {"id": id, "name": name, "party_size": party_size, "date": "2026-12-24", "time": "19:30", "status": status}


@pytest.fixture
def book() -> list[dict[str, Any]]:
    """Four reservations with ids that are not 1, 2, 3 (3, 7, 8, 12), one of them already seated (id 8)."""
    return [
        reservation(3, "Ada", 2),
        reservation(7, "Grace", 4) | {"time": "20:00"},
        reservation(8, "Edsger", 3, status="seated") | {"date": "2026-12-23"},
        reservation(12, "Barbara", 6) | {"time": "21:15"},
    ]
