# valid: a blueprint whose before_request raises Unauthorized or Forbidden, and app error handlers that answer problems
"""Exercise 30: Staff only (before_request raises; error handlers answer)."""

import hmac

from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import Forbidden, HTTPException, Unauthorized

desk = Blueprint("desk", __name__)


def who():
    header = request.headers.get("Authorization", "")
    scheme, space, token = header.partition(" ")
    if not space or scheme.lower() != "bearer":
        return None
    given = token.encode()
    matches = [
        role for known, role in current_app.config["STAFF"].items() if hmac.compare_digest(known.encode(), given)
    ]
    return matches[0] if matches else None


@desk.before_request
def let_in():
    role = who()
    if role is None:
        raise Unauthorized("A staff token, please.", www_authenticate=None)
    if request.method == "DELETE" and role != "manager":
        raise Forbidden("Only a manager cancels.")


@desk.get("/reservations")
def everything():
    book = current_app.config["BOOK"]
    return {"items": list(book.values()), "count": len(book)}


@desk.delete("/reservations/<int:rid>")
def cancel(rid):
    book = current_app.config["BOOK"]
    if rid not in book:
        return as_problem(HTTPException(f"No reservation {rid}."), 404, "Not Found")
    del book[rid]
    return "", 204


def as_problem(error, status=None, title=None):
    status = status or error.code
    response = jsonify(title=title or error.name, status=status, detail=error.description)
    response.status_code = status
    response.mimetype = "application/problem+json"
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="reservations", charset="UTF-8"'
    return response


def create_app(reservations=(), tokens=None):
    app = Flask(__name__)
    app.config["BOOK"] = {r["id"]: dict(r) for r in reservations}
    app.config["STAFF"] = dict(tokens or {})
    app.register_blueprint(desk)
    app.register_error_handler(HTTPException, as_problem)
    return app
