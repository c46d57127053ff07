# valid: a MethodView with add_url_rule, base64 cursors kept padded, a BadParameter exception and its error handler
"""Exercise 31: Page by page (MethodView; errors raised and handled in one place)."""

import base64
import binascii
import re
from urllib.parse import urlencode

from flask import Flask, current_app, jsonify, request
from flask.views import MethodView


class BadParameter(Exception):
    def __init__(self, name, why):
        super().__init__(f"{name}: {why}")
        self.name, self.why = name, why


def read_limit():
    text = request.args.get("limit", "10")
    if not re.fullmatch(r"[0-9]+", text) or not 1 <= int(text) <= 50:
        raise BadParameter("limit", "a whole number from 1 to 50")
    return int(text)


def read_cursor():
    text = request.args.get("cursor")
    if text is None:
        return 0
    try:
        after = base64.urlsafe_b64decode(text.encode("ascii")).decode("ascii")
    except (UnicodeError, binascii.Error, ValueError):
        raise BadParameter("cursor", "not one of this desk's cursors") from None
    if not re.fullmatch(r"[0-9]+", after):
        raise BadParameter("cursor", "not one of this desk's cursors")
    return int(after)


class Pages(MethodView):
    def get(self):
        limit, after = read_limit(), read_cursor()
        rest = [r for r in current_app.config["BOOK"] if r["id"] > after]
        page, more = rest[:limit], len(rest) > limit
        cursor = base64.urlsafe_b64encode(str(page[-1]["id"]).encode()).decode() if more else None
        response = jsonify(items=page, next=cursor)
        if cursor:
            response.headers["Link"] = (
                f'<{request.base_url}?{urlencode({"limit": limit, "cursor": cursor})}>; rel="next"'
            )
        return response


def bad_parameter(error):
    response = jsonify(title="Bad Request", status=400, detail=f"{error.name} must be {error.why}.")
    response.status_code = 400
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    app.config["BOOK"] = sorted((dict(r) for r in reservations), key=lambda r: r["id"])
    app.add_url_rule("/reservations", view_func=Pages.as_view("pages"))
    app.register_error_handler(BadParameter, bad_parameter)
    return app
