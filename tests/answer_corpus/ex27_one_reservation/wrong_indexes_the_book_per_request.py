# wrong: builds the id index from `reservations` at each request: a generator is empty the second time
# expect: A generator can be read only once
"""Exercise 27: One reservation."""

from flask import Flask, jsonify


def problem(status, title, detail):
    response = jsonify({"type": "about:blank", "title": title, "status": status, "detail": detail})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)

    @app.get("/reservations/<int:reservation_id>")
    def one_reservation(reservation_id):
        by_id = {r["id"]: r for r in reservations}
        if reservation_id not in by_id:
            return problem(404, "Not Found", f"There is no reservation {reservation_id}.")
        return jsonify(by_id[reservation_id])

    @app.errorhandler(404)
    def not_found(error):
        return problem(404, "Not Found", "Nothing is served at this address.")

    return app
