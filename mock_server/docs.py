"""Documentation: the OpenAPI document, the HTML docs page, problem type pages."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from .problems import PROBLEMS, ApiError

bp = Blueprint("docs", __name__)


@bp.get("/")
def index() -> Response:
    return Response("<!doctype html><title>Restaurant</title><h1>The restaurant</h1>", mimetype="text/html")


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify({"openapi": "3.1.0"})


@bp.get("/problems/<slug>")
def problem_page(slug: str) -> Response:
    if slug not in PROBLEMS:
        raise ApiError("not-found", f"There is no problem type {slug!r}.")
    kind = PROBLEMS[slug]
    return Response(f"<!doctype html><title>{kind.title}</title><h1>{kind.title}</h1>", mimetype="text/html")
