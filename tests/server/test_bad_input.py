"""Bad input of every kind gets a 4xx problem+json and changes nothing."""

from __future__ import annotations

import logging

import pytest

from mock_server import create_app

from .conftest import assert_problem, snapshot

JSON = "application/json"
ITEM = {"dish_id": 1, "quantity": 1}


def order_body(**changes):
    body = {"table_id": 1, "items": [dict(ITEM)]}
    body.update(changes)
    return body


def raw(text, content_type=JSON):
    return {"data": text, "content_type": content_type}


BAD = {
    # malformed JSON -> 400
    "truncated json": ("post", "/orders", raw('{"table_id": 1,'), 400),
    "single quotes": ("post", "/orders", raw("{'table_id': 1}"), 400),
    "NaN": ("post", "/orders", raw('{"table_id": NaN, "items": []}'), 400),
    "not utf-8": ("post", "/orders", {"data": b'{"notes": "\xff"}', "content_type": JSON}, 400),
    "empty body": ("post", "/orders", raw(""), 400),
    "patch malformed": ("patch", "/orders/1", raw("{"), 400),
    # wrong JSON types -> 422
    "body is a list": ("post", "/orders", {"json": [order_body()]}, 422),
    "body is a string": ("post", "/orders", {"json": "table 1 please"}, 422),
    "body is null": ("post", "/orders", raw("null"), 422),
    "table_id as string": ("post", "/orders", {"json": order_body(table_id="1")}, 422),
    "table_id as bool": ("post", "/orders", {"json": order_body(table_id=True)}, 422),
    "items as object": ("post", "/orders", {"json": order_body(items=ITEM)}, 422),
    "quantity as string": ("post", "/orders", {"json": order_body(items=[{"dish_id": 1, "quantity": "2"}])}, 422),
    "notes as number": ("post", "/orders", {"json": order_body(notes=5)}, 422),
    "party_size as string": ("post", "/tables", {"json": {"name": "A", "party_size": "2"}}, 422),
    "amount as string": ("post", "/payments", {"json": {"order_id": 1, "amount": "5"}}, 422),
    # missing and extra fields -> 422
    "empty object": ("post", "/orders", {"json": {}}, 422),
    "missing items": ("post", "/orders", {"json": {"table_id": 1}}, 422),
    "missing dish_id": ("post", "/orders", {"json": order_body(items=[{"quantity": 1}])}, 422),
    "extra field": ("post", "/orders", {"json": order_body(price=0)}, 422),
    "extra item field": ("post", "/orders", {"json": order_body(items=[dict(ITEM, price=0)])}, 422),
    "missing party_size": ("post", "/tables", {"json": {"name": "A"}}, 422),
    "missing amount": ("post", "/payments", {"json": {"order_id": 1}}, 422),
    "empty patch": ("patch", "/orders/1", {"json": {}}, 422),
    "patch table_id": ("patch", "/orders/1", {"json": {"table_id": 2}}, 422),
    "review without text": ("post", "/reviews", {"json": {"dish_id": 1, "rating": 5}}, 401),
    # zero, negative, huge, fractional numbers -> 422
    "zero quantity": ("post", "/orders", {"json": order_body(items=[{"dish_id": 1, "quantity": 0}])}, 422),
    "negative quantity": ("post", "/orders", {"json": order_body(items=[{"dish_id": 1, "quantity": -1}])}, 422),
    "21 of a dish": ("post", "/orders", {"json": order_body(items=[{"dish_id": 1, "quantity": 21}])}, 422),
    "huge quantity": ("post", "/orders", {"json": order_body(items=[{"dish_id": 1, "quantity": 10**30}])}, 422),
    "infinite quantity": ("post", "/orders", raw('{"table_id": 1, "items": [{"dish_id": 1, "quantity": 1e400}]}'), 422),
    "half a dish": ("post", "/orders", {"json": order_body(items=[{"dish_id": 1, "quantity": 0.5}])}, 422),
    "no items": ("post", "/orders", {"json": order_body(items=[])}, 422),
    "too many lines": ("post", "/orders", {"json": order_body(items=[ITEM] * 21)}, 422),
    "unknown dish": ("post", "/orders", {"json": order_body(items=[{"dish_id": 999, "quantity": 1}])}, 422),
    "unknown table": ("post", "/orders", {"json": order_body(table_id=999)}, 422),
    "huge table id": ("post", "/orders", {"json": order_body(table_id=10**40)}, 422),
    "party of 0": ("post", "/tables", {"json": {"name": "A", "party_size": 0}}, 422),
    "party of 13": ("post", "/tables", {"json": {"name": "A", "party_size": 13}}, 422),
    "zero payment": ("post", "/payments", {"json": {"order_id": 1, "amount": 0}}, 422),
    "negative tip": ("post", "/payments", {"json": {"order_id": 1, "amount": 5, "tip": -1}}, 422),
    "unknown order payment": ("post", "/payments", {"json": {"order_id": 404, "amount": 5}}, 422),
    # unicode and string limits -> 422
    "blank name": ("post", "/tables", {"json": {"name": "   ", "party_size": 2}}, 422),
    "empty name": ("post", "/tables", {"json": {"name": "", "party_size": 2}}, 422),
    "long unicode name": ("post", "/tables", {"json": {"name": "é" * 51, "party_size": 2}}, 422),
    "long notes": ("post", "/orders", {"json": order_body(notes="🍕" * 501)}, 422),
    # non-numeric and huge ids -> 404
    "word id": ("get", "/orders/abc", {}, 404),
    "negative id": ("get", "/orders/-1", {}, 404),
    "float id": ("get", "/tables/1.0", {}, 404),
    "huge id": ("get", "/orders/" + "9" * 30, {}, 404),
    "unicode id": ("get", "/menu/%E2%82%AC", {}, 404),
    "patch word id": ("patch", "/orders/abc", {"json": {"notes": "x"}}, 404),
    "delete huge table": ("delete", "/tables/" + "9" * 19, {}, 404),
    "serve unknown": ("post", "/orders/99/serve", {}, 404),
    # size, media type, verb, path
    "2 MB body": ("post", "/orders", raw('{"notes": "' + "x" * (2 * 1024 * 1024) + '"}'), 413),
    "text/plain": ("post", "/orders", raw('{"table_id": 1}', "text/plain"), 415),
    "form data": ("post", "/orders", {"data": {"table_id": "1"}}, 415),
    "no content type": ("post", "/tables", {"data": b'{"name": "A", "party_size": 2}'}, 415),
    "put with merge-patch": ("put", "/orders/1", raw("{}", "application/merge-patch+json"), 415),
    "PUT /menu": ("put", "/menu", {}, 405),
    "DELETE /menu/1": ("delete", "/menu/1", {}, 405),
    "PATCH /tables/1": ("patch", "/tables/1", {"json": {"party_size": 3}}, 405),
    "GET serve": ("get", "/orders/1/serve", {}, 405),
    "POST /health": ("post", "/health", {}, 405),
    "unknown path": ("get", "/nope", {}, 404),
    "trailing slash": ("get", "/menu/", {}, 404),
    "deeper path": ("get", "/orders/1/extra", {}, 404),
}


