"""What operations answer, written once: the shared responses and headers of the OpenAPI document.

``ok(...)``, ``use(...)`` and ``problem_response(...)`` build the ``responses`` of a declaration
(``declare.endpoint``); ``RESPONSES`` and ``HEADERS`` are the components they refer to.
"""

from __future__ import annotations

from typing import Any

from mock_server.contract.schema import ref

JSON = "application/json"
PROBLEM = "application/problem+json"
NO_CONTENT = {"description": "Done; no body."}


def _header(description: str, schema: dict | None = None, required: bool = True) -> dict:
    return {"description": description, "required": required, "schema": schema or {"type": "string"}}


HEADERS = {
    "Location": _header("Path of the new resource, e.g. /orders/7.", {"type": "string", "format": "uri-reference"}),
    "ETag": _header("Version of this representation; send it back in If-None-Match."),
    "Link": _header('RFC 8288 link to the next page: <url>; rel="next". Absent on the last page.', required=False),
    "Retry-After": _header("Seconds to wait before trying again.", {"type": "integer", "minimum": 0}),
    "WWW-Authenticate": _header('How to authenticate, e.g. Basic realm="restaurant" or Bearer realm="restaurant".'),
    "Allow": _header("The methods this path accepts, e.g. GET, HEAD, OPTIONS."),
    "Idempotent-Replayed": _header(
        "true when this answer is a replay of an earlier request with the same Idempotency-Key.",
        {"type": "string", "enum": ["true"]},
        required=False,
    ),
}


def _with_headers(response: dict, headers: tuple[str, ...]) -> dict:
    if headers:
        response["headers"] = {name: {"$ref": f"#/components/headers/{name}"} for name in headers}
    return response


def problem_response(description: str, *headers: str) -> dict:
    return _with_headers({"description": description, "content": {PROBLEM: {"schema": ref("Problem")}}}, headers)


RESPONSES = {
    "BadRequest": problem_response("Malformed JSON, a bad query parameter or a bad header."),
    "Unauthorized": problem_response("Credentials missing, wrong or expired.", "WWW-Authenticate"),
    "Forbidden": problem_response("Valid token, but the resource belongs to another guest, or a foreign web page."),
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
    content = {media: {"schema": ref(schema) if isinstance(schema, str) else schema}}
    return _with_headers({"description": description, "content": content}, headers)


def link(operation_id: str, parameter: str) -> dict:
    return {"operationId": operation_id, "parameters": {parameter: "$response.body#/id"}}


def listing(item: str, **more: dict) -> dict:
    from mock_server.contract.schema import integer, obj

    return obj({"items": {"type": "array", "items": ref(item)}, "count": integer(0), **more})


def responses_of(op: Any) -> dict:
    """An operation's responses, with the errors every such operation can give added."""
    errors: dict[str, Any] = {}
    if op.body is not None:
        errors.update({"400": use("BadRequest"), "413": use("PayloadTooLarge"), "415": use("UnsupportedMediaType")})
        errors["422"] = use("Unprocessable")
    elif op.queries:
        errors["400"] = use("BadRequest")
    if op.security:
        errors["401"] = use("Unauthorized")
    errors["403"] = use("Forbidden")  # a foreign Host, or a state-changing request from a foreign web page
    if op.hooked and not op.admin:  # the kitchen's rate limit, injected faults, opening hours
        errors.update({"429": use("TooManyRequests"), "500": use("InternalError"), "503": use("Unavailable")})
    return {**op.responses, **{code: value for code, value in errors.items() if code not in op.responses}}
