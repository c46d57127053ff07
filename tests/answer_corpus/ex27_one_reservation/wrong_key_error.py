# wrong: never checks that the id is in the book, so an unknown id crashes the view (a 500)
# expect: While answering GET /reservations/99, your app raised KeyError
"""Exercise 27, wrong: no 404."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: r for r in reservations}

    @app.get("/reservations/<int:reservation_id>")
    def one(reservation_id):
        return jsonify(book[reservation_id])

    return app
