# valid: a class-based MethodView registered with add_url_rule, the book in app.config
"""Exercise 26: A first route (a MethodView)."""

from flask import Flask, current_app
from flask.views import MethodView


class Reservations(MethodView):
    def get(self):
        book = current_app.config["BOOK"]
        return {"items": book, "count": len(book)}


def create_app(reservations=()):
    app = Flask(__name__)
    app.config["BOOK"] = [dict(r) for r in reservations]
    app.add_url_rule("/reservations", view_func=Reservations.as_view("reservations"))
    return app
