"""Fixtures for the restaurant server's own tests (Flask test client, manual clock)."""

from __future__ import annotations

import copy
import logging

import pytest

from mock_server import create_app
from mock_server.state.store import Store

CONFIG = {"CLOCK": "manual", "RATE_LIMIT": None, "SPECIALS_DELAY": 0.0, "SPECIALS_MAX_DELAY": 0.05}
STORE = "mock_server.state.store"


@pytest.fixture(scope="session")
def restaurant():
    """The one app behind ``app`` for the session (each xdist worker has its own), and its config as built.

    Why one: building an app costs ~15 ms (Werkzeug compiles every URL rule), a third of this suite's
    time when done for every test. How it stays pristine: everything a test can change is in the app's
    config or in its store (every tenant's tables, orders, tokens, idempotency records, journal, faults,
    rate windows, clock), so before each test ``app`` restores a copy of the config and puts in a new
    store, as ``create_app`` does (tenants made by earlier tests are gone too). After the request served
    here, Flask refuses new routes, hooks or error handlers on the app: a test that needs those builds
    an app of its own.
    """
    app = create_app(CONFIG)
    assert set(app.extensions) == {STORE}, "a new extension: restore it in the app fixture too"
    app.test_client().get("/health")
    return app, copy.deepcopy(dict(app.config))


@pytest.fixture
def app(restaurant, caplog):
    """The restaurant as new: manual clock, no rate limit, specials wait <= 0.05 s; fails on logged server errors."""
    app, config = restaurant
    app.config.clear()
    app.config.update(copy.deepcopy(config))
    app.extensions.clear()
    app.extensions[STORE] = Store(app.config)
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        yield app
    errors = [record.getMessage() for record in caplog.records if record.name == app.logger.name]
    assert not errors, f"the server logged unexpected errors: {errors}"


@pytest.fixture
def client(app):
    """Flask test client for ``app``."""
    return app.test_client()


@pytest.fixture
def state(app):
    """The default tenant's ``State`` object (to look behind the API)."""
    return app.extensions["mock_server.state.store"].state()


@pytest.fixture
def table(client):
    """The id of a freshly seated table for two."""
    return client.post("/tables", json={"name": "Ada", "party_size": 2}).get_json()["id"]


@pytest.fixture
def order(client, table):
    """A freshly placed order (JSON) at ``table``: 2 x dish 11, 1 x dish 19."""
    items = [{"dish_id": 11, "quantity": 2}, {"dish_id": 19, "quantity": 1}]
    return client.post("/orders", json={"table_id": table, "items": items}).get_json()


@pytest.fixture
def token(client):
    """A bearer token for ada."""
    return client.post("/auth/token", auth=("ada", "lovelace")).get_json()["access_token"]


def advance(client, seconds):
    """Move the manual kitchen clock forward."""
    return client.post("/__admin/clock", json={"advance": seconds}).get_json()["now"]


def assert_problem(response, status):
    """The response is an RFC 9457 problem with a hint and the given status."""
    __tracebackhide__ = True
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert {"type", "title", "status", "detail", "hint"} <= set(body), body
    assert body["status"] == status
    return body


def snapshot(state):
    """Everything a request could change, for "state unchanged" checks."""
    with state.lock:
        return copy.deepcopy(
            (
                state.tables,
                state.orders,
                state.payments,
                state.idempotency,
                state.tokens,
                state.reviews,
                dict(state.ids),
            )
        )


def every_item(client, path: str) -> list:
    """Every item of a paginated list, following the Link header's ``rel="next"`` from page to page."""
    items, url = [], path
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.get_json()
        items += response.get_json()["items"]
        url = response.headers.get("Link", "").partition(">")[0].lstrip("<")
    return items
