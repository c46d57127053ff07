"""A request body in a coding the kitchen does not apply (gzip, br...) is refused: 415, as RFC 9110 §8.4 says.

The kitchen reads bodies as they come (identity): a gzip body read as JSON would be "not UTF-8", and a
body labelled ``br`` would be read as if it were plain. The answer names the coding and, as RFC 9110
§12.5.3 asks, says in ``Accept-Encoding`` which one the kitchen takes.
"""

from __future__ import annotations

from flask import Response, request

from mock_server.contract.problems import problem

APPLIED = ("identity", "")


def refuse_codings() -> Response | None:
    """A before_request hook: 415 for a ``Content-Encoding`` other than identity."""
    given = request.headers.get("Content-Encoding")
    if given is None:
        return None
    codings = [coding.strip().lower() for coding in given.split(",")]
    unknown = [coding for coding in codings if coding not in APPLIED]
    if not unknown:
        return None
    return problem(
        "unsupported-media-type",
        f"The body is sent with Content-Encoding: {given.strip()[:60]}, which the kitchen does not decode.",
        hint="Send the JSON as it is, without Content-Encoding (requests does not compress what it sends).",
        headers={"Accept-Encoding": "identity"},
    )
