"""The workshop's contract, declared once: its bodies' schemas, who may call it, and ``route`` to declare it.

A workshop route is declared like the kitchen's (``declare.endpoint``), with ``route(bp, ...)`` above its
view: the Workshop tag, and its security (``TEAM``, ``FACILITATOR``, both, or ``[]`` for anyone). The one
declaration registers the Flask route on the workshop's own app (``room_app.BLUEPRINTS``), checks the query
and the body with the schemas below (``schema.validator``: every body the server reads, one validator) and
becomes the operation of the workshop's OpenAPI document (``docs.openapi``). The examples' placeholders
(``TEAM-TOKEN``, ``FACILITATOR-SECRET``, ``JOIN-CODE``) are for a reader to replace; the tests replay them
with real values.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from mock_server.contract.declare import endpoint
from mock_server.contract.documented import use
from mock_server.contract.schema import (
    NOTE_PATTERN,
    integer,
    model,
    nullable,
    obj,
    pattern_message,
    ref,
    text,
)
from mock_server.workshop import names
from mock_server.workshop.course import EVERY, MAX_BUCKETS
from mock_server.workshop.team_progress import EXERCISE_PATTERN, KITCHENS, MAX_EXERCISES, STATUSES

TAG_NAME = "Workshop"
TAG = {
    "name": TAG_NAME,
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
        "description": "From POST /__workshop/teams. Or, instead of the header, the /t/<token> prefix in the path: "
        "/t/<token>/menu is GET /menu with the team's token (the base URL the join answers, for code that "
        "only takes a base URL).",
    },
    "facilitatorSecret": {"type": "http", "scheme": "bearer", "description": "The secret printed at start."},
    "facilitatorCookie": {
        "type": "apiKey",
        "in": "cookie",
        "name": "kata_facilitator",
        "description": "Set by the board (GET /__workshop/board?key=<secret>): derived from the secret.",
    },
}
TEAM_HEADERS = {"X-Kata-Team-Token": "TEAM-TOKEN"}
FACILITATOR_HEADERS = {"Authorization": "Bearer FACILITATOR-SECRET"}
REMOVED = {"description": "Removed; its token no longer works."}
UNWRITABLE = {"503": use("Unavailable")}  # the room's file cannot keep it: nothing was changed (db)


def route(bp: Blueprint, method: str, path: str, operation_id: str, summary: str, responses: dict, **declared: Any):
    """``endpoint`` for a workshop operation (tagged Workshop; served by its own app, which none of the kitchen's
    hooks see); ``security`` says who may call it. Guessing the facilitator's secret may answer 429."""
    if any("facilitatorSecret" in requirement for requirement in declared.get("security") or ()):
        responses = {**responses, "429": use("TooManyRequests")}
    return endpoint(bp, method, path, operation_id, TAG_NAME, summary, responses, hooked=False, **declared)


def html(description: str) -> dict:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


# A field's message where the schema's pattern alone would say "must match": the check that says why.
pattern_message(names.PATTERN, names.problem)
pattern_message(EXERCISE_PATTERN, "is not an exercise name like ex03_is_it_open")

STATUS = {"type": "string", "enum": list(STATUSES)}
EXERCISE_NAME = {"type": "string", "pattern": EXERCISE_PATTERN, "examples": ["ex03_is_it_open"]}
SECONDS = {"type": "number", "description": "Seconds since 1970 (UTC) on the server."}
KITCHEN = {"type": "string", "enum": list(KITCHENS)}

SUMMARY_FIELDS: dict[str, dict] = {
    "id": {"type": "integer", "minimum": 1, "description": "Removes a team whose name nobody can type."},
    "name": {"type": "string"},
    "done": integer(0),
    "total": integer(0),
    "current": {**nullable(EXERCISE_NAME), "description": "First exercise not done."},
    "current_status": nullable(STATUS),
    "stuck": {"type": "boolean", "description": "On the current exercise for stuck_after seconds or more."},
    "on_current_for": {"type": "number", "minimum": 0},
    "idle": {"type": "boolean", "description": "No test run for idle_after seconds: shown, never removed."},
    "idle_for": {"type": "number", "minimum": 0, "description": "Seconds since its last run (or its join)."},
    "joined_at": SECONDS,
    "last_report_at": nullable(SECONDS),
    "reports": integer(0),
    "kitchen": {
        **nullable(KITCHEN),
        "description": "Where the last reported run's kitchen was: room (here), local (the team's laptop), null: "
        "not said.",
    },
}

