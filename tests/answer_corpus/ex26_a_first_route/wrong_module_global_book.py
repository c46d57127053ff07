# wrong: keeps the book in a module-level list, shared by every app
# expect: every reservation the book was given
"""Exercise 26, wrong: a global book."""

from flask import Flask

BOOK: list = []


def create_app(reservations=()):
    app = Flask(__name__)
    BOOK.extend(reservations)

    @app.get("/reservations")
    def list_reservations():
        return {"items": BOOK, "count": len(BOOK)}

    return app
