# wrong: lower-cases the token along with the scheme, to be forgiving, so 9F8E7D6C is let in as 9f8e7d6c
# expect: 401
"""Exercise 30: Staff only."""

import hmac
from typing import Any, Iterable

from flask import Flask, Response, jsonify, request


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """An application/problem+json answer (RFC 9457); `extra` members go into the body."""
    response = jsonify({"type": "about:blank", "title": title, "status": status, "detail": detail, **extra})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations: Iterable[dict] = (), tokens: dict[str, str] | None = None) -> Flask:
    """A new Flask app: GET /reservations for the staff, DELETE /reservations/<id> for managers (401 / 403)."""
    app = Flask(__name__)
    book = {reservation["id"]: dict(reservation) for reservation in reservations}
    staff = dict(tokens or {})

    def role() -> str | None:
        """The role of the request's bearer token, or None."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        for known, owner in staff.items():
            if hmac.compare_digest(known.lower().encode(), token.strip().lower().encode()):
                return owner
        return None

    def who_are_you() -> Response:
        response = problem(401, "Unauthorized", "Send a staff token: Authorization: Bearer <token>.")
        response.headers["WWW-Authenticate"] = 'Bearer realm="reservations"'
        return response

    @app.get("/reservations")
    def list_reservations() -> Response:
        if role() is None:
            return who_are_you()
        items = list(book.values())
        return jsonify({"items": items, "count": len(items)})

    @app.delete("/reservations/<int:reservation_id>")
    def cancel_reservation(reservation_id: int) -> Response:
        owner = role()
        if owner is None:
            return who_are_you()
        if owner != "manager":
            return problem(403, "Forbidden", "Only a manager may cancel a reservation.")
        if reservation_id not in book:
            return problem(404, "Not Found", f"There is no reservation {reservation_id}.")
        del book[reservation_id]
        return Response(status=204)

    return app
