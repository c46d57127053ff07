# wrong: the 404 error handler returns a plain dict, which Flask sends with status 200
# expect: should be 404
"""Exercise 27: One reservation."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: dict(r) for r in reservations}

    @app.get("/reservations/<int:reservation_id>")
    def one_reservation(reservation_id):
        if reservation_id not in book:
            response = jsonify(title="Not Found", status=404, detail=f"There is no reservation {reservation_id}.")
            response.status_code = 404
            response.mimetype = "application/problem+json"
            return response
        return jsonify(book[reservation_id])

    @app.errorhandler(404)
    def not_found(error):
        return {"title": "Not Found", "status": 404, "detail": "Nothing is served at this address."}

    return app
