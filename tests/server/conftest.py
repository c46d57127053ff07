"""Fixtures for the restaurant server's own tests (Flask test client, manual clock)."""

from __future__ import annotations

import logging

import pytest

from mock_server import create_app


@pytest.fixture
def app(caplog):
    """A fresh restaurant on a manual clock, no rate limit; fails the test if the server logged an error."""
    app = create_app({"CLOCK": "manual", "RATE_LIMIT": None, "SPECIALS_DELAY": 0.0})
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        yield app
    errors = [record for record in caplog.records if record.name == app.logger.name]
    assert not errors, f"the server logged unexpected errors: {[record.getMessage() for record in errors]}"


@pytest.fixture
def client(app):
    """Flask test client for ``app``."""
    return app.test_client()


@pytest.fixture
def table(client):
    """The id of a freshly seated table for two."""
    return client.post("/tables", json={"name": "Ada", "party_size": 2}).get_json()["id"]
