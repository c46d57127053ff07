# wrong: answers 200 with an error message in the body
# expect: There is no reservation 99: the answer should be 404
"""Exercise 27, wrong: 200 for everything."""

from flask import Flask


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: r for r in reservations}

    @app.get("/reservations/<int:reservation_id>")
    def one(reservation_id):
        return book.get(reservation_id, {"error": "not found"})

    return app
