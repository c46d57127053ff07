# wrong: a problem for an unknown id, but Flask's own 404 (an unknown address) stays an HTML page
# expect: Content-Type: text/html
"""Exercise 27, wrong: no error handler."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: r for r in reservations}

    @app.get("/reservations/<int:reservation_id>")
    def one(reservation_id):
        if reservation_id not in book:
            response = jsonify({"title": "Not Found", "status": 404, "detail": f"No reservation {reservation_id}."})
            response.status_code = 404
            response.mimetype = "application/problem+json"
            return response
        return jsonify(book[reservation_id])

    return app
