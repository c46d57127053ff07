# valid: a plain app, dicts returned with status and headers, the id from a counter
"""Exercise 28: Take a reservation (tuples; itertools.count for ids)."""

import datetime
import itertools
import re

from flask import Flask, request

PROBLEM = {"Content-Type": "application/problem+json"}


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: r for r in reservations}
    ids = itertools.count(max(book, default=0) + 1)

    @app.route("/reservations/<int:rid>", methods=["GET"])
    def get_one(rid):
        if rid in book:
            return book[rid]
        return {"title": "Not found", "status": 404, "detail": f"no reservation {rid}"}, 404, PROBLEM

    @app.route("/reservations", methods=["POST"])
    def post():
        if request.mimetype != "application/json":
            return {"title": "Unsupported", "status": 415, "detail": "JSON only"}, 415, PROBLEM
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return {"title": "Bad request", "status": 400, "detail": "a JSON object, please"}, 400, PROBLEM
        errors = []
        name = body.get("name")
        if not (isinstance(name, str) and name.strip() and len(name) <= 100):
            errors.append({"field": "name", "message": "1-100 characters"})
        size = body.get("party_size")
        if type(size) is not int or not 1 <= size <= 12:
            errors.append({"field": "party_size", "message": "1-12"})
        try:
            ok = isinstance(body.get("date"), str) and re.fullmatch("[0-9]{4}-[0-9]{2}-[0-9]{2}", body["date"])
            datetime.date.fromisoformat(body["date"])
        except (ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            errors.append({"field": "date", "message": "YYYY-MM-DD"})
        if not (isinstance(body.get("time"), str) and re.fullmatch(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]", body["time"])):
            errors.append({"field": "time", "message": "HH:MM"})
        if errors:
            return {"title": "Invalid", "status": 422, "detail": f"{len(errors)} wrong", "errors": errors}, 422, PROBLEM
        rid = next(ids)
        book[rid] = {"id": rid, "status": "booked", **{k: body[k] for k in ("name", "party_size", "date", "time")}}
        return book[rid], 201, {"Location": f"/reservations/{rid}"}

    return app
