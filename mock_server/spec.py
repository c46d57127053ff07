"""The OpenAPI 3.1 document: the truth about every endpoint, served at /openapi.json.

It is plain data built by small helpers (no YAML dependency). Each operation
carries an ``x-example`` the docs page turns into a curl command, and that
``tests/server/test_docs.py`` replays in order, so the examples stay true.
An ``x-example`` has ``path`` and optionally ``body``, ``headers``,
``auth`` ("basic" or "bearer"), ``fresh`` ("table" or "order": act on a newly
created one), ``wait`` (seconds to let the kitchen cook first) and ``status``.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from .data import CATEGORIES, MENU
from .faults import MAX_LATENCY_MS
from .kitchen import STATES
from .orders import MAX_LINES, MAX_NOTES, MAX_QUANTITY
from .payments import MAX_AMOUNT, MAX_KEY
from .problems import PROBLEMS
from .reviews import CURSOR_PATTERN, DEFAULT_LIMIT, MAX_LIMIT
from .tables import MAX_PARTY
from .validation import BIG_ID
from .webhooks import CALLBACK_PATTERN, EXAMPLE_URL, MAX_URL
from .workshop import spec as workshop_spec

JSON = "application/json"
PROBLEM = "application/problem+json"


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    return {"oneOf": [schema, {"type": "null"}]}


def obj(required: dict[str, dict], optional: dict[str, dict] | None = None, closed: bool = True, **extra: Any) -> dict:
    schema = {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
        **extra,
    }
    if closed:
        schema["additionalProperties"] = False
    return schema


def integer(low: int, high: int | None = None, **extra: Any) -> dict:
    schema = {"type": "integer", "minimum": low, **extra}
    if high is not None:
        schema["maximum"] = high
    return schema


def text(max_length: int, **extra: Any) -> dict:
    return {"type": "string", "minLength": 1, "maxLength": max_length, "pattern": r"\S", **extra}


ID = integer(1, description="Ids are whole numbers from 1, handed out by the server.")
TIMESTAMP = {"type": "string", "format": "date-time", "description": "RFC 3339 UTC time on the kitchen clock."}
MONEY = {"type": "number", "minimum": 0, "description": "Euros, at most 2 decimals."}


def listing(item: str, **more: dict) -> dict:
    return obj({"items": {"type": "array", "items": ref(item)}, "count": integer(0), **more})


CALLBACK_URL = {
    "type": "string",
    "maxLength": MAX_URL,
    "pattern": CALLBACK_PATTERN,
    "examples": [EXAMPLE_URL],
    "description": "Where the kitchen POSTs an order.ready event once the order is ready (see webhooks): "
    "an http:// address on this machine only.",
}

SCHEMAS: dict[str, dict] = {
    "Problem": obj(
        {
            "type": {"type": "string", "format": "uri-reference", "examples": ["/problems/not-found"]},
            "title": {"type": "string"},
            "status": integer(400, 599),
            "detail": {"type": "string"},
            "hint": {"type": "string", "description": "What a learner could try next."},
        },
        {
            "instance": {"type": "string", "format": "uri-reference"},
            "errors": {"type": "array", "items": ref("FieldError")},
            "current_status": {"type": "string", "enum": list(STATES)},
        },
        closed=False,
        description="RFC 9457 problem details, plus `hint` for a learner.",
    ),
    "FieldError": obj({"field": {"type": "string", "examples": ["items[0].quantity"]}, "message": {"type": "string"}}),
    "Health": obj({"status": {"const": "open"}}),
    "Dish": obj(
        {
            "id": integer(1, len(MENU)),
            "name": {"type": "string"},
            "category": {"type": "string", "enum": list(CATEGORIES)},
            "price": MONEY,
            "vegetarian": {"type": "boolean"},
            "description": {"type": "string"},
        }
    ),
    "Menu": listing("Dish"),
    "TableInput": obj(
        {"name": text(50, examples=["Ada"]), "party_size": integer(1, MAX_PARTY)},
        description="A party sitting down.",
    ),
    "Table": obj(
        {"id": ID, "name": {"type": "string"}, "party_size": integer(1, MAX_PARTY), "status": {"const": "seated"}}
    ),
    "Tables": listing("Table"),
    "OrderItemInput": obj({"dish_id": integer(1, len(MENU)), "quantity": integer(1, MAX_QUANTITY)}),
    "OrderInput": obj(
        {
            "table_id": integer(1, BIG_ID),
            "items": {"type": "array", "minItems": 1, "maxItems": MAX_LINES, "items": ref("OrderItemInput")},
        },
        {"notes": nullable({"type": "string", "maxLength": MAX_NOTES}), "callback_url": nullable(CALLBACK_URL)},
    ),
    "OrderPatch": obj(
        {},
        {
            "items": {"type": "array", "minItems": 1, "maxItems": MAX_LINES, "items": ref("OrderItemInput")},
            "notes": nullable({"type": "string", "maxLength": MAX_NOTES}),
        },
        minProperties=1,
        description="JSON merge patch: only the fields you send change.",
    ),
    "OrderLine": obj(
        {
            "dish_id": integer(1, len(MENU)),
            "name": {"type": "string"},
            "quantity": integer(1, MAX_QUANTITY),
            "unit_price": MONEY,
            "line_total": MONEY,
        }
    ),
    "Order": obj(
        {
            "id": ID,
            "table_id": integer(1),
            "items": {"type": "array", "items": ref("OrderLine")},
            "notes": nullable({"type": "string"}),
            "status": {
                "type": "string",
                "enum": list(STATES),
                "description": "received -> cooking -> ready (as kitchen time passes) -> served (POST .../serve).",
            },
            "total": MONEY,
            "guest": nullable({"type": "string"}),
            "created_at": TIMESTAMP,
            "updated_at": TIMESTAMP,
            "ready_in": {"type": "number", "minimum": 0, "description": "Seconds until it should be ready."},
        },
        {"callback_url": CALLBACK_URL},
    ),
    "Orders": listing("Order"),
    "OrderReadyEvent": obj(
        {
            "event": {"const": "order.ready"},
            "order_id": ID,
            "table_id": integer(1),
            "status": {"const": "ready"},
            "total": MONEY,
            "ready_at": TIMESTAMP,
        },
        closed=False,
        description="What the kitchen POSTs to an order's callback_url once the order is ready.",
    ),
    "QueueEntry": obj(
        {"order_id": ID, "status": {"type": "string", "enum": ["received", "cooking"]}, "ready_in": {"type": "number"}}
    ),
    "Queue": listing("QueueEntry"),
    "Specials": obj(
        {"items": {"type": "array", "items": ref("Dish")}, "count": integer(0), "waited": {"type": "number"}}
    ),
    "Token": obj(
        {
            "access_token": {"type": "string"},
            "token_type": {"const": "Bearer"},
            "expires_in": integer(1, description="Seconds the token stays valid."),
        }
    ),
    "Me": obj({"username": {"type": "string"}, "name": {"type": "string"}}),
    "Bill": obj(
        {
            "username": {"type": "string"},
            "orders": {"type": "array", "items": ID},
            "total": MONEY,
            "paid": MONEY,
            "due": MONEY,
        }
    ),
    "ReviewInput": obj({"dish_id": integer(1, len(MENU)), "rating": integer(1, 5), "text": text(1000)}),
    "Review": obj(
        {
            "id": ID,
            "dish_id": integer(1, len(MENU)),
            "author": {"type": "string"},
            "rating": integer(1, 5),
            "text": {"type": "string"},
            "created_at": TIMESTAMP,
        }
    ),
    "ReviewPage": obj(
        {
            "items": {"type": "array", "items": ref("Review")},
            "next": nullable({"type": "string", "description": "Cursor of the next page; null on the last one."}),
        }
    ),
    "PaymentInput": obj(
        {"order_id": integer(1, BIG_ID), "amount": {"type": "number", "minimum": 0.01, "maximum": MAX_AMOUNT}},
        {"tip": {"type": "number", "minimum": 0, "maximum": MAX_AMOUNT}},
    ),
    "Payment": obj(
        {
            "id": ID,
            "order_id": ID,
            "amount": MONEY,
            "tip": MONEY,
            "total": MONEY,
            "status": {"const": "captured"},
            "idempotency_key": nullable({"type": "string"}),
            "created_at": TIMESTAMP,
        }
    ),
    "Payments": listing("Payment", total_charged=MONEY),
    "JournalEntry": obj(
        {
            "method": {"type": "string"},
            "path": {"type": "string"},
            "query": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            "headers": {"type": "object", "additionalProperties": {"type": "string"}},
            "body": nullable({"type": "string", "description": "Request body as text, cut at 10 000 characters."}),
            "json": {"description": "The body parsed as JSON, or null."},
            "status": nullable(integer(100, 599, description="null when the connection was dropped.")),
            "at": {"type": "number", "description": "Kitchen clock seconds when the request arrived."},
        },
        {
            "dropped": {"const": True},
            "direction": {"const": "outgoing", "description": "Only on calls the kitchen made (webhooks)."},
            "url": {"type": "string", "description": "Outgoing calls: the address called."},
            "error": {"type": "string", "description": "Outgoing calls: why the receiver could not be reached."},
        },
    ),
    "Journal": obj({"entries": {"type": "array", "items": ref("JournalEntry")}, "count": integer(0)}),
    "FaultRule": obj(
        {"status": integer(400, 599)},
        {
            "count": integer(1, 1_000_000, default=1),
            "retry_after": integer(0, 86_400),
            "path": {"type": "string", "pattern": "^/", "description": "Exact path or glob, e.g. /orders/*."},
            "method": {"type": "string", "maxLength": 10},
        },
    ),
    "DropRule": obj(
        {},
        {
            "count": integer(1, 1_000_000, default=1),
            "path": {"type": "string", "pattern": "^/"},
            "method": {"type": "string", "maxLength": 10},
        },
    ),
    "RateLimit": obj(
        {"limit": integer(1, 1_000_000), "window": {"type": "number", "minimum": 0.001, "maximum": 86_400}}
    ),
    "FaultsInput": obj(
        {},
        {
            "next": {"type": "array", "maxItems": 50, "items": ref("FaultRule")},
            "drop_connection": ref("DropRule"),
            "latency_ms": integer(0, MAX_LATENCY_MS),
            "error_rate": {"type": "number", "minimum": 0, "maximum": 1},
            "error_status": integer(400, 599),
            "seed": integer(0, 2**63 - 1),
            "rate_limit": ref("RateLimit"),
        },
    ),
    "Faults": obj(
        {
            "next": {"type": "array", "items": ref("FaultRule")},
            "drop_connection": nullable(ref("DropRule")),
            "latency_ms": integer(0),
            "error_rate": {"type": "number"},
            "error_status": integer(400, 599),
            "seed": integer(0),
            "rate_limit": nullable(ref("RateLimit")),
        }
    ),
    "ClockInput": obj({"advance": {"type": "number", "minimum": 0, "maximum": 10 * 365 * 86_400}}),
    "Clock": obj(
        {"now": {"type": "number"}, "mode": {"type": "string", "enum": ["real", "manual"]}, "time": TIMESTAMP}
    ),
    "AdminStateInput": obj({"open": {"type": "boolean"}}, {"retry_after": integer(0, 86_400)}),
    "AdminState": obj({"open": {"type": "boolean"}, "retry_after": integer(0)}),
}
SCHEMAS.update(workshop_spec.SCHEMAS)  # workshop mode's bodies; its paths are documented only when it is on


def header(description: str, schema: dict | None = None, required: bool = True) -> dict:
    return {"description": description, "required": required, "schema": schema or {"type": "string"}}


HEADERS = {
    "Location": header("Path of the new resource, e.g. /orders/7.", {"type": "string", "format": "uri-reference"}),
    "ETag": header("Version of this representation; send it back in If-None-Match."),
    "Link": header('RFC 8288 link to the next page: <url>; rel="next". Absent on the last page.', required=False),
    "Retry-After": header("Seconds to wait before trying again.", {"type": "integer", "minimum": 0}),
    "WWW-Authenticate": header('How to authenticate, e.g. Basic realm="restaurant" or Bearer realm="restaurant".'),
    "Allow": header("The methods this path accepts, e.g. GET, HEAD, OPTIONS."),
    "Idempotent-Replayed": header(
        "true when this answer is a replay of an earlier request with the same Idempotency-Key.",
        {"type": "string", "enum": ["true"]},
        required=False,
    ),
}


def problem_response(description: str, *headers: str) -> dict:
    response: dict[str, Any] = {"description": description, "content": {PROBLEM: {"schema": ref("Problem")}}}
    if headers:
        response["headers"] = {name: {"$ref": f"#/components/headers/{name}"} for name in headers}
    return response


RESPONSES = {
    "BadRequest": problem_response("Malformed JSON, a bad query parameter or a bad header."),
    "Unauthorized": problem_response("Credentials missing, wrong or expired.", "WWW-Authenticate"),
    "Forbidden": problem_response("Valid token, but the resource belongs to another guest."),
    "NotFound": problem_response("No such resource (ids are whole numbers)."),
    "MethodNotAllowed": problem_response("This path does not accept this method.", "Allow"),
    "Conflict": problem_response("The resource's current state forbids this (see current_status)."),
    "PayloadTooLarge": problem_response("The body is larger than 1 MiB."),
    "UnsupportedMediaType": problem_response("The body is not sent as application/json."),
    "Unprocessable": problem_response("Well-formed JSON that does not fit the schema; `errors` lists each field."),
    "TooManyRequests": problem_response("Rate limit exceeded.", "Retry-After"),
    "InternalError": problem_response("A server bug, or a fault injected by /__admin/faults."),
    "Unavailable": problem_response("Closed, or a transient fault; try again after Retry-After.", "Retry-After"),
}


def use(name: str) -> dict:
    return {"$ref": f"#/components/responses/{name}"}


def ok(schema: str | dict, description: str = "OK", *headers: str, media: str = JSON) -> dict:
    response: dict[str, Any] = {
        "description": description,
        "content": {media: {"schema": ref(schema) if isinstance(schema, str) else schema}},
    }
    if headers:
        response["headers"] = {name: {"$ref": f"#/components/headers/{name}"} for name in headers}
    return response


NO_CONTENT = {"description": "Done; no body."}


def operation(
    operation_id: str,
    tag: str,
    summary: str,
    responses: dict,
    *,
    description: str = "",
    body: str | None = None,
    body_types: tuple[str, ...] = (JSON,),
    params: list | None = None,
    security: list | None = None,
    example: dict | None = None,
    admin: bool = False,
    links: dict | None = None,
) -> dict:
    """One operation; adds the error responses every such operation can give."""
    errors: dict[str, Any] = {}
    if body:
        errors.update({"400": use("BadRequest"), "413": use("PayloadTooLarge"), "415": use("UnsupportedMediaType")})
        errors["422"] = use("Unprocessable")
    elif params and any(param.get("in") == "query" or "$ref" in param for param in params):
        errors["400"] = use("BadRequest")
    if security:
        errors["401"] = use("Unauthorized")
    if not admin:
        errors.update({"429": use("TooManyRequests"), "500": use("InternalError"), "503": use("Unavailable")})
    op: dict[str, Any] = {
        "operationId": operation_id,
        "tags": [tag],
        "summary": summary,
        "responses": {**responses, **{code: value for code, value in errors.items() if code not in responses}},
    }
    if description:
        op["description"] = description
    if params:
        op["parameters"] = params
    if body:
        op["requestBody"] = {
            "required": True,
            "content": {media: {"schema": ref(body)} for media in body_types},
        }
    if security is not None:
        op["security"] = security
    if example is not None:
        op["x-example"] = example
    if links:
        responses_201 = op["responses"].get("201") or op["responses"]["200"]
        responses_201["links"] = links
    return op


def path_param(name: str, description: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema or ID}


def query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def link(operation_id: str, parameter: str) -> dict:
    return {"operationId": operation_id, "parameters": {parameter: "$response.body#/id"}}


BEARER: list[dict] = [{"bearerAuth": []}]
DISH_ID = path_param("dish_id", "A dish id from GET /menu.", integer(1))
TABLE_ID = path_param("table_id", "A table id from POST /tables.")
ORDER_ID = path_param("order_id", "An order id from POST /orders.")
ORDER_EXAMPLE = {"table_id": 1, "items": [{"dish_id": 11, "quantity": 2}, {"dish_id": 19, "quantity": 2}]}
ADMIN = "Admin (test hooks)"


def _paths() -> dict[str, dict]:
    order_links = {
        "GetOrder": link("getOrder", "order_id"),
        "ChangeOrder": link("changeOrder", "order_id"),
        "CancelOrder": link("cancelOrder", "order_id"),
        "ReplaceOrder": link("replaceOrder", "order_id"),
        "ServeOrder": link("serveOrder", "order_id"),
    }
    return {
        "/": {
            "get": operation(
                "getDocs",
                "Docs",
                "This documentation page (HTML)",
                {"200": ok({"type": "string"}, "The docs page.", media="text/html")},
                example={"path": "/"},
            )
        },
        "/openapi.json": {
            "get": operation(
                "getOpenapi",
                "Docs",
                "This API's OpenAPI 3.1 document",
                {"200": ok({"type": "object"}, "The OpenAPI document.")},
                example={"path": "/openapi.json"},
            )
        },
        "/problems/{slug}": {
            "get": operation(
                "getProblemType",
                "Docs",
                "What an error type means (the `type` of every problem answer)",
                {
                    "200": ok({"type": "string"}, "A page about the problem type.", media="text/html"),
                    "404": use("NotFound"),
                },
                params=[
                    path_param("slug", "The last part of a problem's type.", {"type": "string", "enum": list(PROBLEMS)})
                ],
                example={"path": "/problems/validation-error"},
            )
        },
        "/health": {
            "get": operation(
                "getHealth",
                "Menu",
                "Is the restaurant open?",
                {"200": ok("Health", "Open.")},
                description="503 with Retry-After while the restaurant is closed (POST /__admin/state).",
                example={"path": "/health"},
            )
        },
        "/menu": {
            "get": operation(
                "listMenu",
                "Menu",
                "The menu, filtered and sorted",
                {
                    "200": ok("Menu", "The dishes that match.", "ETag"),
                    "304": {
                        "description": "Not modified: your copy (If-None-Match) is current.",
                        "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
                    },
                },
                description="Unknown or repeated query parameters are refused with 400. "
                "Send `If-None-Match` with the ETag of an earlier answer to get 304 when nothing changed.",
                params=[
                    query("category", {"type": "string", "enum": list(CATEGORIES)}, "Only this category."),
                    query("vegetarian", {"type": "boolean"}, "true: only vegetarian dishes; false: only the others."),
                    query("max_price", {"type": "number", "minimum": 0, "maximum": 10_000}, "Price at most this."),
                    query(
                        "sort",
                        {"type": "string", "enum": ["price", "-price", "name"]},
                        "Order; -price = dearest first.",
                    ),
                    {
                        "name": "If-None-Match",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string"},
                        "description": "An ETag from an earlier answer.",
                    },
                ],
                example={"path": "/menu?category=pizza&vegetarian=true&sort=-price"},
            )
        },
        "/menu/{dish_id}": {
            "get": operation(
                "getDish",
                "Menu",
                "One dish",
                {
                    "200": ok("Dish", "The dish.", "ETag"),
                    "304": {"description": "Not modified."},
                    "404": use("NotFound"),
                },
                params=[DISH_ID],
                example={"path": "/menu/15"},
            )
        },
        "/tables": {
            "get": operation(
                "listTables", "Tables", "Seated tables", {"200": ok("Tables")}, example={"path": "/tables"}
            ),
            "post": operation(
                "createTable",
                "Tables",
                "Sit down: get a table",
                {"201": ok("Table", "Seated. Location is the new table.", "Location")},
                body="TableInput",
                example={"path": "/tables", "body": {"name": "Ada", "party_size": 2}, "status": 201},
                links={"GetTable": link("getTable", "table_id"), "LeaveTable": link("leaveTable", "table_id")},
            ),
        },
        "/tables/{table_id}": {
            "get": operation(
                "getTable",
                "Tables",
                "One table",
                {"200": ok("Table"), "404": use("NotFound")},
                params=[TABLE_ID],
                example={"path": "/tables/1"},
            ),
            "delete": operation(
                "leaveTable",
                "Tables",
                "Leave: free the table",
                {"204": NO_CONTENT, "404": use("NotFound")},
                params=[TABLE_ID],
                example={"path": "/tables/{id}", "fresh": "table", "status": 204},
            ),
        },
        "/orders": {
            "get": operation(
                "listOrders",
                "Orders",
                "All orders, optionally for one table or in one status",
                {"200": ok("Orders")},
                params=[
                    query("table_id", integer(0, BIG_ID), "Only this table's orders."),
                    query("status", {"type": "string", "enum": list(STATES)}, "Only orders in this status."),
                ],
                example={"path": "/orders?table_id=1"},
            ),
            "post": operation(
                "placeOrder",
                "Orders",
                "Place an order",
                {"201": ok("Order", "Received by the kitchen. Poll the Location to follow it.", "Location")},
                description="The kitchen starts cooking after a few seconds; until then the order can be changed "
                "or cancelled. With a bearer token the order goes on that guest's bill. "
                "An unknown table_id is a 422 with a field error.",
                body="OrderInput",
                security=[{}, *BEARER],
                example={"path": "/orders", "body": ORDER_EXAMPLE, "status": 201},
                links=order_links,
            ),
        },
        "/orders/{order_id}": {
            "get": operation(
                "getOrder",
                "Orders",
                "Follow an order (its status moves with kitchen time)",
                {"200": ok("Order"), "404": use("NotFound")},
                params=[ORDER_ID],
                example={"path": "/orders/1"},
            ),
            "put": operation(
                "replaceOrder",
                "Orders",
                "Replace an order, while it is received",
                {"200": ok("Order"), "404": use("NotFound"), "409": use("Conflict")},
                params=[ORDER_ID],
                body="OrderInput",
                example={"path": "/orders/{id}", "fresh": "order", "body": {**ORDER_EXAMPLE, "notes": "no onions"}},
            ),
            "patch": operation(
                "changeOrder",
                "Orders",
                "Change items or notes, while it is received",
                {"200": ok("Order"), "404": use("NotFound"), "409": use("Conflict")},
                description="A JSON merge patch (application/json or application/merge-patch+json). "
                "409 once the kitchen is cooking it.",
                params=[ORDER_ID],
                body="OrderPatch",
                body_types=(JSON, "application/merge-patch+json"),
                example={"path": "/orders/{id}", "fresh": "order", "body": {"notes": "extra basil, please"}},
            ),
            "delete": operation(
                "cancelOrder",
                "Orders",
                "Cancel an order, while it is received",
                {"204": NO_CONTENT, "404": use("NotFound"), "409": use("Conflict")},
                params=[ORDER_ID],
                example={"path": "/orders/{id}", "fresh": "order", "status": 204},
            ),
        },
        "/orders/{order_id}/serve": {
            "post": operation(
                "serveOrder",
                "Orders",
                "Take a ready order to the table",
                {
                    "200": ok("Order", "Served."),
                    "404": use("NotFound"),
                    "409": problem_response("Not ready yet (Retry-After says how long), or served already."),
                },
                params=[ORDER_ID],
                example={"path": "/orders/1/serve", "wait": 8},
            )
        },
        "/kitchen/queue": {
            "get": operation(
                "getKitchenQueue",
                "Kitchen",
                "Orders still being prepared",
                {"200": ok("Queue")},
                example={"path": "/kitchen/queue"},
            )
        },
        "/kitchen/specials": {
            "get": operation(
                "getSpecials",
                "Kitchen",
                "Today's specials, slowly: practise timeouts",
                {"200": ok("Specials")},
                description="Waits `delay` real seconds (default 2, at most 10) before answering. "
                "Try `requests.get(url, timeout=1)`.",
                params=[query("delay", {"type": "number", "minimum": 0, "maximum": 10}, "Seconds to wait.")],
                example={"path": "/kitchen/specials?delay=1"},
            )
        },
        "/auth/token": {
            "post": operation(
                "createToken",
                "Guests",
                "Trade a username and password (HTTP Basic) for a bearer token",
                {"200": ok("Token", "A token; send it as `Authorization: Bearer <token>`.")},
                description="Demo guests: ada/lovelace, grace/hopper, alan/turing.",
                security=[{"basicAuth": []}],
                example={"path": "/auth/token", "auth": "basic"},
            )
        },
        "/me": {
            "get": operation(
                "getMe",
                "Guests",
                "Who am I? (bearer token)",
                {"200": ok("Me")},
                security=BEARER,
                example={"path": "/me", "auth": "bearer"},
            )
        },
        "/guests/{username}/bill": {
            "get": operation(
                "getBill",
                "Guests",
                "A guest's bill: only your own (403 for anyone else's)",
                {"200": ok("Bill"), "403": use("Forbidden")},
                params=[path_param("username", "A guest's username, e.g. ada.", {"type": "string"})],
                security=BEARER,
                example={"path": "/guests/ada/bill", "auth": "bearer"},
            )
        },
        "/reviews": {
            "get": operation(
                "listReviews",
                "Reviews",
                "Reviews, one page at a time",
                {"200": ok("ReviewPage", "A page. Follow `next` (or the Link header) for more.", "Link")},
                params=[
                    query("limit", integer(1, MAX_LIMIT), f"Page size (default {DEFAULT_LIMIT})."),
                    query(
                        "cursor",
                        {"type": "string", "pattern": CURSOR_PATTERN},
                        "The `next` value of the previous page.",
                    ),
                ],
                example={"path": "/reviews?limit=5"},
            ),
            "post": operation(
                "addReview",
                "Reviews",
                "Write a review (bearer token)",
                {"201": ok("Review", "Published.", "Location")},
                body="ReviewInput",
                security=BEARER,
                example={
                    "path": "/reviews",
                    "auth": "bearer",
                    "status": 201,
                    "body": {"dish_id": 15, "rating": 5, "text": "Crème brûlée to die for."},
                },
                links={"GetReview": link("getReview", "review_id")},
            ),
        },
        "/reviews/{review_id}": {
            "get": operation(
                "getReview",
                "Reviews",
                "One review",
                {"200": ok("Review"), "404": use("NotFound")},
                params=[path_param("review_id", "A review id.")],
                example={"path": "/reviews/1"},
            )
        },
        "/payments": {
            "post": operation(
                "pay",
                "Payments",
                "Pay for an order (send an Idempotency-Key to retry safely)",
                {
                    "201": ok(
                        "Payment", "Charged (or replayed: see Idempotent-Replayed).", "Location", "Idempotent-Replayed"
                    )
                },
                description="Same Idempotency-Key and same body: the first answer is replayed and nothing is "
                "charged again. Same key, different body: 422. No key: every call charges.",
                params=[
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY, "pattern": "^[ -~]+$"},
                        "description": "A unique string per payment, e.g. a UUID.",
                    }
                ],
                body="PaymentInput",
                example={
                    "path": "/payments",
                    "body": {"order_id": 1, "amount": 25.0, "tip": 2.5},
                    "headers": {"Idempotency-Key": "pay-order-1-first-try"},
                    "status": 201,
                },
                links={"GetPayment": link("getPayment", "payment_id")},
            ),
            "get": operation(
                "listPayments",
                "Payments",
                "Charges made, optionally for one order",
                {"200": ok("Payments")},
                params=[query("order_id", integer(0, BIG_ID), "Only this order's payments.")],
                example={"path": "/payments?order_id=1"},
            ),
        },
        "/payments/{payment_id}": {
            "get": operation(
                "getPayment",
                "Payments",
                "One payment",
                {"200": ok("Payment"), "404": use("NotFound")},
                params=[path_param("payment_id", "A payment id.")],
                example={"path": "/payments/1"},
            )
        },
        "/__admin/journal": {
            "get": operation(
                "getJournal",
                ADMIN,
                "Every request received (newest last), admin calls excluded",
                {"200": ok("Journal")},
                admin=True,
                example={"path": "/__admin/journal"},
            ),
            "delete": operation(
                "clearJournal",
                ADMIN,
                "Forget the journal",
                {"204": NO_CONTENT},
                admin=True,
                example={"path": "/__admin/journal", "status": 204},
            ),
        },
        "/__admin/faults": {
            "get": operation(
                "getFaults",
                ADMIN,
                "The faults still armed",
                {"200": ok("Faults")},
                admin=True,
                example={"path": "/__admin/faults"},
            ),
            "post": operation(
                "setFaults",
                ADMIN,
                "Arm faults (replaces the previous ones)",
                {"200": ok("Faults", "The faults now armed.")},
                description="`next`: the next `count` matching requests get `status` (with Retry-After for "
                "429/503). `drop_connection`: close the socket without answering (under a real server). "
                "`latency_ms`: delay every answer. `error_rate`: a seeded share of requests get `error_status`. "
                "`rate_limit`: override the budget per client.",
                body="FaultsInput",
                admin=True,
                example={
                    "path": "/__admin/faults",
                    "body": {
                        "next": [{"status": 503, "count": 2, "retry_after": 1, "path": "/menu", "method": "GET"}],
                        "seed": 42,
                    },
                },
            ),
            "delete": operation(
                "clearFaults",
                ADMIN,
                "Disarm every fault",
                {"204": NO_CONTENT},
                admin=True,
                example={"path": "/__admin/faults", "status": 204},
            ),
        },
        "/__admin/clock": {
            "get": operation(
                "getClock",
                ADMIN,
                "The kitchen clock",
                {"200": ok("Clock")},
                admin=True,
                example={"path": "/__admin/clock"},
            ),
            "post": operation(
                "advanceClock",
                ADMIN,
                "Move the kitchen clock forward",
                {"200": ok("Clock")},
                body="ClockInput",
                admin=True,
                example={"path": "/__admin/clock", "body": {"advance": 60}},
            ),
        },
        "/__admin/state": {
            "get": operation(
                "getState",
                ADMIN,
                "Is the restaurant open?",
                {"200": ok("AdminState")},
                admin=True,
                example={"path": "/__admin/state"},
            ),
            "post": operation(
                "setState",
                ADMIN,
                "Open or close the restaurant",
                {"200": ok("AdminState")},
                description="While closed, every endpoint but the docs and /__admin/ answers 503 with Retry-After.",
                body="AdminStateInput",
                admin=True,
                example={"path": "/__admin/state", "body": {"open": False, "retry_after": 30}},
            ),
        },
        "/__admin/reset": {
            "post": operation(
                "reset",
                ADMIN,
                "Start afresh: everything back to opening time",
                {"204": NO_CONTENT},
                admin=True,
                description="Tables, orders, payments, tokens, reviews, journal, faults, rate budgets and the "
                "clock go back to their initial state, and the restaurant opens.",
                example={"path": "/__admin/reset", "status": 204},
            ),
        },
    }


WEBHOOKS = {
    "orderReady": {
        "post": {
            "operationId": "orderReady",
            "tags": ["Orders"],
            "summary": "The kitchen calls you: an order with a callback_url is ready",
            "description": "Sent once, when the kitchen clock passes the order's ready time (with the manual clock: "
            "during the POST /__admin/clock that gets there). One try, a 2 s timeout, recorded in the journal with "
            '"direction": "outgoing". Answer 2xx (204 is best); the answer is recorded, not acted on.',
            "requestBody": {"required": True, "content": {JSON: {"schema": ref("OrderReadyEvent")}}},
            "responses": {"204": {"description": "Received."}},
        }
    }
}


@functools.lru_cache(maxsize=2)
def _document(workshop: bool = False) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "The Restaurant API",
            "version": "1.0.0",
            "summary": "A small, well-behaved HTTP API to learn requests against.",
            "description": "You are the client, the API is the waiter, the server is the kitchen. "
            "Every error is application/problem+json (RFC 9457) with a `hint`. Every non-admin endpoint may "
            "answer 429 (rate limit) and 503 (closed or transient), both with Retry-After. A method a path does "
            "not accept gets 405 with an Allow header.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": "/", "description": "This server"}],
        "tags": [
            {"name": "Menu", "description": "Reading: a collection, one item, query parameters, ETag."},
            {"name": "Tables", "description": "Writing: POST, 201 and Location; DELETE and 204."},
            {"name": "Orders", "description": "State: orders cook over time; 409 when it is too late to change."},
            {"name": "Kitchen", "description": "Waiting: the queue, and a slow endpoint for timeouts."},
            {"name": "Guests", "description": "Who you are: HTTP Basic for a token, Bearer for your own things."},
            {"name": "Reviews", "description": "Lots of data: cursor pagination and Link headers."},
            {"name": "Payments", "description": "Retrying safely: Idempotency-Key."},
            {"name": ADMIN, "description": "Reset, journal, faults, clock and opening hours, for tests."},
            {"name": "Docs", "description": "This documentation."},
            *([workshop_spec.TAG] if workshop else []),
        ],
        "paths": {**workshop_spec.secured(_paths()), **workshop_spec.PATHS} if workshop else _paths(),
        "webhooks": WEBHOOKS,
        "components": {
            "schemas": SCHEMAS,
            "responses": RESPONSES,
            "headers": HEADERS,
            "securitySchemes": {
                "basicAuth": {"type": "http", "scheme": "basic", "description": "Demo guests: ada/lovelace, ..."},
                "bearerAuth": {"type": "http", "scheme": "bearer", "description": "access_token from POST /auth/token"},
                **(workshop_spec.SECURITY_SCHEMES if workshop else {}),
            },
        },
    }


def _workshop_on(workshop: bool | None) -> bool:
    """``workshop`` if given; otherwise whether the app serving this request runs in workshop mode."""
    if workshop is not None:
        return workshop
    from flask import current_app, has_app_context

    return has_app_context() and bool(current_app.config.get("WORKSHOP"))


def document(workshop: bool | None = None) -> dict:
    """A fresh copy of the OpenAPI document (callers may change it); with the workshop's endpoints when it is on."""
    return copy.deepcopy(_document(_workshop_on(workshop)))


def operations(workshop: bool | None = None) -> list[tuple[str, str, dict]]:
    """(method, path, operation) in documentation order: by tag, then as written."""
    spec = _document(_workshop_on(workshop))
    order = {tag["name"]: index for index, tag in enumerate(spec["tags"])}
    found = [(method.upper(), path, op) for path, item in spec["paths"].items() for method, op in item.items()]
    return sorted(found, key=lambda entry: order[entry[2]["tags"][0]])
