"""The OpenAPI declarations of a team's notepad for the facilitator (notepad_views), merged by ``document``.

Plain data, like ``document``, which imports it (so this module imports nothing of the workshop's).
"""

from __future__ import annotations

from typing import Any

_TEAM: list[dict] = [{"teamToken": []}]
_FACILITATOR: list[dict] = [{"facilitatorSecret": []}, {"facilitatorCookie": []}]
_ERRORS = {
    code: {"$ref": f"#/components/responses/{name}"}
    for code, name in (("401", "Unauthorized"), ("403", "Forbidden"), ("404", "NotFound"), ("429", "TooManyRequests"))
}
_TEAM_ID = {
    "name": "team_id",
    "in": "path",
    "required": True,
    "description": "The team's id, from the board or GET /__workshop/teams.",
    "schema": {"type": "integer", "minimum": 1},
}


def _op(operation_id: str, summary: str, responses: dict, security: list, **more: Any) -> dict:
    return {
        "operationId": operation_id,
        "tags": ["Workshop"],
        "summary": summary,
        "responses": responses,
        "security": security,
        **more,
    }


def _html_response(description: str) -> dict:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


FACILITATOR_HEADERS = {"Authorization": "Bearer FACILITATOR-SECRET"}
SCHEMAS: dict[str, dict] = {
    "NotepadUpload": {
        "type": "object",
        "required": ["runs"],
        "additionalProperties": False,
        "properties": {
            "runs": {
                "type": "array",
                "items": {"type": "object"},
                "description": "The last run's records, one per exercise, as the kata's notepad keeps them "
                "(.kata/notepad/); fields the page does not draw are dropped, every text is bounded and masked.",
            },
            "note": {"type": "string", "maxLength": 500, "description": "What the laptop left out, if anything."},
        },
    }
}
PATHS: dict[str, dict] = {
    "/__workshop/notepad": {
        "put": _op(
            "sendNotepad",
            "The team's last run's notepad, which the facilitator asked to see (the team)",
            {
                "204": {"description": "Kept, in place of the last one, while the facilitator looks."},
                "401": _ERRORS["401"],
                "409": {"$ref": "#/components/responses/Conflict"},
                **{
                    code: {"$ref": f"#/components/responses/{name}"}
                    for code, name in (
                        ("400", "BadRequest"),
                        ("413", "PayloadTooLarge"),
                        ("415", "UnsupportedMediaType"),
                        ("422", "Unprocessable"),
                    )
                },
            },
            _TEAM,
            description="Only when the report of a run answered notepad_wanted: true (409 otherwise: nothing of "
            "a team's traffic is kept unless the facilitator opens its notepad). Masked on the laptop, masked "
            "again here.",
            requestBody={
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotepadUpload"}}},
            },
            **{
                "x-example": {
                    "path": "/__workshop/notepad",
                    "headers": {"X-Kata-Team-Token": "TEAM-TOKEN"},
                    "body": {"runs": []},
                    "status": 409,
                }
            },
        )
    },
    "/__workshop/notepads/{team_id}/": {
        "get": _op(
            "getNotepad",
            "A team's notepad, read-only (facilitator; opening it asks the team to send it)",
            {"200": _html_response("The page: the team's last run drawn, or waiting for it."), **_ERRORS},
            _FACILITATOR,
            parameters=[_TEAM_ID],
            **{"x-example": {"path": "/__workshop/notepads/99/", "headers": FACILITATOR_HEADERS, "status": 404}},
        ),
        "delete": _op(
            "stopNotepad",
            "Stop asking for a team's notepad, and forget it (facilitator)",
            {"204": {"description": "Forgotten; the team's runs send nothing more."}, **_ERRORS},
            _FACILITATOR,
            parameters=[_TEAM_ID],
            **{"x-example": {"path": "/__workshop/notepads/99/", "headers": FACILITATOR_HEADERS, "status": 404}},
        ),
    },
    "/__workshop/notepads/{team_id}/page": {
        "get": _op(
            "getNotepadPage",
            "The same page, fetched by its live script when the stamp changed (facilitator)",
            {"200": _html_response("The page."), **_ERRORS},
            _FACILITATOR,
            parameters=[_TEAM_ID],
            **{"x-example": {"path": "/__workshop/notepads/99/page", "headers": FACILITATOR_HEADERS, "status": 404}},
        )
    },
    "/__workshop/notepads/{team_id}/stamp": {
        "get": _op(
            "getNotepadStamp",
            "A word that changes when the team's notepad arrives (facilitator)",
            {
                "200": {"description": "The stamp.", "content": {"text/plain": {"schema": {"type": "string"}}}},
                **_ERRORS,
            },
            _FACILITATOR,
            parameters=[_TEAM_ID],
            **{"x-example": {"path": "/__workshop/notepads/99/stamp", "headers": FACILITATOR_HEADERS, "status": 404}},
        )
    },
}
