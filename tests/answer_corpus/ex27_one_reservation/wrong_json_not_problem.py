# wrong: answers the 404 with application/json instead of application/problem+json
# expect: an error should be sent as a problem (RFC 9457)
"""Exercise 27, wrong: plain JSON errors."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: r for r in reservations}

    @app.get("/reservations/<int:reservation_id>")
    def one(reservation_id):
        if reservation_id not in book:
            return jsonify({"title": "Not Found", "status": 404, "detail": f"No reservation {reservation_id}."}), 404
        return jsonify(book[reservation_id])

    @app.errorhandler(404)
    def not_found(error):
        return jsonify({"title": "Not Found", "status": 404, "detail": "Nothing here."}), 404

    return app
