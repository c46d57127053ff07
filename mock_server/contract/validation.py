"""Reading request bodies, with errors a learner can act on.

``json_body()`` enforces the media type (415), the size (413, via Flask's
MAX_CONTENT_LENGTH) and the syntax (400); what the body holds is checked by its declared schema
(``schema.validator``, through ``declare.endpoint``). ``path_id()`` reads an id from the path (404).
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable

from flask import request

from mock_server.contract.problems import ApiError

JSON_TYPES = ("application/json",)
BIG_ID = 10**15  # the largest id a body or query may name (ids in paths: up to 18 digits)
PATCH_TYPES = ("application/json", "application/merge-patch+json")
MAX_DEPTH = 32  # arrays and objects nested deeper than this are refused (no body the kitchen reads needs 4)
MAX_VALUES = 10_000  # a body with more values than this is refused unparsed (the largest valid one has ~300)
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"')
_INNERMOST = re.compile(rb"\[\]|\{\}")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))


def parse_json(raw: bytes, max_values: int = MAX_VALUES) -> Any:
    """``raw`` parsed as JSON: UTF-8, no NaN or Infinity, nested at most MAX_DEPTH deep (ValueError otherwise)."""
    text = raw.decode("utf-8")  # UnicodeDecodeError is a ValueError
    if len(raw) > 4096 or raw.count(b"[") + raw.count(b"{") > MAX_DEPTH:
        skeleton = _STRINGS.sub(b'""', raw)  # the structure without the text: a bracket in a string is no nesting
        if sum(skeleton.count(mark) for mark in (b",", b"[", b"{")) > max_values:
            raise ValueError(f"it holds more than {max_values} values; no body the kitchen reads has that many")
        _check_depth(skeleton)
    try:
        return json.loads(text, parse_constant=_no_constants)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep") from None


def _check_depth(raw: bytes) -> None:
    """Raise when brackets (outside strings) nest deeper than MAX_DEPTH (peels the innermost pairs, level by level)."""
    brackets = raw.translate(None, delete=_NOT_BRACKETS)
    for _ in range(MAX_DEPTH):
        peeled = _INNERMOST.sub(b"", brackets)
        if not peeled or peeled == brackets:  # empty: shallow enough; unchanged: not balanced, json.loads says why
            return
        brackets = peeled
    raise ValueError(f"nested more than {MAX_DEPTH} levels deep")


def json_body(media_types: Iterable[str] = JSON_TYPES, max_values: int = MAX_VALUES) -> Any:
    """The parsed JSON body of the current request, or an ApiError (``max_values``: for a notepad's many)."""
    media_types = tuple(media_types)
    mimetype = request.environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
    if mimetype not in media_types:
        sent = request.headers.get("Content-Type")
        raise ApiError(
            "unsupported-media-type",
            f"The body was sent as {sent!r}; this endpoint reads {' or '.join(media_types)}."
            if sent
            else f"The request has no Content-Type header; this endpoint reads {' or '.join(media_types)}.",
        )
    raw = request.get_data(cache=True)
    if not raw.strip():
        raise ApiError("malformed-json", "The body is empty; a JSON object was expected.")
    try:
        return parse_json(raw, max_values)
    except UnicodeDecodeError as error:
        raise ApiError(
            "malformed-json", f"The body is not UTF-8 text ({error.reason} at byte {error.start})."
        ) from None
    except ValueError as error:
        raise ApiError("malformed-json", f"The body is not valid JSON: {error}.") from None


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def path_id(text: str, what: str) -> int:
    """An id from the URL: digits only. Anything else cannot exist, so 404."""
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    raise ApiError(
        "not-found",
        f"There is no {what} {text!r}: {what} ids are whole numbers like 1 or 42.",
    )
