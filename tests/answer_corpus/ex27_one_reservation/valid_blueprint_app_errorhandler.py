# valid: a blueprint whose app_errorhandler answers every 404 of the app, the book in a closure
"""Exercise 27: One reservation (a blueprint built by a factory)."""

import json

from flask import Blueprint, Flask, Response


def problem(status, title, detail):
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail})
    return Response(body, status=status, content_type="application/problem+json")


def desk(book):
    blueprint = Blueprint("desk", __name__)

    @blueprint.route("/reservations/<int:number>", methods=["GET"])
    def show(number):
        found = book.get(number)
        if found is None:
            return problem(404, "Not Found", f"No reservation has the id {number}.")
        return Response(json.dumps(found), mimetype="application/json")

    @blueprint.app_errorhandler(404)
    def nowhere(error):
        return problem(404, "Not Found", "This address serves nothing.")

    return blueprint


def create_app(reservations=()):
    app = Flask(__name__)
    app.register_blueprint(desk({r["id"]: dict(r) for r in reservations}))
    return app
