# valid: a plain app, one view for the three methods, dicts and tuples, validation before the state check
"""Exercise 29: Change or cancel (one view, request.method)."""

import re
from datetime import date

from flask import Flask, request

PROBLEM = {"Content-Type": "application/problem+json; charset=utf-8"}


def problem(status, title, detail, **extra):
    return {"title": title, "status": status, "detail": detail, **extra}, status, PROBLEM


def valid(field, value):
    if field == "name":
        return isinstance(value, str) and len(value.strip()) > 0 and len(value) <= 100
    if field == "party_size":
        return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 12
    if field == "date":
        try:
            return isinstance(value, str) and re.fullmatch(r"\d\d\d\d-\d\d-\d\d", value) and date.fromisoformat(value)
        except ValueError:
            return False
    if field == "time":
        return isinstance(value, str) and re.fullmatch(r"(0\d|1\d|2[0-3]):[0-5]\d", value)
    return False


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: dict(r) for r in reservations}

    @app.route("/reservations/<int:rid>", methods=["GET", "PATCH", "DELETE"])
    def reservation(rid):
        if rid not in book:
            return problem(404, "Not found", f"No reservation {rid}.")
        current = book[rid]
        if request.method == "GET":
            return current
        if request.method == "PATCH":
            if request.mimetype not in ("application/json", "application/merge-patch+json"):
                return problem(415, "Unsupported media type", "Send JSON.")
            changes = request.get_json(silent=True)
            if not isinstance(changes, dict):
                return problem(400, "Bad request", "Send a JSON object.")
            errors = [{"field": f, "message": "not acceptable"} for f, v in changes.items() if not valid(f, v)]
            if errors:
                return problem(422, "Invalid", "Fix the fields in errors.", errors=errors)
        if current["status"] == "seated":
            return problem(409, "Seated", f"Reservation {rid} is already seated.")
        if request.method == "DELETE":
            del book[rid]
            return "", 204
        current.update(changes)
        return current

    return app
