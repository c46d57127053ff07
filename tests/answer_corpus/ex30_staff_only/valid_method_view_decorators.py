# valid: MethodViews whose `decorators` list holds a staff_only wrapper, the role kept in flask.g
"""Exercise 30: Staff only (MethodView.decorators and g)."""

import functools
import hmac
from typing import ClassVar

from flask import Flask, Response, current_app, g, jsonify, request
from flask.views import MethodView


def problem(status, title, detail, **headers):
    response = jsonify({"type": "about:blank", "title": title, "status": status, "detail": detail})
    response.status_code = status
    response.mimetype = "application/problem+json"
    response.headers.update(headers)
    return response


def staff_only(view):
    @functools.wraps(view)
    def checked(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        g.role = None
        if scheme.casefold() == "bearer" and token:
            for known, role in current_app.config["TOKENS"].items():
                if hmac.compare_digest(known.encode("utf-8"), token.encode("utf-8")):
                    g.role = role
        if g.role is None:
            return problem(401, "Unauthorized", "Who are you?", **{"WWW-Authenticate": "Bearer"})
        return view(*args, **kwargs)

    return checked


class Book(MethodView):
    decorators: ClassVar[list] = [staff_only]

    def get(self):
        items = list(current_app.config["BOOK"].values())
        return {"items": items, "count": len(items)}


class Entry(MethodView):
    decorators: ClassVar[list] = [staff_only]

    def delete(self, number):
        if g.role != "manager":
            return problem(403, "Forbidden", "Managers only.")
        if current_app.config["BOOK"].pop(number, None) is None:
            return problem(404, "Not Found", f"No reservation {number}.")
        return Response(status=204)


def create_app(reservations=(), tokens=None):
    app = Flask(__name__)
    app.config["BOOK"] = {r["id"]: dict(r) for r in reservations}
    app.config["TOKENS"] = dict(tokens or {})
    app.add_url_rule("/reservations", view_func=Book.as_view("book"))
    app.add_url_rule("/reservations/<int:number>", view_func=Entry.as_view("entry"))
    return app
