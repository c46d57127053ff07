"""The facilitator's board: the page (``/__workshop/board``) and the data it polls (``/__workshop/progress``)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, redirect, request
from werkzeug.wrappers import Response as BaseResponse

from mock_server.contract.declare import query
from mock_server.contract.documented import ok
from mock_server.contract.problems import ApiError
from mock_server.workshop import board as board_page
from mock_server.workshop.access import COOKIE, FACILITATOR_CHALLENGE, guard, registry, require_facilitator
from mock_server.workshop.models import FACILITATOR, FACILITATOR_HEADERS, html, route

bp = Blueprint("workshop_board", __name__)


@route(
    bp,
    "GET",
    "/__workshop/progress",
    "getProgress",
    "The board's data: teams by exercises (facilitator)",
    {"200": ok("Board", "The room now.")},
    security=FACILITATOR,
    example={"path": "/__workshop/progress", "headers": FACILITATOR_HEADERS},
)
def progress() -> Response:
    require_facilitator()
    response = Response(feed(registry().board()), mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


def feed(data: dict) -> str:
    """The board's data as JSON, a team at a time: with 2000 learners it is 1.4 MB, and one ``json.dumps`` of it
    would hold the interpreter for tens of milliseconds, while reports wait (bench/README.md, learners at home)."""
    rows = ",".join(json.dumps(team, ensure_ascii=False, separators=(",", ":")) for team in data["teams"])
    rest = json.dumps({**data, "teams": []}, ensure_ascii=False, separators=(",", ":"))
    return rest.replace('"teams":[]', '"teams":[' + rows + "]", 1)


@route(
    bp,
    "GET",
    "/__workshop/board",
    "getBoard",
    "The facilitator's live board (HTML; open /__workshop/board?key=SECRET once)",
    {
        "200": html("The board."),
        "303": {"description": "Right key: the cookie is set, on to the board without ?key= in the address."},
    },
    params=[
        query("key", {"type": "string"}, "The facilitator secret, once: it becomes a cookie."),
        query(
            "poll",
            {"type": "string", "maxLength": 20, "examples": ["250"]},
            "Milliseconds between the page's polls, 200 to 10000 (anything else: the default), for a demo. "
            "Read by the page's script.",
        ),
    ],
    security=FACILITATOR,
    example={"path": "/__workshop/board", "headers": FACILITATOR_HEADERS},
)
def board(query: dict) -> BaseResponse:
    key = query.get("key")
    room = registry()
    if key is not None:
        guard().check(request.remote_addr)
        if not room.is_facilitator(key):
            guard().failed(request.remote_addr)
            raise ApiError(
                "unauthorized",
                "Wrong facilitator secret in ?key=.",
                hint="Copy the board address printed when the workshop server started.",
                headers={"WWW-Authenticate": FACILITATOR_CHALLENGE},
            )
        response = redirect(request.script_root + "/__workshop/board", code=303)
        guard().succeeded(request.remote_addr)
        response.set_cookie(COOKIE, room.board_pass, httponly=True, samesite="Strict", path="/__workshop")
        return response
    require_facilitator()
    page = board_page.render(room.stuck_after, room.join_code, board_page.join_url(request.host_url))
    response = Response(page, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response
