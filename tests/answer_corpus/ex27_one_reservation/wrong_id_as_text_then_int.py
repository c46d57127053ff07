# wrong: takes the id as text and converts it with int(), so /reservations/+7 and /reservations/1_2 find reservations
# expect: digits only
"""Exercise 27: One reservation."""

from flask import Flask, jsonify


def problem(status, title, detail):
    response = jsonify({"type": "about:blank", "title": title, "status": status, "detail": detail})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: dict(r) for r in reservations}

    @app.get("/reservations/<reservation_id>")
    def one_reservation(reservation_id):
        try:
            wanted = int(reservation_id)
        except ValueError:
            return problem(404, "Not Found", f"There is no reservation {reservation_id}.")
        if wanted not in book:
            return problem(404, "Not Found", f"There is no reservation {wanted}.")
        return jsonify(book[wanted])

    @app.errorhandler(404)
    def not_found(error):
        return problem(404, "Not Found", "Nothing is served at this address.")

    return app
