# valid: a find-or-raise helper with an exception of its own, app.errorhandler for it and for every other 404
from flask import Flask, jsonify


class NoSuchReservation(Exception):
    def __init__(self, reservation_id):
        super().__init__(f"There is no reservation {reservation_id}.")
        self.reservation_id = reservation_id


def as_problem(status, title, detail):
    response = jsonify(title=title, status=status, detail=detail)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    by_id = {}
    for reservation in reservations:
        by_id[reservation["id"]] = dict(reservation)

    def find(reservation_id):
        if reservation_id not in by_id:
            raise NoSuchReservation(reservation_id)
        return by_id[reservation_id]

    @app.route("/reservations/<int:reservation_id>")
    def show(reservation_id):
        return jsonify(find(reservation_id))

    @app.errorhandler(NoSuchReservation)
    def missing(error):
        return as_problem(404, "Not Found", str(error))

    @app.errorhandler(404)
    def nowhere(error):
        return as_problem(404, "Not Found", f"Nothing is served at this address ({error.description})")

    return app
