# wrong: the route accepts POST too, and answers it like a GET
# expect: 405 Method Not Allowed
"""Exercise 26, wrong: any method."""

from flask import Flask


def create_app(reservations=()):
    app = Flask(__name__)
    book = list(reservations)

    @app.route("/reservations", methods=["GET", "POST", "DELETE"])
    def list_reservations():
        return {"items": book, "count": len(book)}

    return app
