# valid: the header read with a case-insensitive regex, NotAuthenticated/NotAllowed exceptions and their handlers
import re

from flask import Flask, Response, jsonify, request

BEARER = re.compile(r"bearer ([\x21-\x7e]+)", re.IGNORECASE | re.ASCII)


class NotAuthenticated(Exception):
    pass


class NotAllowed(Exception):
    pass


def problem(status, title, detail):
    response = jsonify({"type": "about:blank", "title": title, "status": status, "detail": detail})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=(), tokens=None):
    app = Flask(__name__)
    book = {}
    for reservation in reservations:
        book[reservation["id"]] = dict(reservation)
    known = {} if tokens is None else dict(tokens)

    def role_of_caller():
        found = BEARER.fullmatch(request.headers.get("Authorization", ""))
        if found is None or found.group(1) not in known:
            raise NotAuthenticated()
        return known[found.group(1)]

    @app.errorhandler(NotAuthenticated)
    def unauthenticated(error):
        response = problem(401, "Unauthorized", "A staff bearer token is needed.")
        response.headers["WWW-Authenticate"] = 'Bearer realm="reservations"'
        return response

    @app.errorhandler(NotAllowed)
    def forbidden(error):
        return problem(403, "Forbidden", "Only a manager may cancel.")

    @app.route("/reservations")
    def reservations_list():
        role_of_caller()
        items = list(book.values())
        return jsonify({"items": items, "count": len(items)})

    @app.route("/reservations/<int:reservation_id>", methods=["DELETE"])
    def reservations_cancel(reservation_id):
        if role_of_caller() != "manager":
            raise NotAllowed()
        if reservation_id not in book:
            return problem(404, "Not Found", f"There is no reservation {reservation_id}.")
        del book[reservation_id]
        return Response(status=204)

    return app
