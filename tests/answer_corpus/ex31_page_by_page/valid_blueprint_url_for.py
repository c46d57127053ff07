# valid: a blueprint, the id as text for a cursor, a relative Link made with url_for, rel=next without quotes
"""Exercise 31: Page by page (a blueprint; url_for builds the next page's address)."""

import re

from flask import Blueprint, Flask, current_app, jsonify, request, url_for

desk = Blueprint("desk", __name__)


def bad(detail):
    response = jsonify(type="about:blank", title="Bad Request", status=400, detail=detail)
    response.status_code = 400
    response.mimetype = "application/problem+json"
    return response


@desk.get("/reservations")
def page():
    limit_text = request.args.get("limit", "10")
    if not re.fullmatch(r"[0-9]{1,2}", limit_text) or not 1 <= int(limit_text) <= 50:
        return bad("limit: a whole number from 1 to 50")
    limit = int(limit_text)
    cursor = request.args.get("cursor", "0")
    if not re.fullmatch(r"[0-9]{1,12}", cursor):
        return bad("cursor: not one of ours")
    book = current_app.config["BOOK"]
    rest = [r for r in book if r["id"] > int(cursor)]
    items, more = rest[:limit], len(rest) > limit
    after = str(items[-1]["id"]) if more else None
    response = jsonify({"items": items, "next": after, "limit": limit})
    if more:
        response.headers["Link"] = f"<{url_for('desk.page', limit=limit, cursor=after)}>; rel=next"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    app.config["BOOK"] = sorted(reservations, key=lambda r: r["id"])
    app.register_blueprint(desk)
    return app
