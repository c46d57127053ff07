# wrong: the problem's status is the text "404", not the number
# expect: The problem's status is missing or wrong
"""Exercise 27, wrong: status as text."""

from flask import Flask, jsonify


def problem(detail):
    response = jsonify({"title": "Not Found", "status": "404", "detail": detail})
    response.status_code = 404
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: r for r in reservations}

    @app.get("/reservations/<int:reservation_id>")
    def one(reservation_id):
        if reservation_id not in book:
            return problem(f"No reservation {reservation_id}.")
        return jsonify(book[reservation_id])

    @app.errorhandler(404)
    def not_found(error):
        return problem("Nothing here.")

    return app
