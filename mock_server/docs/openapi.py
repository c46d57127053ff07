"""The OpenAPI 3.1 document, assembled from the declarations, and the docs' own endpoints.

``BLUEPRINTS`` is every blueprint of the kitchen, in the order the docs list their paths: ``create_app``
registers these, and the document lists their operations. The docs' endpoints (``/``, ``/openapi.json``,
``/problems/<slug>``) are declared here, beside the document they serve; ``page`` writes their HTML.

Every operation is declared once, above its view (``declare.endpoint``), and every body schema once,
beside it (``schema.model``); this module only puts them together with the shared components
(``documented``), the tags and the webhook. ``tests/server/test_spec_docs.py`` replays each
operation's ``x-example`` in docs order, so the examples stay true.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from flask import Blueprint, Response, jsonify, request

from mock_server.admin import routes
from mock_server.contract import pages
from mock_server.contract.declare import JSON, Finds, Operation, endpoint, operations_of, path_param
from mock_server.contract.documented import HEADERS, RESPONSES, ok, responses_of, use
from mock_server.contract.problems import PROBLEMS, ProblemType
from mock_server.contract.schema import MODELS, integer, obj, ref
from mock_server.docs import page
from mock_server.resources import auth, health, kitchen, menu, order_model, orders, payments, reviews, tables
from mock_server.resources.order_model import ORDER_EXAMPLE
from mock_server.workshop import models as workshop_models
from mock_server.workshop.room_app import BLUEPRINTS as WORKSHOP_BLUEPRINTS

__all__ = ["BLUEPRINTS", "JSON", "ORDER_EXAMPLE", "SCHEMAS", "document", "operations"]

bp = Blueprint("docs", __name__)
BLUEPRINTS = (bp, *(module.bp for module in (health, kitchen, menu, tables, orders, auth, reviews, payments, routes)))
ADMIN = routes.TAG

TAGS = [
    {"name": "Menu", "description": "Reading: a collection, one item, query parameters, ETag."},
    {"name": "Tables", "description": "Writing: POST, 201 and Location; DELETE and 204."},
    {"name": "Orders", "description": "State: orders cook over time; 409 when it is too late to change."},
    {"name": "Kitchen", "description": "Waiting: the queue, and a slow endpoint for timeouts."},
    {"name": "Guests", "description": "Who you are: HTTP Basic for a token, Bearer for your own things."},
    {"name": "Reviews", "description": "Lots of data: cursor pagination and Link headers, as every growing list."},
    {"name": "Payments", "description": "Retrying safely: Idempotency-Key."},
    {"name": ADMIN, "description": "Reset, journal, faults, clock and opening hours, for tests."},
    {"name": "Docs", "description": "This documentation."},
]

model_problem = {
    "FieldError": obj({"field": {"type": "string", "examples": ["items[0].quantity"]}, "message": {"type": "string"}}),
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
            "current_status": {"type": "string", "enum": list(order_model.STATES)},
        },
        closed=False,
        description="RFC 9457 problem details, plus `hint` for a learner.",
    ),
}
MODELS.update(model_problem)  # with workshop mode's bodies (workshop_models); its paths only when it is on
SCHEMAS = MODELS

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


def to_openapi(op: Operation) -> dict:
    """The OpenAPI operation object of a declaration."""
    result: dict[str, Any] = {
        "operationId": op.operation_id,
        "tags": [op.tag],
        "summary": op.summary,
        "responses": copy.deepcopy(responses_of(op)),
    }
    if op.description:
        result["description"] = op.description
    if op.params:
        result["parameters"] = [param.openapi() for param in op.params]
    if op.body is not None:
        result["requestBody"] = {"required": True, "content": {media: {"schema": op.body} for media in op.body_types}}
    if op.security is not None:
        result["security"] = op.security
    if op.example is not None:
        result["x-example"] = op.example
    if op.links:
        (result["responses"].get("201") or result["responses"]["200"])["links"] = op.links
    return result


def in_a_workshop(op: Operation) -> dict:
    """A kitchen operation as a workshop serves it: unless public, it needs the team token too (401 without).

    An operation's own requirement (a guest's bearer token) is kept alongside: security requirement
    objects are alternatives, and the schemes inside one are all needed.
    """
    operation = to_openapi(op)
    if not op.public:
        operation["security"] = [{"teamToken": [], **requirement} for requirement in op.security or [{}]]
        operation["responses"] = {**operation["responses"], "401": use("Unauthorized")}
    return operation


def _paths(workshop_on: bool) -> dict[str, dict]:
    paths: dict[str, dict] = {}
    for blueprint in BLUEPRINTS:
        for op in operations_of(blueprint):
            paths.setdefault(op.path, {})[op.method.lower()] = in_a_workshop(op) if workshop_on else to_openapi(op)
    for blueprint in WORKSHOP_BLUEPRINTS if workshop_on else ():
        for op in operations_of(blueprint):
            paths.setdefault(op.path, {})[op.method.lower()] = to_openapi(op)
    return paths


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
            "not accept gets 405 with an Allow header. Unknown query parameters are a 400 everywhere. A request "
            "whose Host is not this kitchen's address, or a state-changing one sent by a foreign web page "
            "(Origin), is a 403. "
            f"Lists that grow (orders, tables, payments, the kitchen queue, reviews) come in pages of at most "
            f"{pages.MAX_LIMIT} items, oldest first: follow `next` or the Link header. A page holds "
            f"{pages.DEFAULT_LIMIT} items unless you ask for fewer ({reviews.DEFAULT_LIMIT} for reviews), so "
            f"code written before chapter 5 sees a whole list; no answer exceeds {pages.ANSWER_BOUND // 1024} KiB. "
            "The menu is fixed and small: one answer, whole.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": "/", "description": "This server"}],
        "tags": [*TAGS, *([workshop_models.TAG] if workshop else [])],
        "paths": _paths(workshop),
        "webhooks": WEBHOOKS,
        "components": {
            "schemas": MODELS,
            "responses": RESPONSES,
            "headers": HEADERS,
            "securitySchemes": {
                "basicAuth": {"type": "http", "scheme": "basic", "description": "Demo guests: ada/lovelace, ..."},
                "bearerAuth": {"type": "http", "scheme": "bearer", "description": "access_token from POST /auth/token"},
                **(workshop_models.SECURITY_SCHEMES if workshop else {}),
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


@endpoint(
    bp,
    "GET",
    "/",
    "getDocs",
    "Docs",
    "This documentation page (HTML)",
    {"200": ok({"type": "string"}, "The docs page.", media="text/html")},
    public=True,
    example={"path": "/"},
)
def index() -> Response:
    return Response(page.render_page(request.host_url.rstrip("/"), document(), operations()), mimetype="text/html")


@endpoint(
    bp,
    "GET",
    "/openapi.json",
    "getOpenapi",
    "Docs",
    "This API's OpenAPI 3.1 document",
    {"200": ok({"type": "object"}, "The OpenAPI document.")},
    public=True,
    example={"path": "/openapi.json"},
)
def openapi_json() -> Response:
    return jsonify(document())


@endpoint(
    bp,
    "GET",
    "/problems/{slug}",
    "getProblemType",
    "Docs",
    "What an error type means (the `type` of every problem answer)",
    {"200": ok({"type": "string"}, "A page about the problem type.", media="text/html"), "404": use("NotFound")},
    params=[
        path_param(
            "slug",
            "The last part of a problem's type.",
            {"type": "string", "enum": list(PROBLEMS)},
            finds=Finds(
                "kind",
                lambda _: PROBLEMS,
                "There is no problem type {id!r}.",
                hint="The docs at / list every type.",
                numbered=False,
            ),
        )
    ],
    public=True,
    example={"path": "/problems/validation-error"},
)
def problem_page(kind: ProblemType) -> Response:
    return Response(page.problem_html(kind), mimetype="text/html")
