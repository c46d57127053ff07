# wrong: looks the reservation up with next() over the list and no default, so an unknown id is a 500
# expect: raised StopIteration
"""Exercise 27: One reservation."""

from flask import Flask, jsonify


def problem(status, title, detail):
    response = jsonify({"title": title, "status": status, "detail": detail})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    book = [dict(r) for r in reservations]

    @app.get("/reservations/<int:reservation_id>")
    def one_reservation(reservation_id):
        return jsonify(next(r for r in book if r["id"] == reservation_id))

    @app.errorhandler(404)
    def not_found(error):
        return problem(404, "Not Found", "Nothing is served at this address.")

    return app
