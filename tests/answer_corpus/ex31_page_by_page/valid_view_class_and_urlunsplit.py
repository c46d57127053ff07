# valid: a flask.views.View with dispatch_request, parameters checked with re.fullmatch, the Link made with urlunsplit
import re
from urllib.parse import urlencode, urlsplit, urlunsplit

from flask import Flask, jsonify, request
from flask.views import View

DIGITS = re.compile(r"[0-9]+")


def problem(status, title, detail):
    response = jsonify(title=title, status=status, detail=detail)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


class Pages(View):
    methods = ("GET",)

    def __init__(self, book):
        self.book = book

    def dispatch_request(self):
        limit_text = request.args.get("limit", "10")
        if not DIGITS.fullmatch(limit_text) or int(limit_text) not in range(1, 51):
            return problem(400, "Bad Request", "limit must be from 1 to 50, written in digits")
        limit = int(limit_text)
        cursor_text = request.args.get("cursor")
        after = 0
        if cursor_text is not None:
            if not DIGITS.fullmatch(cursor_text):
                return problem(400, "Bad Request", "cursor is not one we gave: use the next of a page")
            after = int(cursor_text)
        later = [r for r in self.book if r["id"] > after]
        page, more = later[:limit], len(later) > limit
        next_cursor = str(page[-1]["id"]) if more else None
        response = jsonify(items=page, next=next_cursor)
        if more:
            here = urlsplit(request.base_url)
            query = urlencode([("limit", limit), ("cursor", next_cursor)])
            response.headers["Link"] = f'<{urlunsplit((here.scheme, here.netloc, here.path, query, ""))}>; rel="next"'
        return response


def create_app(reservations=()):
    app = Flask(__name__)
    book = sorted(map(dict, reservations), key=lambda r: r["id"])
    app.add_url_rule("/reservations", view_func=Pages.as_view("pages", book))
    return app
