# wrong: writes the Link's rel in single quotes, rel='next', which is no quoting in HTTP
# expect: and the Link header should agree
"""Exercise 31: Page by page."""

from typing import Any, Iterable
from urllib.parse import urlencode

from flask import Flask, Response, jsonify, request


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """An application/problem+json answer (RFC 9457); `extra` members go into the body."""
    response = jsonify({"type": "about:blank", "title": title, "status": status, "detail": detail, **extra})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def decode_cursor(cursor: str) -> int | None:
    """The id a cursor of ours names (the id of the last reservation of a page, as text), or None."""
    return int(cursor) if cursor.isascii() and cursor.isdigit() else None


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    """A new Flask app: GET /reservations?limit=&cursor= a page of the book, with a Link: rel="next" header."""
    app = Flask(__name__)
    book = sorted((dict(reservation) for reservation in reservations), key=lambda reservation: reservation["id"])

    @app.get("/reservations")
    def a_page() -> Response:
        raw_limit = request.args.get("limit", "10")
        if not (raw_limit.isascii() and raw_limit.isdigit()) or not 1 <= int(raw_limit) <= 50:
            return problem(400, "Bad Request", f"limit must be a whole number from 1 to 50, not {raw_limit!r}.")
        limit = int(raw_limit)
        after = 0
        if "cursor" in request.args:
            decoded = decode_cursor(request.args["cursor"])
            if decoded is None:
                return problem(400, "Bad Request", "cursor is not one this desk gave: copy the next of a page.")
            after = decoded
        rest = [reservation for reservation in book if reservation["id"] > after]
        page = rest[:limit]
        cursor = str(page[-1]["id"]) if len(rest) > limit else None
        response = jsonify({"items": page, "next": cursor})
        if cursor is not None:
            link = f"{request.base_url}?{urlencode({'limit': limit, 'cursor': cursor})}"
            response.headers["Link"] = f"<{link}>; rel='next'"
        return response

    return app
