"""The workshop's part of the OpenAPI document: served only by a workshop server (``spec.document()``).

Plain data, like ``mock_server.docs.openapi``, which imports this module (so this one
imports nothing from it). The examples' placeholders (``TEAM-TOKEN``,
``FACILITATOR-SECRET``) are for a reader to replace; the tests replay them
with real values.
"""

from __future__ import annotations

from typing import Any

from mock_server.workshop import course_doc, notepad_doc
from mock_server.workshop.names import MAX_LENGTH as MAX_NAME
from mock_server.workshop.registry import EXERCISE_PATTERN, KITCHENS, MAX_EXERCISES, NAME_PATTERN, STATUSES

TAG = {
    "name": "Workshop",
    "description": "One shared kitchen for a room of pairs. A team joins and gets a token; its requests carry it "
    "in the X-Kata-Team-Token header, or in the path: /t/<token>/menu is /menu in the team's own kitchen "
    "(tables, orders, payments, journal, faults, clock and rate budget of its own; /__admin/ acts on it alone). "
    "Without a token, everything but the docs answers 401. The facilitator's endpoints need the secret printed "
    "at start, as a bearer token (or the cookie the board sets).",
}

TEAM: list[dict] = [{"teamToken": []}]
FACILITATOR: list[dict] = [{"facilitatorSecret": []}, {"facilitatorCookie": []}]
SECURITY_SCHEMES = {
    "teamToken": {
        "type": "apiKey",
        "in": "header",
        "name": "X-Kata-Team-Token",
        "description": "From POST /__workshop/teams.",
    },
    "facilitatorSecret": {"type": "http", "scheme": "bearer", "description": "The secret printed at start."},
    "facilitatorCookie": {
        "type": "apiKey",
        "in": "cookie",
        "name": "kata_facilitator",
        "description": "Set by the board.",
    },
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _use(name: str) -> dict:
    return {"$ref": f"#/components/responses/{name}"}


def _json(schema: dict, description: str, **headers: dict) -> dict:
    response: dict[str, Any] = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        response["headers"] = headers
    return response


STATUS = {"type": "string", "enum": list(STATUSES)}
EXERCISE_NAME = {"type": "string", "pattern": EXERCISE_PATTERN, "examples": ["ex03_is_it_open"]}
SECONDS = {"type": "number", "description": "Seconds since 1970 (UTC) on the server."}

SUMMARY_FIELDS = {
    "id": {"type": "integer", "minimum": 1, "description": "Removes a team whose name nobody can type."},
    "name": {"type": "string"},
    "done": {"type": "integer", "minimum": 0},
    "total": {"type": "integer", "minimum": 0},
    "current": {"oneOf": [EXERCISE_NAME, {"type": "null"}], "description": "First exercise not done."},
    "current_status": {"oneOf": [STATUS, {"type": "null"}]},
    "stuck": {"type": "boolean", "description": "On the current exercise for stuck_after seconds or more."},
    "on_current_for": {"type": "number", "minimum": 0},
    "idle": {"type": "boolean", "description": "No test run for idle_after seconds: shown, never removed."},
    "idle_for": {"type": "number", "minimum": 0, "description": "Seconds since its last run (or its join)."},
    "joined_at": SECONDS,
    "last_report_at": {"oneOf": [SECONDS, {"type": "null"}]},
    "reports": {"type": "integer", "minimum": 0},
    "kitchen": {
        "oneOf": [{"type": "string", "enum": list(KITCHENS)}, {"type": "null"}],
        "description": "Where the last reported run's kitchen was: room (here), local (the team's laptop), null: "
        "not said.",
    },
}


def _closed(required: dict, optional: dict | None = None, **extra: Any) -> dict:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
        "additionalProperties": False,
        **extra,
    }


