# wrong: reads `reservations` in the view, at each request: a generator is empty from the second request on
# expect: generator
"""Exercise 26: A first route."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)

    @app.get("/reservations")
    def list_reservations():
        items = [dict(reservation) for reservation in reservations]
        return jsonify({"items": items, "count": len(items)})

    return app
