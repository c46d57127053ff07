# wrong: wraps the reservation in an envelope, {"reservation": {...}}, instead of answering the reservation itself
# expect: every field of it
"""Exercise 27: One reservation."""

from flask import Flask, jsonify


def problem(status, title, detail):
    response = jsonify({"title": title, "status": status, "detail": detail})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: dict(r) for r in reservations}

    @app.get("/reservations/<int:reservation_id>")
    def one_reservation(reservation_id):
        if reservation_id not in book:
            return problem(404, "Not Found", f"There is no reservation {reservation_id}.")
        return jsonify({"reservation": book[reservation_id]})

    @app.errorhandler(404)
    def not_found(error):
        return problem(404, "Not Found", "Nothing is served at this address.")

    return app