@pytest.mark.parametrize("method, path, kwargs, status", BAD.values(), ids=BAD.keys())
def test_bad_input_is_a_4xx_problem_and_changes_nothing(client, state, order, method, path, kwargs, status):
    before = snapshot(state)
    response = getattr(client, method)(path, **kwargs)
    body = assert_problem(response, status)
    assert body["type"].startswith("/problems/") and body["detail"]
    if status == 422 and body["type"] == "/problems/validation-error":
        assert body["errors"] and all(set(error) == {"field", "message"} for error in body["errors"])
    if status == 405:
        assert "GET" in response.headers["Allow"] or "POST" in response.headers["Allow"]
    if status == 415:
        assert "json=" in body["hint"]
    assert snapshot(state) == before


def test_field_errors_name_every_field(client, table):
    body = order_body(table_id="one", items=[{"dish_id": 0, "quantity": 99, "size": "L"}], tip=1)
    errors = assert_problem(client.post("/orders", json=body), 422)["errors"]
    assert sorted(error["field"] for error in errors) == [
        "items[0].dish_id",
        "items[0].quantity",
        "items[0].size",
        "table_id",
        "tip",
    ]


def test_typo_in_a_field_gets_a_suggestion(client, table):
    errors = assert_problem(client.post("/tables", json={"name": "A", "party_sise": 2}), 422)["errors"]
    assert any("did you mean 'party_size'" in error["message"] for error in errors)


def test_a_bug_still_answers_problem_json_and_is_logged(caplog):
    app = create_app({"CLOCK": "manual"})
    app.add_url_rule("/boom", view_func=lambda: 1 / 0)
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        response = app.test_client().get("/boom")
    assert_problem(response, 500)
    assert "ZeroDivisionError" in response.get_json()["detail"]
    assert any(record.exc_info and record.exc_info[0] is ZeroDivisionError for record in caplog.records)
