"""The OpenAPI declarations of a room that lasts a course (course_views), merged by ``document``.

Plain data, like ``notepad_doc``; the team summary's schema is ``document``'s ``TeamSummary``.
"""

from __future__ import annotations

from typing import Any

from mock_server.workshop.course import EVERY

_TEAM: list[dict] = [{"teamToken": []}]
_FACILITATOR: list[dict] = [{"facilitatorSecret": []}, {"facilitatorCookie": []}]
_ERRORS = {
    code: {"$ref": f"#/components/responses/{name}"}
    for code, name in (("401", "Unauthorized"), ("403", "Forbidden"), ("429", "TooManyRequests"))
}
_NOT_FOUND = {"$ref": "#/components/responses/NotFound"}
_FACILITATOR_HEADERS = {"Authorization": "Bearer FACILITATOR-SECRET"}
_DOWNLOAD = {"Content-Disposition": {"description": "attachment; filename=...", "schema": {"type": "string"}}}


def _op(operation_id: str, summary: str, responses: dict, security: list, **more: Any) -> dict:
    return {
        "operationId": operation_id,
        "tags": ["Workshop"],
        "summary": summary,
        "responses": responses,
        "security": security,
        **more,
    }


def _file(media_type: str, description: str, schema: dict) -> dict:
    return {"description": description, "headers": _DOWNLOAD, "content": {media_type: {"schema": schema}}}


SCHEMAS: dict[str, dict] = {
    "Timeline": {
        "type": "object",
        "required": ["every", "seconds", "ends", "teams", "average"],
        "additionalProperties": False,
        "properties": {
            "every": {"type": "string", "enum": list(EVERY)},
            "seconds": {"type": "number", "description": "The length of one bucket."},
            "ends": {
                "type": "array",
                "maxItems": 400,
                "items": {"type": "number"},
                "description": "Each bucket's end (seconds since 1970, UTC); the latest 400 for a longer course.",
            },
            "teams": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "name", "done"],
                    "additionalProperties": False,
                    "properties": {
                        "id": {"type": "integer", "minimum": 1},
                        "name": {"type": "string"},
                        "done": {
                            "type": "array",
                            "items": {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]},
                            "description": "Exercises done at each bucket's end; null before the team joined.",
                        },
                    },
                },
            },
            "average": {
                "type": "array",
                "items": {"oneOf": [{"type": "number"}, {"type": "null"}]},
                "description": "The room's average per bucket, over the teams that had joined.",
            },
        },
    }
}

PATHS: dict[str, dict] = {
    "/__workshop/team": {
        "get": _op(
            "whoAmI",
            "The team this token belongs to, and its progress (the team: kata join URL --token TOKEN)",
            {
                "200": {
                    "description": "The team, as the board shows it.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TeamSummary"}}},
                },
                "401": _ERRORS["401"],
            },
            _TEAM,
            description="401 for a token the room never gave, and for a removed team's token: the detail says which.",
            **{"x-example": {"path": "/__workshop/team", "headers": {"X-Kata-Team-Token": "TEAM-TOKEN"}}},
        )
    },
    "/__workshop/progress/timeline": {
        "get": _op(
            "getTimeline",
            "Exercises done per team at the end of each hour, day or week (facilitator)",
            {
                "200": {
                    "description": "The course so far.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Timeline"}}},
                },
                "422": {"$ref": "#/components/responses/Unprocessable"},
                **_ERRORS,
            },
            _FACILITATOR,
            parameters=[
                {
                    "name": "every",
                    "in": "query",
                    "required": False,
                    "description": "The bucket: hour, day (the default) or week.",
                    "schema": {"type": "string", "enum": list(EVERY)},
                }
            ],
            **{"x-example": {"path": "/__workshop/progress/timeline?every=day", "headers": _FACILITATOR_HEADERS}},
        )
    },
    "/__workshop/export.csv": {
        "get": _op(
            "exportCsv",
            "Every team's results as CSV, one column per exercise, for a gradebook (facilitator)",
            {"200": _file("text/csv", "One row per team.", {"type": "string"}), **_ERRORS},
            _FACILITATOR,
            **{"x-example": {"path": "/__workshop/export.csv", "headers": _FACILITATOR_HEADERS}},
        )
    },
    "/__workshop/export/junit.zip": {
        "get": _op(
            "exportJunit",
            "Every team's results as JUnit XML, one file per team, in a zip (facilitator)",
            {"200": _file("application/zip", "team-<id>-<name>.xml per team.", {"type": "string"}), **_ERRORS},
            _FACILITATOR,
            **{"x-example": {"path": "/__workshop/export/junit.zip", "headers": _FACILITATOR_HEADERS}},
        )
    },
    "/__workshop/teams/by-id/{team_id}/junit.xml": {
        "get": _op(
            "exportTeamJunit",
            "One team's results as JUnit XML: done passes, failing fails, not started is skipped (facilitator)",
            {
                "200": _file("application/xml", "One testsuite, one testcase per exercise.", {"type": "string"}),
                **_ERRORS,
                "404": _NOT_FOUND,
            },
            _FACILITATOR,
            parameters=[
                {
                    "name": "team_id",
                    "in": "path",
                    "required": True,
                    "description": "The team's id, from the board or GET /__workshop/teams.",
                    "schema": {"type": "integer", "minimum": 1},
                }
            ],
            **{
                "x-example": {
                    "path": "/__workshop/teams/by-id/99/junit.xml",
                    "headers": _FACILITATOR_HEADERS,
                    "status": 404,
                }
            },
        )
    },
}
