# valid: a set of seen order ids next to the list, a view registered with add_url_rule, the problem built by hand
"""Exercise 25: A webhook."""

import json

from flask import Flask, Response, request


def problem(status: int, detail: str) -> Response:
    body = {"type": "about:blank", "title": "Invalid notification", "status": status, "detail": detail}
    return Response(json.dumps(body), status=status, content_type="application/problem+json")


def create_app() -> Flask:
    """A new Flask app with POST /webhooks/order-ready, recording notifications in app.config["NOTIFICATIONS"]."""
    app = Flask(__name__)
    app.config["NOTIFICATIONS"] = []
    seen: set[int] = set()

    def order_ready() -> Response:
        try:
            note = json.loads(request.get_data(as_text=True))
        except ValueError:
            return problem(400, "The body is not JSON.")
        if type(note) is not dict:
            return problem(400, "The body must be a JSON object.")
        for field, ok in (
            ("event", note.get("event") == "order.ready"),
            ("order_id", type(note.get("order_id")) is int and note["order_id"] >= 1),
            ("status", note.get("status") == "ready"),
        ):
            if not ok:
                return problem(422, f"The field {field} is wrong.")
        if note["order_id"] not in seen:
            seen.add(note["order_id"])
            app.config["NOTIFICATIONS"].append(note)
        return Response(status=204)

    app.add_url_rule("/webhooks/order-ready", view_func=order_ready, methods=["POST"])
    return app
