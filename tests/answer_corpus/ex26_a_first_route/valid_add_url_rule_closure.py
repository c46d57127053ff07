# valid: a plain function registered with app.add_url_rule, answering with make_response and a status tuple
"""Exercise 26: A first route (add_url_rule)."""

import json

from flask import Flask, make_response


def create_app(reservations=()):
    app = Flask(__name__)
    items = list(reservations)

    def everything():
        response = make_response(json.dumps({"items": items, "count": len(items)}, ensure_ascii=False), 200)
        response.headers["Content-Type"] = "application/json; charset=utf-8"
        return response

    app.add_url_rule("/reservations", "everything", everything, methods=["GET"])
    return app
