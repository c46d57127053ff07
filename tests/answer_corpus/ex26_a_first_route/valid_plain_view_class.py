# valid: a flask.views.View subclass with dispatch_request and methods = ("GET",), the book given to as_view
from flask import Flask, jsonify
from flask.views import View


class ListReservations(View):
    methods = ("GET",)

    def __init__(self, book):
        self.book = book

    def dispatch_request(self):
        return jsonify(items=self.book, count=len(self.book))


def create_app(reservations=()):
    app = Flask(__name__)
    book = []
    for reservation in reservations:
        book.append(dict(reservation))
    app.add_url_rule("/reservations", view_func=ListReservations.as_view("reservations", book))
    return app
