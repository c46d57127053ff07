"""Is the restaurant open? `/health`: 200 while open; a closed restaurant is answered 503 around every request."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from mock_server.contract.declare import endpoint
from mock_server.contract.documented import ok
from mock_server.contract.schema import model, obj

bp = Blueprint("health", __name__)

model("Health", obj({"status": {"const": "open"}}))


@endpoint(
    bp,
    "GET",
    "/health",
    "getHealth",
    "Menu",
    "Is the restaurant open?",
    {"200": ok("Health", "Open.")},
    description="503 with Retry-After while the restaurant is closed (POST /__admin/state).",
    example={"path": "/health"},
)
def health() -> Response:
    # A closed restaurant is answered by hooks.before_request with a 503.
    return jsonify({"status": "open"})
