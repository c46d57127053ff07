# valid: a blueprint whose before_request hook decides who is asking (g.role), and abort() with problem handlers
"""Exercise 30: Staff only (a blueprint, a before_request hook, abort)."""

from flask import Blueprint, Flask, abort, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException, Unauthorized

desk = Blueprint("desk", __name__)


@desk.before_request
def who_is_asking():
    header = request.headers.get("Authorization", "")
    parts = header.split()
    token = parts[1] if len(parts) == 2 and parts[0].lower() == "bearer" else None
    g.role = current_app.config["TOKENS"].get(token) if token else None
    if g.role is None:
        raise Unauthorized("A staff token is needed.")


@desk.get("/reservations")
def everything():
    book = current_app.config["BOOK"]
    return {"items": list(book.values()), "count": len(book)}


@desk.delete("/reservations/<int:rid>")
def cancel(rid):
    if g.role != "manager":
        abort(403, "Managers only.")
    if current_app.config["BOOK"].pop(rid, None) is None:
        abort(404, f"No reservation {rid}.")
    return "", 204


def as_problem(error: HTTPException):
    response = jsonify(title=error.name, status=error.code, detail=error.description)
    response.status_code = error.code
    response.mimetype = "application/problem+json"
    if error.code == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


def create_app(reservations=(), tokens=None):
    app = Flask(__name__)
    app.config["BOOK"] = {r["id"]: r for r in reservations}
    app.config["TOKENS"] = dict(tokens or {})
    app.register_blueprint(desk)
    app.register_error_handler(HTTPException, as_problem)
    return app
