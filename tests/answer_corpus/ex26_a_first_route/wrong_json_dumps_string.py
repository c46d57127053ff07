# wrong: returns a string made with json.dumps, which Flask sends as text/html
# expect: Content-Type of the answer to GET /reservations is not application/json
"""Exercise 26, wrong: json.dumps."""

import json

from flask import Flask


def create_app(reservations=()):
    app = Flask(__name__)
    book = list(reservations)

    @app.get("/reservations")
    def list_reservations():
        return json.dumps({"items": book, "count": len(book)})

    return app
