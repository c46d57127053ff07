# valid: a plain app and a decorator of its own that lets in the roles it is given
"""Exercise 30: Staff only (a decorator per route)."""

import functools

from flask import Flask, request

PROBLEM = "application/problem+json"


def create_app(reservations=(), tokens=None):
    app = Flask(__name__)
    book = [dict(r) for r in reservations]
    known = dict(tokens or {})

    def staff_only(*roles):
        def wrap(view):
            @functools.wraps(view)
            def guarded(**kwargs):
                scheme, _, token = request.headers.get("Authorization", "").partition(" ")
                role = known.get(token) if scheme.casefold() == "bearer" else None
                if role is None:
                    body = {"title": "Who are you?", "status": 401, "detail": "Bearer token missing or unknown."}
                    return (
                        body,
                        401,
                        {"Content-Type": PROBLEM, "WWW-Authenticate": 'Bearer realm="desk", charset="UTF-8"'},
                    )
                if role not in roles:
                    body = {"title": "Not for you", "status": 403, "detail": f"A {role} may not do this."}
                    return body, 403, {"Content-Type": PROBLEM}
                return view(**kwargs)

            return guarded

        return wrap

    @app.get("/reservations")
    @staff_only("waiter", "manager")
    def listing():
        return {"items": book, "count": len(book)}

    @app.delete("/reservations/<int:rid>")
    @staff_only("manager")
    def cancel(rid):
        for reservation in book:
            if reservation["id"] == rid:
                book.remove(reservation)
                return "", 204
        return {"title": "Not found", "status": 404, "detail": f"No reservation {rid}."}, 404, {"Content-Type": PROBLEM}

    return app
