# valid: the start found with next() over enumerate, make_response with a headers dict, a relative Link
from flask import Flask, jsonify, make_response, request


def bad(detail):
    response = jsonify({"title": "Bad Request", "status": 400, "detail": detail})
    response.status_code = 400
    response.content_type = "application/problem+json"
    return response


def read_limit(args):
    text = args.get("limit")
    if text is None:
        return 10
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 50:
        return int(text)
    return None


def create_app(reservations=()):
    app = Flask(__name__)
    ordered = [dict(r) for r in reservations]
    ordered.sort(key=lambda r: r["id"])

    @app.get("/reservations")
    def page():
        limit = read_limit(request.args)
        if limit is None:
            return bad("limit: give a whole number from 1 to 50")
        start = 0
        if "cursor" in request.args:
            cursor = request.args["cursor"]
            if not (cursor.isascii() and cursor.isdigit()):
                return bad("cursor: this is not a cursor of ours")
            last_id = int(cursor)
            start = next((i for i, r in enumerate(ordered) if r["id"] > last_id), len(ordered))
        items = ordered[start : start + limit]
        has_more = start + limit < len(ordered)
        cursor_out = str(items[-1]["id"]) if has_more else None
        headers = {}
        if has_more:
            headers["Link"] = f'</reservations?limit={limit}&cursor={cursor_out}>; rel="next"'
        return make_response(jsonify({"items": items, "next": cursor_out}), 200, headers)

    return app
