# wrong: the 404 problem does not say which reservation was not found
# expect: should name the id that was not found
"""Exercise 27, wrong: a vague detail."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: r for r in reservations}

    @app.get("/reservations/<int:reservation_id>")
    def one(reservation_id):
        if reservation_id in book:
            return jsonify(book[reservation_id])
        return not_found(None)

    @app.errorhandler(404)
    def not_found(error):
        response = jsonify({"title": "Not Found", "status": 404, "detail": "Not found."})
        response.status_code = 404
        response.mimetype = "application/problem+json"
        return response

    return app
