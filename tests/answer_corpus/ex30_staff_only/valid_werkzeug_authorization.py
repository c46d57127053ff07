# valid: werkzeug's parsed request.authorization (its type and token), a dict lookup for the role, a before_request hook
from flask import Flask, g, jsonify, request


def problem(status, title, detail, headers=None):
    response = jsonify(title=title, status=status, detail=detail)
    response.status_code = status
    response.mimetype = "application/problem+json"
    response.headers.extend(headers or {})
    return response


def create_app(reservations=(), tokens=None):
    app = Flask(__name__)
    book = {r["id"]: dict(r) for r in reservations}
    roles = dict(tokens or {})

    @app.before_request
    def who_is_asking():
        credentials = request.authorization
        g.role = None
        if credentials is not None and credentials.type == "bearer" and credentials.token:
            g.role = roles.get(credentials.token)
        if g.role is None:
            return problem(
                401,
                "Unauthorized",
                "Show a staff token (Authorization: Bearer ...).",
                {"WWW-Authenticate": 'Bearer realm="reservations"'},
            )
        return None

    @app.get("/reservations")
    def listing():
        return jsonify(items=list(book.values()), count=len(book))

    @app.delete("/reservations/<int:reservation_id>")
    def cancel(reservation_id):
        if g.role != "manager":
            return problem(403, "Forbidden", "Cancelling is for managers.")
        if reservation_id not in book:
            return problem(404, "Not Found", f"No reservation {reservation_id}.")
        book.pop(reservation_id)
        return "", 204

    return app
