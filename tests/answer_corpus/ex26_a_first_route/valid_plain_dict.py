# valid: a plain app, returning a dict with the status
"""Exercise 26: A first route (a dict and a status)."""

from flask import Flask


def create_app(reservations=()):
    app = Flask(__name__)
    book = [*reservations]

    @app.get("/reservations")
    def everything():
        return {"count": len(book), "items": book, "desk": "reservations"}, 200

    return app
