# valid: a plain app, a hex cursor, bisect to find the page, a dict returned with headers, two rels in the Link
"""Exercise 31: Page by page (bisect; hex cursors; an absolute Link)."""

import bisect
import re
from urllib.parse import urlencode

from flask import Flask, request

PROBLEM = {"Content-Type": "application/problem+json"}


def create_app(reservations=()):
    app = Flask(__name__)
    book = sorted(reservations, key=lambda r: r["id"])
    ids = [r["id"] for r in book]

    @app.get("/reservations")
    def listing():
        text = request.args.get("limit", "10")
        limit = int(text) if re.fullmatch(r"[0-9]+", text) else 0
        if not 0 < limit <= 50:
            return {"title": "Bad limit", "status": 400, "detail": "limit goes from 1 to 50"}, 400, PROBLEM
        cursor = request.args.get("cursor", "0")
        if not re.fullmatch(r"[0-9a-f]{1,12}", cursor):
            return {"title": "Bad cursor", "status": 400, "detail": "this cursor is unknown here"}, 400, PROBLEM
        start = bisect.bisect_right(ids, int(cursor, 16))
        items = book[start : start + limit]
        if start + limit >= len(book):
            return {"items": items, "next": None}
        after = format(items[-1]["id"], "x")
        link = request.base_url + "?" + urlencode({"cursor": after, "limit": limit})
        return {"items": items, "next": after}, 200, {"Link": f'<{link}>; rel="next nofollow"'}

    return app
