"""Small, fast JSON responses (the hot paths skip jsonify's per-call encoder setup)."""

from __future__ import annotations

import json
from typing import Any

from flask import Response

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """``body`` as compact UTF-8 JSON, like jsonify's output."""
    text = _ENCODER.encode(body) + "\n"
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: write it as its JSON escape (still the same JSON)
        data = (json.dumps(body, separators=(",", ":")) + "\n").encode("ascii")
    return Response(data, status=status, headers=headers, mimetype="application/json")


def created(body: dict, location: str) -> Response:
    """201 Created with the new resource and its Location."""
    return json_response(body, 201, {"Location": location})
