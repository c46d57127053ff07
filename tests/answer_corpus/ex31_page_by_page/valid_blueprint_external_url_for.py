# valid: a blueprint factory, itertools.islice over the sorted book, an absolute Link from url_for(_external=True)
"""Exercise 31: Page by page (a blueprint; islice; url_for with _external)."""

import itertools

from flask import Blueprint, Flask, Response, json, request, url_for


def refuse(detail):
    return Response(
        json.dumps({"type": "about:blank", "title": "Bad Request", "status": 400, "detail": detail}),
        status=400,
        mimetype="application/problem+json",
    )


def pages(book):
    bp = Blueprint("pages", __name__)

    @bp.route("/reservations")
    def page():
        limit = request.args.get("limit", "10")
        if not (limit.isascii() and limit.isdigit() and 0 < int(limit) <= 50):
            return refuse("The limit should be between 1 and 50.")
        cursor = request.args.get("cursor", "c0")
        if not (cursor[:1] == "c" and cursor[1:].isascii() and cursor[1:].isdigit()):
            return refuse("This cursor was not made here.")
        after, size = int(cursor[1:]), int(limit)
        later = (r for r in book if r["id"] > after)
        chunk = list(itertools.islice(later, size + 1))
        items, more = chunk[:size], len(chunk) > size
        following = f"c{items[-1]['id']}" if more else None
        response = Response(json.dumps({"items": items, "next": following}), mimetype="application/json")
        if following:
            target = url_for("pages.page", limit=size, cursor=following, _external=True)
            response.headers["Link"] = f'<{target}>; rel="next"'
        return response

    return bp


def create_app(reservations=()):
    app = Flask(__name__)
    app.register_blueprint(pages(sorted(reservations, key=lambda r: r["id"])))
    return app
