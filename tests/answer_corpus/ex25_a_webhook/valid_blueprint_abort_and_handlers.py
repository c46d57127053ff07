# valid: a blueprint, abort() for every refusal, and app error handlers for 400 and 422 that answer problems
from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import abort

webhooks = Blueprint("webhooks", __name__)


@webhooks.post("/webhooks/order-ready")
def order_ready():
    note = request.get_json(silent=True)
    if not isinstance(note, dict):
        abort(400, "The body must be a JSON object.")
    if note.get("event") != "order.ready":
        abort(422, "event must be 'order.ready'.")
    order_id = note.get("order_id")
    if not isinstance(order_id, int) or isinstance(order_id, bool) or order_id <= 0:
        abort(422, "order_id must be a positive whole number.")
    if note.get("status") != "ready":
        abort(422, "status must be 'ready'.")
    seen = current_app.config["NOTIFICATIONS"]
    if not any(known["order_id"] == order_id for known in seen):
        seen.append(note)
    return "", 204


def as_problem(error):
    response = jsonify(title=error.name, status=error.code, detail=error.description)
    response.status_code = error.code
    response.content_type = "application/problem+json"
    return response


def create_app():
    app = Flask(__name__)
    app.config["NOTIFICATIONS"] = []
    app.register_blueprint(webhooks)
    app.register_error_handler(400, as_problem)
    app.register_error_handler(422, as_problem)
    return app