TEAM_INPUT = model(
    "TeamInput",
    obj(
        {
            "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": names.MAX_LENGTH,
                "pattern": names.PATTERN,
                "description": "Shown on the board. Normalized (NFKC, surrounding space); no control, invisible "
                "or bidi-override characters; the same as a team's name but for case or such characters, or "
                "one that looks like it: 409.",
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
)
model(
    "TeamJoined",
    obj(
        {
            "id": {"type": "integer", "minimum": 1},
            "name": {"type": "string"},
            "token": {"type": "string", "description": "Keep it: it is the team's key to its kitchen."},
            "kitchen": {"type": "string", "description": "The path prefix of the team's kitchen: /t/<token>."},
            "base_url": {"type": "string", "description": "The team's kitchen as a base URL."},
        }
    ),
)
model("TeamSummary", obj(SUMMARY_FIELDS))
WANTED = {"type": "boolean", "description": "Send the run's notepad now."}
model("ReportSummary", obj({**SUMMARY_FIELDS, "notepad_wanted": WANTED}))
model(
    "TeamDetail",
    obj(
        {
            **SUMMARY_FIELDS,
            "results": {"type": "object", "additionalProperties": STATUS, "propertyNames": EXERCISE_NAME},
        }
    ),
)
model("TeamWithToken", obj({**SUMMARY_FIELDS, "token": {"type": "string"}}))
model("Teams", obj({"items": {"type": "array", "items": ref("TeamWithToken")}, "count": {"type": "integer"}}))
REPORT_INPUT = model(
    "ReportInput",
    obj(
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
            "target": text(20),
            "whole_kata": {"type": "boolean"},
            "kitchen": {
                **KITCHEN,
                "description": "room: the tests used the team's kitchen here; local: a kitchen on the team's "
                "laptop (`kata join --local-kitchen`, or the room's kitchens out of reach).",
            },
        },
    ),
)
model(
    "BoardExercise",
    obj(
        {"name": {"type": "string"}, "number": {"type": "integer"}, "title": {"type": "string"}},
        {"chapter": {"type": "string"}},
        closed=False,
    ),
)
model("BoardTeam", obj({**SUMMARY_FIELDS, "cells": {"type": "array", "items": STATUS}}))
model(
    "Board",
    obj(
        {
            "now": SECONDS,
            "alarm": {
                **nullable({"type": "string"}),
                "description": "Why the room's file cannot keep anything more (removed, replaced...), or null.",
            },
            "stuck_after": {"type": "number"},
            "idle_after": {"type": "number"},
            "poll_ms": {"type": "integer", "minimum": 1000, "description": "How often the board should fetch this."},
            "exercises": {"type": "array", "items": ref("BoardExercise")},
            "teams": {"type": "array", "items": ref("BoardTeam")},
            "working": {"type": "array", "items": {"type": "integer"}, "description": "Per exercise: teams on it."},
            "stuck": {"type": "array", "items": {"type": "integer"}, "description": "Per exercise: teams stuck on it."},
        }
    ),
)
model(
    "Timeline",
    obj(
        {
            "every": {"type": "string", "enum": list(EVERY)},
            "seconds": {"type": "number", "description": "The length of one bucket."},
            "ends": {
                "type": "array",
                "maxItems": MAX_BUCKETS,
                "items": {"type": "number"},
                "description": "Each bucket's end (seconds since 1970, UTC); the latest ones for a longer course.",
            },
            "teams": {
                "type": "array",
                "items": obj(
                    {
                        "id": {"type": "integer", "minimum": 1},
                        "name": {"type": "string"},
                        "done": {
                            "type": "array",
                            "items": nullable(integer(0)),
                            "description": "Exercises done at each bucket's end; null before the team joined.",
                        },
                    }
                ),
            },
            "average": {
                "type": "array",
                "items": nullable({"type": "number"}),
                "description": "The room's average per bucket, over the teams that had joined.",
            },
        }
    ),
)
model(
    "Delivery",
    obj(
        {
            "id": {"type": "integer", "minimum": 1},
            "url": {"type": "string", "description": "The callback_url: an address on the team's laptop."},
            "event": ref("OrderReadyEvent"),
        }
    ),
)
model("Deliveries", obj({"items": {"type": "array", "items": ref("Delivery")}, "count": {"type": "integer"}}))
DELIVERY_RESULT = model(
    "DeliveryResult",
    obj(
        {
            "status": {
                **nullable(integer(100, 599)),
                "description": "The callback's answer; null when it could not be reached.",
            }
        },
        {"error": {"type": "string", "minLength": 1, "maxLength": 500, "pattern": NOTE_PATTERN}},
    ),
)
NOTEPAD_UPLOAD = model(
    "NotepadUpload",
    obj(
        {
            "runs": {
                "type": "array",
                "items": {},
                "description": "The last run's records, one per exercise, as the kata's notepad keeps them "
                "(.kata/notepad/); fields the page does not draw are dropped, every text is bounded and masked "
                "(what is not a record is drawn as nothing).",
            }
        },
        {"note": {"type": "string", "maxLength": 500, "description": "What the laptop left out, if anything."}},
    ),
)
