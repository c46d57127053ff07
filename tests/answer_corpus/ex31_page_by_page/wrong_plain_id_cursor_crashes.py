# wrong: the cursor is the id as text, read with int() without a check, so a wrong cursor crashes the view
# expect: raised ValueError
"""Exercise 31, wrong: int(cursor)."""

from urllib.parse import urlencode

from flask import Flask, jsonify, request


def create_app(reservations=()):
    app = Flask(__name__)
    book = sorted(reservations, key=lambda r: r["id"])

    @app.get("/reservations")
    def page():
        text = request.args.get("limit", "10")
        limit = int(text) if text.isdecimal() else 0
        if not 1 <= limit <= 50:
            response = jsonify(title="Bad Request", status=400, detail="limit must be 1 to 50")
            response.status_code, response.mimetype = 400, "application/problem+json"
            return response
        after = int(request.args.get("cursor", 0))
        rest = [r for r in book if r["id"] > after]
        items = rest[:limit]
        cursor = str(items[-1]["id"]) if len(rest) > limit else None
        response = jsonify(items=items, next=cursor)
        if cursor:
            query = urlencode({"limit": limit, "cursor": cursor})
            response.headers["Link"] = f'</reservations?{query}>; rel="next"'
        return response

    return app
