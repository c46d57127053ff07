# wrong: the factory needs its reservations: create_app() with none cannot build an app
# expect: The tests call create_app(), but create_app cannot be called so
"""Exercise 26, wrong: no default."""

from flask import Flask


def create_app(reservations):
    app = Flask(__name__)
    book = list(reservations)

    @app.get("/reservations")
    def list_reservations():
        return {"items": book, "count": len(book)}

    return app
