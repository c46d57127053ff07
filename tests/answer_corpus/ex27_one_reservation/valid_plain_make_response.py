# valid: a plain app, dict returned with status and headers, a next() search
"""Exercise 27: One reservation (tuples of body, status, headers)."""

from flask import Flask

PROBLEM = {"Content-Type": "application/problem+json"}


def create_app(reservations=()):
    app = Flask(__name__)
    book = list(reservations)

    @app.route("/reservations/<int:rid>")
    def reservation(rid):
        found = next((r for r in book if r["id"] == rid), None)
        if found is None:
            return {"title": "No such reservation", "status": 404, "detail": f"id {rid} is unknown"}, 404, PROBLEM
        return found

    @app.errorhandler(404)
    def unknown(error):
        return {"title": "Not Found", "status": 404, "detail": "No such address."}, 404, PROBLEM

    return app
