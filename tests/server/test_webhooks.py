"""Webhooks: an order with a callback_url is announced to it (POST order.ready) once it is ready."""

from __future__ import annotations

import json
import threading
import time

import pytest
from werkzeug.serving import make_server

from mock_server import create_app

from .conftest import advance, assert_problem

ITEMS = [{"dish_id": 11, "quantity": 2}]


class Receiver:
    """A webhook receiver on a free loopback port: records every call, answers `status`."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self.status = 204
        self.server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/ready"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self.thread.start()

    def _app(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        self.calls.append(
            {
                "method": environ["REQUEST_METHOD"],
                "path": environ["PATH_INFO"],
                "content_type": environ.get("CONTENT_TYPE"),
                "json": json.loads(environ["wsgi.input"].read(length) or b"null"),
            }
        )
        start_response(f"{self.status} Answer", [("Content-Length", "0")])
        return [b""]

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(2)


@pytest.fixture
def receiver():
    """A live webhook receiver (answers 204 unless told otherwise)."""
    made = Receiver()
    yield made
    made.stop()


def place(client, table, callback_url):
    return client.post("/orders", json={"table_id": table, "items": ITEMS, "callback_url": callback_url})


def outgoing(client):
    entries = client.get("/__admin/journal").get_json()["entries"]
    return [entry for entry in entries if entry.get("direction") == "outgoing"]


def test_the_callback_url_is_kept_on_the_order(client, table, receiver):
    response = place(client, table, receiver.url)
    assert response.status_code == 201
    order = response.get_json()
    assert order["callback_url"] == receiver.url
    assert client.get(f"/orders/{order['id']}").get_json()["callback_url"] == receiver.url


def test_an_order_without_one_has_none(client, order):
    assert "callback_url" not in order
    advance(client, 60)
    assert outgoing(client) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1:5001/hook",
        "http://example.com/hook",
        "http://10.0.0.5/hook",
        "ftp://127.0.0.1/hook",
        "http://user:pw@127.0.0.1/hook",
        "http://127.0.0.1:notaport/hook",
        "/hooks/ready",
        "",
        42,
        "http://127.0.0.1/" + "x" * 500,
    ],
)
def test_only_loopback_http_addresses(client, table, url):
    body = assert_problem(place(client, table, url), 422)
    assert [error["field"] for error in body["errors"]] == ["callback_url"]


def test_the_kitchen_calls_once_when_the_order_is_ready(client, table, receiver):
    order = place(client, table, receiver.url).get_json()
    advance(client, 6.9)
    assert receiver.calls == []
    advance(client, 0.2)  # ready at 7 s: delivered before the admin call answers
    assert receiver.calls == [
        {
            "method": "POST",
            "path": "/hooks/ready",
            "content_type": "application/json",
            "json": {
                "event": "order.ready",
                "order_id": order["id"],
                "table_id": table,
                "status": "ready",
                "total": 18.0,
                "ready_at": "2024-01-01T12:00:07.000Z",
            },
        }
    ]
    advance(client, 60)
    assert len(receiver.calls) == 1
    (entry,) = outgoing(client)
    assert entry["method"] == "POST" and entry["path"] == "/hooks/ready" and entry["url"] == receiver.url
    assert entry["status"] == 204 and entry["json"]["order_id"] == order["id"] and entry["at"] == pytest.approx(7.1)


def test_an_error_answer_is_recorded_and_not_retried(client, table, receiver):
    receiver.status = 500
    place(client, table, receiver.url)
    advance(client, 10)
    advance(client, 10)
    assert len(receiver.calls) == 1
    assert [entry["status"] for entry in outgoing(client)] == [500]


def test_an_unreachable_receiver_is_recorded(client, table, receiver):
    receiver.stop()  # nobody listens on that port any more
    place(client, table, receiver.url)
    assert client.post("/__admin/clock", json={"advance": 10}).status_code == 200
    (entry,) = outgoing(client)
    assert entry["status"] is None and entry["error"]


def test_a_cancelled_order_is_not_announced(client, table, receiver):
    order = place(client, table, receiver.url).get_json()
    assert client.delete(f"/orders/{order['id']}").status_code == 204
    advance(client, 60)
    assert receiver.calls == []


def test_replacing_an_order_without_a_callback_url_removes_it(client, table, receiver):
    order = place(client, table, receiver.url).get_json()
    replaced = client.put(f"/orders/{order['id']}", json={"table_id": table, "items": ITEMS}).get_json()
    assert "callback_url" not in replaced
    advance(client, 60)
    assert receiver.calls == []


def test_with_the_real_clock_a_timer_delivers(receiver):
    app = create_app({"CLOCK": "real", "RATE_LIMIT": None, "COOK_SECONDS": {"received": 0.02, "cooking": 0.02}})
    client = app.test_client()
    table = client.post("/tables", json={"name": "Ada", "party_size": 2}).get_json()["id"]
    order = place(client, table, receiver.url).get_json()
    deadline = time.monotonic() + 3
    while not receiver.calls and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [call["json"]["order_id"] for call in receiver.calls] == [order["id"]]


def test_the_spec_documents_the_webhook(client):
    spec = client.get("/openapi.json").get_json()
    assert "callback_url" in spec["components"]["schemas"]["OrderInput"]["properties"]
    assert "callback_url" in spec["components"]["schemas"]["Order"]["properties"]
    event = spec["webhooks"]["orderReady"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert event == {"$ref": "#/components/schemas/OrderReadyEvent"}