SCHEMAS: dict[str, dict] = {
    "TeamInput": _closed(
        {
            "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_NAME,
                "pattern": NAME_PATTERN,
                "description": "Shown on the board. Normalized (NFKC, surrounding space); no control, invisible "
                "or bidi-override characters; the same as a team's name but for case or such characters: 409.",
                "examples": ["Ada & Grace"],
            },
            "code": {
                "type": "string",
                "minLength": 1,
                "maxLength": 64,
                "description": "The join code the facilitator hands out (on the board and the server's banner).",
                "examples": ["K7PMQ2"],
            },
        }
    ),
    "TeamJoined": _closed(
        {
            "id": {"type": "integer", "minimum": 1},
            "name": {"type": "string"},
            "token": {"type": "string", "description": "Keep it: it is the team's key to its kitchen."},
            "kitchen": {"type": "string", "description": "The path prefix of the team's kitchen: /t/<token>."},
            "base_url": {"type": "string", "description": "The team's kitchen as a base URL."},
        }
    ),
    "TeamSummary": _closed(SUMMARY_FIELDS),
    "ReportSummary": _closed(
        {**SUMMARY_FIELDS, "notepad_wanted": {"type": "boolean", "description": "Send the run's notepad now."}}
    ),
    "TeamDetail": _closed(
        {
            **SUMMARY_FIELDS,
            "results": {"type": "object", "additionalProperties": STATUS, "propertyNames": EXERCISE_NAME},
        }
    ),
    "TeamWithToken": _closed({**SUMMARY_FIELDS, "token": {"type": "string"}}),
    "Teams": _closed({"items": {"type": "array", "items": _ref("TeamWithToken")}, "count": {"type": "integer"}}),
    "ReportInput": _closed(
        {
            "results": {
                "type": "object",
                "minProperties": 1,
                "maxProperties": MAX_EXERCISES,
                "propertyNames": EXERCISE_NAME,
                "additionalProperties": STATUS,
                "description": "Exercise name -> done, failing or not-started, for the exercises the run covered.",
            }
        },
        {
            "target": {"type": "string", "minLength": 1, "maxLength": 20, "pattern": r"\S"},
            "whole_kata": {"type": "boolean"},
            "kitchen": {
                "type": "string",
                "enum": list(KITCHENS),
                "description": "room: the tests used the team's kitchen here; local: a kitchen on the team's "
                "laptop (`kata join --local-kitchen`, or the room's kitchens out of reach).",
            },
        },
    ),
    "BoardExercise": {
        "type": "object",
        "required": ["name", "number", "title"],
        "properties": {
            "name": {"type": "string"},
            "number": {"type": "integer"},
            "title": {"type": "string"},
            "chapter": {"type": "string"},
        },
    },
    "BoardTeam": _closed({**SUMMARY_FIELDS, "cells": {"type": "array", "items": STATUS}}),
    "Board": _closed(
        {
            "now": SECONDS,
            "alarm": {
                "oneOf": [{"type": "string"}, {"type": "null"}],
                "description": "Why the room's file cannot keep anything more (removed, replaced...), or null.",
            },
            "stuck_after": {"type": "number"},
            "idle_after": {"type": "number"},
            "poll_ms": {"type": "integer", "minimum": 1000, "description": "How often the board should fetch this."},
            "exercises": {"type": "array", "items": _ref("BoardExercise")},
            "teams": {"type": "array", "items": _ref("BoardTeam")},
            "working": {"type": "array", "items": {"type": "integer"}, "description": "Per exercise: teams on it."},
            "stuck": {"type": "array", "items": {"type": "integer"}, "description": "Per exercise: teams stuck on it."},
        }
    ),
}

SCHEMAS.update(
    {
        "Delivery": _closed(
            {
                "id": {"type": "integer", "minimum": 1},
                "url": {"type": "string", "description": "The callback_url: an address on the team's laptop."},
                "event": _ref("OrderReadyEvent"),
            }
        ),
        "Deliveries": _closed({"items": {"type": "array", "items": _ref("Delivery")}, "count": {"type": "integer"}}),
        "DeliveryResult": _closed(
            {
                "status": {
                    "oneOf": [{"type": "integer", "minimum": 100, "maximum": 599}, {"type": "null"}],
                    "description": "The callback's answer; null when it could not be reached.",
                }
            },
            {"error": {"type": "string", "minLength": 1, "maxLength": 500, "pattern": r"\S"}},
        ),
    }
)

BODY_ERRORS = {
    "400": _use("BadRequest"),
    "413": _use("PayloadTooLarge"),
    "415": _use("UnsupportedMediaType"),
    "422": _use("Unprocessable"),
}
FACILITATOR_ERRORS = {
    "401": _use("Unauthorized"),
    "403": _use("Forbidden"),
    "429": _use("TooManyRequests"),  # after 5 wrong secrets from one address, a growing wait
}
TEAM_NAME = {
    "name": "name",
    "in": "path",
    "required": True,
    "description": "A team's name, as it joined.",
    "schema": {"type": "string"},
}
TEAM_HEADERS = {"X-Kata-Team-Token": "TEAM-TOKEN"}
FACILITATOR_HEADERS = {"Authorization": "Bearer FACILITATOR-SECRET"}


