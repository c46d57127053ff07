# wrong: one book at module level, shared by every app
# expect: another app's does
"""Exercise 27, wrong: a global book."""

from flask import Flask, jsonify

BOOK: dict = {}


def problem(detail):
    response = jsonify({"title": "Not Found", "status": 404, "detail": detail})
    response.status_code = 404
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    BOOK.update({r["id"]: r for r in reservations})

    @app.get("/reservations/<int:reservation_id>")
    def one(reservation_id):
        if reservation_id not in BOOK:
            return problem(f"No reservation {reservation_id}.")
        return jsonify(BOOK[reservation_id])

    @app.errorhandler(404)
    def not_found(error):
        return problem("Nothing here.")

    return app
