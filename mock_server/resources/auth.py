"""Who you are: HTTP Basic for a bearer token, then Bearer on protected routes.

Demo guests (see ``data.GUESTS``): ada/lovelace, grace/hopper, alan/turing.
401 (with WWW-Authenticate) when credentials are missing, wrong or expired;
403 when the token is fine but the resource belongs to another guest.
"""

from __future__ import annotations

import hmac
import secrets
from decimal import Decimal

from flask import Blueprint, Response, current_app, jsonify, request

from mock_server.contract.declare import endpoint, path_param
from mock_server.contract.documented import ok, use
from mock_server.contract.problems import ApiError
from mock_server.contract.schema import ID, MONEY, integer, model, obj
from mock_server.state.caps import LIMITS
from mock_server.state.data import GUESTS
from mock_server.state.store import current_state

bp = Blueprint("auth", __name__)

REALM = "restaurant"
BEARER: list[dict] = [{"bearerAuth": []}]

model(
    "Token",
    obj(
        {
            "access_token": {"type": "string"},
            "token_type": {"const": "Bearer"},
            "expires_in": integer(1, description="Seconds the token stays valid."),
        }
    ),
)
model("Me", obj({"username": {"type": "string"}, "name": {"type": "string"}}))
model(
    "Bill",
    obj(
        {
            "username": {"type": "string"},
            "orders": {"type": "array", "items": ID},
            "total": MONEY,
            "paid": MONEY,
            "due": MONEY,
        }
    ),
)


def _unauthorized(detail: str, challenge: str, hint: str | None = None) -> ApiError:
    return ApiError("unauthorized", detail, hint=hint, headers={"WWW-Authenticate": challenge})


def _basic_challenge() -> str:
    return f'Basic realm="{REALM}", charset="UTF-8"'


def _bearer_challenge(error: str | None = None, description: str | None = None) -> str:
    challenge = f'Bearer realm="{REALM}"'
    if error:
        challenge += f', error="{error}", error_description="{description}"'
    return challenge


@endpoint(
    bp,
    "POST",
    "/auth/token",
    "createToken",
    "Guests",
    "Trade a username and password (HTTP Basic) for a bearer token",
    {"200": ok("Token", "A token; send it as `Authorization: Bearer <token>`.")},
    description=f"Demo guests: {', '.join(f'{name}/{password}' for name, (password, _) in GUESTS.items())}. "
    f"A kitchen keeps at most {LIMITS['tokens']} live tokens: past that, the oldest is forgotten.",
    security=[{"basicAuth": []}],
    example={"path": "/auth/token", "auth": "basic"},
)
def issue_token() -> Response:
    credentials = request.authorization
    if credentials is None or credentials.type != "basic":
        raise _unauthorized(
            "Send your username and password with HTTP Basic authentication.",
            _basic_challenge(),
            hint="requests does HTTP Basic for you: `requests.post(url, auth=('ada', 'lovelace'))`.",
        )
    username, password = credentials.username or "", credentials.password or ""
    expected = GUESTS.get(username, (None,))[0]
    if expected is None or not hmac.compare_digest(expected.encode(), password.encode()):
        raise _unauthorized(
            "Unknown username or wrong password.",
            _basic_challenge(),
            hint="The demo guests are ada/lovelace, grace/hopper and alan/turing (see the docs at /).",
        )
    lifetime = int(current_app.config["TOKEN_SECONDS"])
    token = secrets.token_urlsafe(24)
    state = current_state()
    with state.lock:
        now = state.clock.now()
        for old in [old for old, grant in state.tokens.items() if grant["expires"] <= now]:
            del state.tokens[old]  # expired: forgotten
        while len(state.tokens) >= LIMITS["tokens"]:
            del state.tokens[next(iter(state.tokens))]  # the oldest live token makes room
        state.tokens[token] = {"username": username, "expires": now + lifetime}
    response = jsonify({"access_token": token, "token_type": "Bearer", "expires_in": lifetime})
    response.headers["Cache-Control"] = "no-store"
    return response


def optional_guest() -> str | None:
    """The guest behind the bearer token, or None without an Authorization header (a bad one is a 401)."""
    return current_guest() if request.headers.get("Authorization") else None


def current_guest() -> str:
    """The username behind the request's bearer token (401 if it is missing, bad or expired)."""
    header = request.headers.get("Authorization")
    if not header:
        raise _unauthorized("This endpoint needs a bearer token.", _bearer_challenge())
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized(
            f"The Authorization header must look like 'Bearer <token>', not {scheme!r}.",
            _bearer_challenge("invalid_request", "Use the Bearer scheme"),
            hint="Send `headers={'Authorization': f'Bearer {token}'}` with the access_token from POST /auth/token.",
        )
    state = current_state()
    with state.lock:
        grant = state.tokens.get(token.strip())
        now = state.clock.now()
    if grant is None:
        raise _unauthorized(
            "This token is unknown: mistyped, or issued before the kitchen was reset.",
            _bearer_challenge("invalid_token", "The access token is unknown"),
        )
    if now >= grant["expires"]:
        raise _unauthorized(
            "This token has expired.",
            _bearer_challenge("invalid_token", "The access token expired"),
            hint="Tokens last `expires_in` seconds. Ask POST /auth/token for a fresh one.",
        )
    return grant["username"]


@endpoint(
    bp,
    "GET",
    "/me",
    "getMe",
    "Guests",
    "Who am I? (bearer token)",
    {"200": ok("Me")},
    security=BEARER,
    example={"path": "/me", "auth": "bearer"},
)
def me() -> Response:
    username = current_guest()
    return jsonify({"username": username, "name": GUESTS[username][1]})


@endpoint(
    bp,
    "GET",
    "/guests/{username}/bill",
    "getBill",
    "Guests",
    "A guest's bill: only your own (403 for anyone else's)",
    {"200": ok("Bill"), "403": use("Forbidden")},
    params=[path_param("username", "A guest's username, e.g. ada.", {"type": "string"})],
    security=BEARER,
    example={"path": "/guests/ada/bill", "auth": "bearer"},
)
def bill(username: str) -> Response:
    guest = current_guest()
    if username != guest:
        raise ApiError(
            "forbidden",
            f"You are signed in as {guest!r}; the bill of {username!r} is not yours to see.",
            hint=f"Ask for your own: GET /guests/{guest}/bill.",
        )
    state = current_state()
    with state.lock:
        orders = [order for order in state.orders.values() if order["guest"] == guest]
        ids = {order["id"] for order in orders}
        total = sum((Decimal(str(order["total"])) for order in orders), Decimal(0))
        paid = sum(
            (Decimal(str(payment["amount"])) for payment in state.payments.values() if payment["order_id"] in ids),
            Decimal(0),
        )
    return jsonify(
        {
            "username": guest,
            "orders": sorted(ids),
            "total": float(total),
            "paid": float(paid),
            "due": float(max(total - paid, Decimal(0))),
        }
    )
