# valid: a MethodView registered with add_url_rule, the body parsed with json.loads(request.get_data()), a checks table
import json

from flask import Flask, Response, request
from flask.views import MethodView

CHECKS = (
    ("event", lambda value: value == "order.ready", "event must be 'order.ready'."),
    (
        "order_id",
        lambda value: type(value) is int and value >= 1,
        "order_id must be a whole number of at least 1.",
    ),
    ("status", lambda value: value == "ready", "status must be 'ready'."),
)


def problem(status, title, detail):
    body = json.dumps({"title": title, "status": status, "detail": detail})
    return Response(body, status=status, mimetype="application/problem+json")


class OrderReady(MethodView):
    def __init__(self, notifications):
        self.notifications = notifications

    def post(self):
        try:
            note = json.loads(request.get_data())
        except ValueError:
            note = None
        if not isinstance(note, dict):
            return problem(400, "Bad request", "The body must be a JSON object.")
        for name, good, detail in CHECKS:
            if not good(note.get(name)):
                return problem(422, "Invalid notification", detail)
        if note["order_id"] not in [known["order_id"] for known in self.notifications]:
            self.notifications.append(note)
        return Response(status=204)


def create_app():
    app = Flask(__name__)
    app.config["NOTIFICATIONS"] = []
    view = OrderReady.as_view("order_ready", app.config["NOTIFICATIONS"])
    app.add_url_rule("/webhooks/order-ready", view_func=view)
    return app
