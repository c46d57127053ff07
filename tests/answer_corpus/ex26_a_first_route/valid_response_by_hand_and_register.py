# valid: a register() helper adds the route, the answer a flask.Response written with json.dumps and its mimetype
import json
from typing import Iterable

from flask import Flask, Response


def register(app: Flask, book: list) -> None:
    @app.route("/reservations", methods=["GET"])
    def reservations() -> Response:
        return Response(json.dumps({"items": book, "count": len(book)}), status=200, mimetype="application/json")


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    app = Flask(__name__)
    register(app, list(map(dict, reservations)))
    return app
