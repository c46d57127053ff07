# wrong: lists a summary of each reservation (id, name, date) instead of the whole reservation
# expect: every reservation
"""Exercise 26: A first route."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    summary = [{"id": r["id"], "name": r["name"], "date": r["date"]} for r in reservations]

    @app.get("/reservations")
    def list_reservations():
        return jsonify({"items": summary, "count": len(summary)})

    return app
