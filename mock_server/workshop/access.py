"""Who is asking the workshop: a team (its token) or the facilitator (the secret), for the views to require.

- a team: its token in ``X-Kata-Team-Token`` (or the ``/t/<token>`` prefix), found by ``Gate`` and left in
  the environ;
- the facilitator: the secret as ``Authorization: Bearer <secret>``, or the ``kata_facilitator`` cookie
  that ``GET /__workshop/board?key=<secret>`` sets (a value derived from the secret; then redirects, so the
  secret does not stay on a projected address bar).

Wrong guesses of the secret are counted per address (``budgets.SecretGuard``): 429 while one waits.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import current_app, request

from mock_server.contract.problems import ApiError
from mock_server.workshop import course
from mock_server.workshop.budgets import SecretGuard
from mock_server.workshop.registry import Registry, WorkshopError
from mock_server.workshop.relay import Relay
from mock_server.workshop.team_progress import Team

COOKIE = "kata_facilitator"
FACILITATOR_CHALLENGE = 'Bearer realm="workshop facilitator"'
TEAM_CHALLENGE = 'KataTeam realm="workshop", header="X-Kata-Team-Token"'


def registry() -> Registry:
    return current_app.extensions["mock_server.workshop"]


def relay() -> Relay:
    return current_app.extensions["mock_server.workshop.relay"]


def refused(error: WorkshopError) -> ApiError:
    return ApiError(error.kind, error.detail, hint=error.hint)


def team_path(team: Team) -> str:
    return f"/__workshop/teams/{quote(team.shown_name, safe='')}"


def team_or_none() -> Team | None:
    return request.environ.get("mock_server.workshop.team")


def current_team() -> Team:
    """The team whose token came with the request (401 when none or an unknown one came)."""
    team = team_or_none()
    if team is not None:
        return team
    if request.environ.get("mock_server.workshop.token") is None:
        raise ApiError(
            "unauthorized",
            "Say which team you are: this needs your team token.",
            hint="Send it in the X-Kata-Team-Token header (`kata join URL NAME` keeps it in .kata/workshop.json).",
            headers={"WWW-Authenticate": TEAM_CHALLENGE},
        )
    raise unknown_token(request.environ.get("mock_server.workshop.token"))


def unknown_token(token: str | None) -> ApiError:
    """The 401 for a token that is no team's: a removed team's says so (course), any other is unknown."""
    removed = registry().removed_as(token)
    if removed is not None:
        return ApiError(
            "unauthorized",
            course.removed_detail(*removed),
            hint=course.REMOVED_HINT,
            headers={"WWW-Authenticate": TEAM_CHALLENGE},
        )
    return ApiError(
        "unauthorized",
        "This team token is unknown to the workshop: mistyped, or another room's.",
        hint="Join again with `kata join URL TEAM-NAME`, or rejoin with the token `kata join` printed.",
        headers={"WWW-Authenticate": TEAM_CHALLENGE},
    )


def _facilitator_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def guard() -> SecretGuard:
    return registry().guesses


def is_facilitator() -> bool:
    """The secret as a bearer token, or the board's cookie (derived from it); wrong guesses are counted."""
    room = registry()
    secret, cookie = _facilitator_secret(), request.cookies.get(COOKIE)
    if secret is None and cookie is None:
        return False
    guard().check(request.remote_addr)  # 429 while this address waits after wrong guesses
    right = room.is_facilitator(secret) if secret is not None else room.is_board_pass(cookie)
    if right:
        guard().succeeded(request.remote_addr)
    elif room.by_token(secret) is None:  # a team's own token is a mistake, not a guess
        guard().failed(request.remote_addr)
    return right


def require_facilitator() -> None:
    """401 without the facilitator's secret or with a wrong one; 403 for a team's token; 429 when guessing."""
    secret = _facilitator_secret() or request.cookies.get(COOKIE)
    if is_facilitator():
        return
    if team_or_none() is not None or registry().by_token(secret) is not None:
        raise ApiError(
            "forbidden",
            "That is a team's token: this is for the facilitator only.",
            hint="Teams see their own progress with GET /__workshop/teams/<name>; the board is the facilitator's.",
        )
    detail = "This is for the facilitator: it needs the secret printed when the workshop server started."
    if secret:
        detail = "Wrong facilitator secret."
    raise ApiError(
        "unauthorized",
        detail,
        hint="Send `Authorization: Bearer <secret>`, or open /__workshop/board?key=<secret> in a browser once.",
        headers={"WWW-Authenticate": FACILITATOR_CHALLENGE},
    )