def _op(operation_id: str, summary: str, responses: dict, security: list, **more: Any) -> dict:
    op = {"operationId": operation_id, "tags": ["Workshop"], "summary": summary, "responses": responses}
    if security:
        op["security"] = security
    op.update(more)
    return op


PATHS: dict[str, dict] = {
    "/__workshop/teams": {
        "post": _op(
            "joinWorkshop",
            "Join the workshop: a team name for a token and a kitchen of your own",
            {
                "201": _json(
                    _ref("TeamJoined"),
                    "Joined. Keep the token.",
                    Location={"$ref": "#/components/headers/Location"},
                ),
                "403": _use("Forbidden"),
                "409": _use("Conflict"),
                "429": _use("TooManyRequests"),
                "503": _use("Unavailable"),
                **BODY_ERRORS,
            },
            [],
            description="Needs the join code the facilitator hands out (403 when wrong). 409 when the name is "
            "taken or the room is full. Joins are rate-limited per address and for the room: 429 with Retry-After.",
            requestBody={"required": True, "content": {"application/json": {"schema": _ref("TeamInput")}}},
            **{
                "x-example": {
                    "path": "/__workshop/teams",
                    "body": {"name": "Ada & Grace", "code": "JOIN-CODE"},
                    "status": 201,
                }
            },
        ),
        "get": _op(
            "listTeams",
            "Every team, with its token and progress (facilitator)",
            {"200": _json(_ref("Teams"), "The teams, in joining order."), **FACILITATOR_ERRORS},
            FACILITATOR,
            **{"x-example": {"path": "/__workshop/teams", "headers": FACILITATOR_HEADERS}},
        ),
    },
    "/__workshop/teams/{name}": {
        "get": _op(
            "getTeam",
            "One team's progress (the team itself, or the facilitator)",
            {
                "200": _json(_ref("TeamDetail"), "The team's latest results."),
                **FACILITATOR_ERRORS,
                "404": _use("NotFound"),
            },
            [*TEAM, *FACILITATOR],
            parameters=[TEAM_NAME],
            **{"x-example": {"path": "/__workshop/teams/Ada%20%26%20Grace", "headers": TEAM_HEADERS}},
        ),
        "delete": _op(
            "removeTeam",
            "Remove a team from the room and the board (facilitator)",
            {
                "204": {"description": "Removed; its token no longer works."},
                **FACILITATOR_ERRORS,
                "404": _use("NotFound"),
            },
            FACILITATOR,
            parameters=[TEAM_NAME],
            **{"x-example": {"path": "/__workshop/teams/Typo%20Team", "headers": FACILITATOR_HEADERS, "status": 204}},
        ),
    },
    "/__workshop/teams/by-id/{team_id}": {
        "delete": _op(
            "removeTeamById",
            "Remove a team by its id, for a name nobody can type (facilitator)",
            {
                "204": {"description": "Removed; its token no longer works."},
                **FACILITATOR_ERRORS,
                "404": _use("NotFound"),
            },
            FACILITATOR,
            parameters=[
                {
                    "name": "team_id",
                    "in": "path",
                    "required": True,
                    "description": "The team's id, from GET /__workshop/teams or the board.",
                    "schema": {"type": "integer", "minimum": 1},
                }
            ],
            **{"x-example": {"path": "/__workshop/teams/by-id/99", "headers": FACILITATOR_HEADERS, "status": 404}},
        )
    },
    "/__workshop/reports": {
        "post": _op(
            "reportResults",
            "Report a test run's results per exercise (the team)",
            {
                "200": _json(_ref("ReportSummary"), "Recorded; the team's progress now."),
                "401": _use("Unauthorized"),
                "503": _use("Unavailable"),
                **BODY_ERRORS,
            },
            TEAM,
            description="Each exercise named replaces the team's earlier result for it; the others stay. "
            "The kata's pytest plugin sends one at the end of every run.",
            requestBody={"required": True, "content": {"application/json": {"schema": _ref("ReportInput")}}},
            **{
                "x-example": {
                    "path": "/__workshop/reports",
                    "headers": TEAM_HEADERS,
                    "body": {"results": {"ex01_anatomy_of_a_request": "done", "ex02_status_classes": "failing"}},
                }
            },
        )
    },
    "/__workshop/deliveries": {
        "get": _op(
            "takeDeliveries",
            "The kitchen's webhook calls for the team to make on its laptop (the team)",
            {
                "200": _json(_ref("Deliveries"), "The calls waiting (taken now: each is handed out once)."),
                "400": _use("BadRequest"),
                "401": _use("Unauthorized"),
                "429": _use("TooManyRequests"),
            },
            TEAM,
            description="A team's kitchen cannot reach the team's laptop, so its webhook calls wait here (and in "
            "its journal, with an error saying so) for the kata's tests, which take them right after advancing the "
            "clock, make them on the laptop, and report each answer. `wait` (seconds, at most 5) waits for a call "
            "when none is waiting yet; such a wait counts among the team's slow requests (429 past the cap).",
            parameters=[
                {
                    "name": "wait",
                    "in": "query",
                    "required": False,
                    "description": "Seconds to wait for a call (0 to 5).",
                    "schema": {"type": "number", "minimum": 0, "maximum": 5},
                }
            ],
            **{"x-example": {"path": "/__workshop/deliveries?wait=0", "headers": TEAM_HEADERS}},
        )
    },
    "/__workshop/deliveries/{delivery_id}": {
        "post": _op(
            "completeDelivery",
            "How a webhook call went, made on the team's laptop (the team)",
            {
                "204": {"description": "Recorded: the kitchen journals it."},
                "401": _use("Unauthorized"),
                "404": _use("NotFound"),
                **BODY_ERRORS,
            },
            TEAM,
            parameters=[
                {
                    "name": "delivery_id",
                    "in": "path",
                    "required": True,
                    "description": "A call's id from GET /__workshop/deliveries.",
                    "schema": {"type": "integer", "minimum": 1},
                }
            ],
            requestBody={"required": True, "content": {"application/json": {"schema": _ref("DeliveryResult")}}},
            **{
                "x-example": {
                    "path": "/__workshop/deliveries/1",
                    "headers": TEAM_HEADERS,
                    "body": {"status": 204},
                    "status": 404,
                }
            },
        )
    },
    "/__workshop/progress": {
        "get": _op(
            "getProgress",
            "The board's data: teams by exercises (facilitator)",
            {"200": _json(_ref("Board"), "The room now."), **FACILITATOR_ERRORS},
            FACILITATOR,
            **{"x-example": {"path": "/__workshop/progress", "headers": FACILITATOR_HEADERS}},
        )
    },
    "/__workshop/board": {
        "get": _op(
            "getBoard",
            "The facilitator's live board (HTML; open /__workshop/board?key=SECRET once)",
            {
                "200": {"description": "The board.", "content": {"text/html": {"schema": {"type": "string"}}}},
                "303": {"description": "Right key: the cookie is set, on to the board without ?key= in the address."},
                **FACILITATOR_ERRORS,
            },
            FACILITATOR,
            parameters=[
                {
                    "name": "key",
                    "in": "query",
                    "required": False,
                    "description": "The facilitator secret, once: it becomes a cookie.",
                    "schema": {"type": "string"},
                }
            ],
            **{"x-example": {"path": "/__workshop/board", "headers": FACILITATOR_HEADERS}},
        )
    },
}

PATHS.update(notepad_doc.PATHS)
SCHEMAS.update(notepad_doc.SCHEMAS)
PATHS.update(course_doc.PATHS)
SCHEMAS.update(course_doc.SCHEMAS)

PUBLIC_PATHS = ("/", "/openapi.json")  # and /problems/...: the docs, open to anyone


def secured(paths: dict[str, dict]) -> dict[str, dict]:
    """The restaurant's paths as a workshop serves them: every operation needs the team token (401 without).

    An operation's own requirement (a guest's bearer token) is kept alongside: security requirement
    objects are alternatives, and the schemes inside one are all needed.
    """
    found: dict[str, dict] = {}
    for path, item in paths.items():
        if path in PUBLIC_PATHS or path.startswith("/problems/"):
            found[path] = item
            continue
        found[path] = {}
        for method, operation in item.items():
            operation = dict(operation)
            own = operation.get("security") or [{}]
            operation["security"] = [{"teamToken": [], **requirement} for requirement in own]
            operation["responses"] = {**operation["responses"], "401": _use("Unauthorized")}
            found[path][method] = operation
    return found
