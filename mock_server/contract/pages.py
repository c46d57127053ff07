"""Pages: the one way every list that grows with what a team creates is answered (``/reviews``, ``/orders``,
``/tables``, ``/payments``, ``/kitchen/queue``).

Each takes ``limit`` (1 to ``MAX_LIMIT``) and ``cursor`` (the ``next`` of the previous page), answers
``{"items": [...], "count": <items on this page>, "next": <cursor or null>, ...}`` and, when there is more,
a ``Link: <...>; rel="next"`` header that keeps the filters. Items come oldest first (by id), and only the
page is built: no answer holds more than ``MAX_LIMIT`` items, whatever a kitchen holds.

Building a page is the heaviest work a request can ask for (a full page of the largest orders is about
450 kB of JSON, milliseconds of Python): at most ``PAGES_AT_ONCE`` (one) is built at a time in the whole
server (``few_at_once``), and one at a time per kitchen; the others wait their turn without holding the
interpreter, so that one team's parallel lists cannot starve everyone's small requests of the GIL, nor
take every turn. A process-wide gate on purpose: what it shares out is the process's CPU, whichever app
or kitchen asks.

A cursor is opaque to clients. Every string matching ``CURSOR_PATTERN`` decodes to a position (possibly
past the end: an empty last page), so a schema-valid cursor is never refused; anything else is a 400.
"""

from __future__ import annotations

import functools
import threading
import time
import uuid
from itertools import islice
from typing import Any, Callable, Iterator
from urllib.parse import urlencode

from flask import Response, current_app, jsonify, request

from mock_server.contract.declare import Param, query
from mock_server.contract.problems import ApiError
from mock_server.contract.schema import integer, nullable, obj, ref
from mock_server.state.store import current_state

MAX_LIMIT = 100  # items on one page, at most
DEFAULT_LIMIT = 100  # when a client asks for no limit: more than any exercise before chapter 5 creates
ANSWER_BOUND = 512 * 1024  # bytes: no page exceeds it (a full page of the largest items, every field at its cap)
PAGES_AT_ONCE = 1  # pages built at once in the server: the other core is for everything else
PAGE_WAIT = 10.0  # seconds a request waits for its turn before a 503
_building = threading.BoundedSemaphore(PAGES_AT_ONCE)
CURSOR_PATTERN = "^[0-9a-f]{1,15}$"
_CURSOR_MASK = 0x5EA51DE
NEXT = {"next": nullable({"type": "string", "description": "Cursor of the next page; null on the last one."})}


def encode_cursor(after_id: int) -> str:
    return format(after_id ^ _CURSOR_MASK, "x")


def decode_cursor(cursor: str) -> int:
    return int(cursor, 16) ^ _CURSOR_MASK  # the declaration checked it against CURSOR_PATTERN


def page_params(default: int = DEFAULT_LIMIT) -> list[Param]:
    """The ``limit`` and ``cursor`` query parameters, declared once for every paginated list."""
    return [
        query("limit", integer(1, MAX_LIMIT), f"Page size (default {default}, at most {MAX_LIMIT})."),
        query(
            "cursor",
            {"type": "string", "pattern": CURSOR_PATTERN},
            "The `next` value of the previous page.",
            expected="a cursor returned by this API",
            hint="Do not build cursors yourself: copy `next` from the previous page (or follow the Link header).",
        ),
    ]


def page_of(item: str, **more: dict) -> dict:
    """The schema of a page of ``item``: ``items``, ``count`` (on this page), ``next``, and ``more`` fields."""
    return obj({"items": {"type": "array", "items": ref(item)}, "count": integer(0), **NEXT, **more})


def take(
    records: dict[int, Any], query: dict, keep: Callable[[Any], bool] | None = None, default: int = DEFAULT_LIMIT
) -> tuple[list[Any], str | None]:
    """One page of ``records`` (id -> record; call under the lock): those past the cursor that ``keep``
    accepts, oldest first, and the cursor of the next page (None on the last). Only the page is copied."""
    limit = query.get("limit", default)
    after = decode_cursor(query["cursor"]) if "cursor" in query else 0
    chosen: Iterator[Any] = (records[i] for i in sorted(records) if i > after)
    if keep is not None:
        chosen = filter(keep, chosen)
    found = list(islice(chosen, limit + 1))
    page = found[:limit]
    return page, encode_cursor(page[-1]["id"]) if len(found) > limit else None


def answer(body: dict[str, Any], cursor: str | None, query: dict, default: int = DEFAULT_LIMIT) -> Response:
    """The page as JSON, with ``next`` and, when there is more, a Link header that keeps every filter."""
    response = _page_json({**body, "count": len(body["items"]), "next": cursor})
    if cursor:
        kept = {name: value for name, value in query.items() if name != "cursor"}
        kept["limit"] = query.get("limit", default)
        link = f"{request.base_url}?{urlencode({**kept, 'cursor': cursor})}"
        response.headers["Link"] = f'<{link}>; rel="next"'
    return response


def _page_json(page: dict[str, Any]) -> Response:
    """jsonify's answer, its items encoded one at a time: one call of the JSON encoder for a whole page of the
    largest items holds the interpreter for milliseconds, and every other request waits that long at each
    of its system calls (waitress' one I/O thread most of all); item by item, it can switch between them."""
    provider: Any = current_app.json
    if provider.compact is False or (provider.compact is None and current_app.debug):
        return jsonify(page)  # indented: a developer's kitchen, not a room's
    mark = f'"{uuid.uuid4().hex}"'  # where the items go: no text of a team's can be this string
    skeleton = provider.dumps({**page, "items": mark[1:-1]}, separators=(",", ":"))
    items = ",".join(provider.dumps(item, separators=(",", ":")) for item in page["items"])
    return current_app.response_class(skeleton.replace(mark, f"[{items}]", 1) + "\n", mimetype=provider.mimetype)


def few_at_once(view: Callable[..., Response]) -> Callable[..., Response]:
    """The view of a paginated list, run when one of the ``PAGES_AT_ONCE`` turns is free (503 after ``PAGE_WAIT``)."""

    @functools.wraps(view)
    def run(**kwargs: Any) -> Response:
        started = time.monotonic()
        own = current_state().page_turn
        if not own.acquire(timeout=PAGE_WAIT):
            raise _busy("your kitchen builds one page at a time and yours")
        try:
            if not _building.acquire(timeout=max(0.0, PAGE_WAIT - (time.monotonic() - started))):
                raise _busy(f"the room's pages are built {PAGES_AT_ONCE} at once, for every kitchen, and yours")
            try:
                return view(**kwargs)
            finally:
                _building.release()
        finally:
            own.release()

    return run


def _busy(why: str) -> ApiError:
    return ApiError(
        "service-unavailable",
        f"The kitchen is busy: {why} waited {PAGE_WAIT:g} s for its turn.",
        hint="Try again after Retry-After; ask for one page at a time (follow `next`), not many in parallel.",
        headers={"Retry-After": "1"},
    )
