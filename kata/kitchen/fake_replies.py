"""Replies for requests-mock that look like the real kitchen's, built from its own problem catalogue.

`requests_mock.get(url, **problem_reply("not-found", "There is no dish 77."))` answers as the kitchen
would: the catalogue's status, title and hint, `type: /problems/<slug>`, `application/problem+json`.
`json_reply(body)` is a JSON answer. Both send raw UTF-8 (`Tiramisù`, not `Tiramis\\u00f9` as requests-mock's
`json=` writes it), as most servers do, so learner code that decodes a body by hand is tested on real bytes.
`html_reply` is what a proxy in front of the kitchen answers (an HTML page, not JSON), `empty_reply` a
status without a body (a 204, a 304, a bare 502).
"""

from __future__ import annotations

import json
from typing import Any

from mock_server.contract.problem_types import PROBLEM_JSON, PROBLEMS

RETRY_AFTER = {429: "5", 503: "60"}  # the kitchen sends Retry-After with these statuses


def problem(slug: str, detail: str, *, status: int | None = None, title: str | None = None, **members: Any) -> dict:
    """The JSON body of the kitchen's problem `slug` (RFC 9457), with `detail` and any extra `members`."""
    kind = PROBLEMS[slug]
    body = {
        "type": f"/problems/{slug}",
        "title": title or kind.title,
        "status": status or kind.status,
        "detail": detail,
        "hint": kind.hint,
    }
    body.update(members)
    return body


def problem_reply(
    slug: str,
    detail: str,
    *,
    status: int | None = None,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    **members: Any,
) -> dict[str, Any]:
    """Keyword arguments for requests-mock: the kitchen's problem `slug` as status, headers and JSON body."""
    body = problem(slug, detail, status=status, title=title, **members)
    sent = {"Content-Type": PROBLEM_JSON}
    if body["status"] in RETRY_AFTER:
        sent["Retry-After"] = RETRY_AFTER[body["status"]]
    sent.update(headers or {})
    return {"status_code": body["status"], "headers": sent, "content": utf8_json(body)}


def utf8_json(body: Any) -> bytes:
    """`body` as JSON in raw UTF-8: non-ASCII text as its own bytes, not as \\u escapes."""
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def json_reply(body: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> dict[str, Any]:
    """Keyword arguments for requests-mock: `body` as a JSON answer in raw UTF-8 (Content-Type application/json)."""
    return {
        "status_code": status,
        "headers": {"Content-Type": "application/json", **(headers or {})},
        "content": utf8_json(body),
    }


def html_reply(status: int = 502, title: str = "Bad Gateway", *, headers: dict[str, str] | None = None) -> dict:
    """Keyword arguments for requests-mock: an HTML error page, as a proxy in front of the kitchen sends it."""
    page = (
        f"<html><head><title>{status} {title}</title></head>"
        f"<body><center><h1>{status} {title}</h1></center><hr><center>nginx</center></body></html>\n"
    )
    return {"status_code": status, "headers": {"Content-Type": "text/html", **(headers or {})}, "text": page}


def empty_reply(status: int, *, headers: dict[str, str] | None = None) -> dict[str, Any]:
    """Keyword arguments for requests-mock: a status with no body at all (204, 304, a bare 5xx)."""
    return {"status_code": status, "headers": dict(headers or {}), "content": b""}
