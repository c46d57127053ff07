# valid: app.route with methods=, the book in a closure, a Response built by hand with json.dumps, Location absolute
"""Exercise 28: Take a reservation (app.route, a hand-built Response)."""

import json
import re
from datetime import date

from flask import Flask, Response, request

TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def answer(status, body, content_type="application/json", **headers):
    return Response(json.dumps(body), status=status, content_type=content_type, headers=headers)


def refuse(status, title, detail, **extra):
    return answer(status, {"title": title, "status": status, "detail": detail, **extra}, "application/problem+json")


def a_day(text):
    try:
        return bool(DAY.fullmatch(text)) and date.fromisoformat(text) is not None
    except ValueError:
        return False


def wrong(body):
    out = []
    name = body.get("name")
    if not (type(name) is str and 0 < len(name) <= 100 and not name.isspace()):
        out.append({"field": "name", "message": "1 to 100 characters, please"})
    size = body.get("party_size")
    if type(size) is not int or not 0 < size < 13:
        out.append({"field": "party_size", "message": "a whole number from 1 to 12, please"})
    if type(body.get("date")) is not str or not a_day(body["date"]):
        out.append({"field": "date", "message": "a day as YYYY-MM-DD, please"})
    if type(body.get("time")) is not str or not TIME.fullmatch(body["time"]):
        out.append({"field": "time", "message": "a time as HH:MM, please"})
    return out


def create_app(reservations=()):
    app = Flask(__name__)
    book = {}
    for reservation in reservations:
        book[reservation["id"]] = dict(reservation)

    @app.route("/reservations/<int:number>", methods=["GET"])
    def one(number):
        if number in book:
            return answer(200, book[number])
        return refuse(404, "Not Found", f"No reservation {number} here.")

    @app.route("/reservations", methods=["POST"])
    def take():
        if request.mimetype != "application/json":
            return refuse(415, "Unsupported Media Type", "JSON only.")
        body = request.get_json(silent=True)
        if type(body) is not dict:
            return refuse(400, "Bad Request", "Send one JSON object.")
        errors = wrong(body)
        if errors:
            return refuse(422, "Unprocessable", "Some fields are wrong.", errors=errors)
        number = max(book) + 1 if book else 1
        book[number] = {
            "id": number,
            "name": body["name"],
            "party_size": body["party_size"],
            "date": body["date"],
            "time": body["time"],
            "status": "booked",
        }
        return answer(201, book[number], Location=f"{request.host_url}reservations/{number}")

    return app
