# wrong: create_app builds the app but forgets to return it
# expect: end by returning the app it built
"""Exercise 26, wrong: no return."""

from flask import Flask


def create_app(reservations=()):
    app = Flask(__name__)
    book = list(reservations)

    @app.get("/reservations")
    def list_reservations():
        return {"items": book, "count": len(book)}
