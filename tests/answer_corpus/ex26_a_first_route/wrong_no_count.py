# wrong: forgets the count
# expect: count should be the number of reservations
"""Exercise 26, wrong: no count."""

from flask import Flask


def create_app(reservations=()):
    app = Flask(__name__)
    book = list(reservations)

    @app.get("/reservations")
    def list_reservations():
        return {"items": book}

    return app
