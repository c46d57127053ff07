# valid: a blueprint for the reservations, the book in app.config, jsonify
"""Exercise 26: A first route (a blueprint, as flaskr does it)."""

from typing import Iterable

from flask import Blueprint, Flask, current_app, jsonify

desk = Blueprint("desk", __name__)


@desk.route("/reservations", methods=["GET"])
def list_reservations():
    book = current_app.config["BOOK"]
    return jsonify(items=book, count=len(book)), 200


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    app = Flask(__name__)
    app.config["BOOK"] = list(reservations)
    app.register_blueprint(desk)
    return app
