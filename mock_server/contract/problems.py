"""Errors as RFC 9457 problem details, each with a ``hint`` for a learner.

Views raise ``ApiError``; ``init_app`` turns it, every werkzeug
``HTTPException`` and any unexpected exception into an
``application/problem+json`` response, so even a bug answers JSON, never HTML.
"""

from __future__ import annotations

import difflib
import json
import re
from typing import Any
from urllib.parse import quote

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from mock_server.contract.problem_types import BY_STATUS as _BY_STATUS
from mock_server.contract.problem_types import PROBLEM_JSON, PROBLEMS
from mock_server.contract.problem_types import ProblemType as ProblemType  # the docs import it from here


class ApiError(Exception):
    """Raise to answer with a problem; ``extra`` members go into the JSON body."""

    def __init__(
        self,
        slug: str,
        detail: str,
        *,
        hint: str | None = None,
        status: int | None = None,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.slug = slug
        self.detail = detail
        self.hint = hint
        self.status = status
        self.title = title
        self.headers = headers or {}
        self.extra = extra

    def response(self) -> Response:
        return problem(
            self.slug,
            self.detail,
            hint=self.hint,
            status=self.status,
            title=self.title,
            headers=self.headers,
            **self.extra,
        )


def problem(
    slug: str,
    detail: str,
    *,
    hint: str | None = None,
    status: int | None = None,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    """Build an ``application/problem+json`` response from the catalogue."""
    kind = PROBLEMS[slug]
    status = status or kind.status
    body = {
        "type": f"/problems/{slug}",
        "title": title or kind.title,
        "status": status,
        "detail": detail,
        "hint": hint or kind.hint,
    }
    try:
        body["instance"] = quote(request.path, safe="/!$&'()*+,;=:@-._~", errors="replace")
    except RuntimeError:  # outside a request
        pass
    body.update(extra)
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate somewhere: its JSON escape is the same JSON
        data = (json.dumps(body, separators=(",", ":")) + "\n").encode("ascii")
    response = Response(data, status=status, mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _http_error(error: HTTPException) -> Response | HTTPException:
    if error.code is None or error.code < 400:  # e.g. a RequestRedirect
        return error
    headers = {}
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        headers["Allow"] = ", ".join(sorted(error.valid_methods))
    slug = _BY_STATUS.get(error.code)
    title = None
    if slug is None:
        slug = "bad-request" if error.code < 500 else "internal-error"
        title = error.name
    detail = error.description or error.name
    hint = None
    if error.code == 404:
        detail = f"Nothing is served at {request.path[:200]}."
        nearest = nearest_route(request.path)
        if nearest:
            hint = f"Did you mean {nearest}? The docs at / list every path."
    elif error.code == 405:
        detail = f"{request.method[:20]} is not allowed on {request.path[:200]}."
    elif error.code == 413:
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        detail = f"The body is {request.content_length or 'more than'} bytes; the limit is {limit} bytes."
    return problem(slug, detail, status=error.code, title=title, headers=headers, hint=hint)


def nearest_route(path: str) -> str | None:
    """The route most like ``path`` (``/tables/{table_id}`` for ``/table/3``), or None."""
    routes = sorted(
        {
            re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            for rule in current_app.url_map.iter_rules()
            if rule.endpoint != "static"
        }
    )
    shapes = {re.sub(r"\{\w+\}", "1", route): route for route in routes}  # /tables/1 stands for /tables/{table_id}
    probe = re.sub(r"/\d+(?=/|$)", "/1", path[:200].rstrip("/") or "/")
    guess = difflib.get_close_matches(probe, list(shapes), n=1, cutoff=0.6)
    return shapes[guess[0]] if guess else None


def _unexpected(error: Exception) -> Response:
    current_app.logger.error("Unhandled error on %s %s", request.method, request.path, exc_info=error)
    return problem("internal-error", f"{type(error).__name__} while handling {request.method} {request.path}.")


def init_app(app: Flask) -> None:
    app.register_error_handler(ApiError, lambda error: error.response())
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
