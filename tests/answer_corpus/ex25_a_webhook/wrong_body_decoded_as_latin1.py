# wrong: reads the body with request.data.decode("latin-1") before json.loads, so Lucía is recorded garbled
# expect: as the kitchen wrote them
import json

from flask import Flask, Response, jsonify, request


def problem(status: int, title: str, detail: str) -> Response:
    """An application/problem+json answer, in the kitchen's style."""
    response = jsonify({"title": title, "status": status, "detail": detail})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app() -> Flask:
    """A new Flask app with POST /webhooks/order-ready, recording notifications in app.config["NOTIFICATIONS"]."""
    app = Flask(__name__)
    app.config["NOTIFICATIONS"] = []

    @app.post("/webhooks/order-ready")
    def order_ready() -> Response:
        try:
            note = json.loads(request.data.decode("latin-1"))
        except ValueError:
            note = None
        if not isinstance(note, dict):
            return problem(400, "Bad request", "The body must be a JSON object.")
        order_id = note.get("order_id")
        if note.get("event") != "order.ready":
            return problem(422, "Invalid notification", "event must be 'order.ready'.")
        if isinstance(order_id, bool) or not isinstance(order_id, int) or order_id < 1:
            return problem(422, "Invalid notification", "order_id must be a whole number of at least 1.")
        if note.get("status") != "ready":
            return problem(422, "Invalid notification", "status must be 'ready'.")
        notifications = app.config["NOTIFICATIONS"]
        if all(known["order_id"] != order_id for known in notifications):
            notifications.append(note)
        return Response(status=204)

    return app
