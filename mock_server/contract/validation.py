"""Reading request bodies and query strings, with errors a learner can act on.

``json_body()`` enforces the media type (415), the size (413, via Flask's
MAX_CONTENT_LENGTH) and the syntax (400). ``Checker`` collects one
``{"field", "message"}`` per problem and raises a single 422.
"""

from __future__ import annotations

import difflib
import json
import math
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


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


class Checker:
    """Collects field errors; ``done()`` raises one 422 listing all of them."""

    def __init__(self) -> None:
        self.errors: list[dict[str, str]] = []

    def error(self, field: str, message: str) -> None:
        self.errors.append({"field": field, "message": message})

    def fields(self, value: Any, field: str, *, required: Iterable[str], optional: Iterable[str] = ()) -> dict | None:
        """Check that ``value`` is an object with the required fields and no others."""
        if not isinstance(value, dict):
            self.error(field or "(body)", f"must be a JSON object, got {_describe(value)}")
            return None
        required, optional = tuple(required), tuple(optional)
        prefix = f"{field}." if field else ""
        for name in required:
            if name not in value:
                self.error(prefix + name, "is required")
        known = required + optional
        for name in value:
            if name not in known:
                guess = difflib.get_close_matches(name, known, n=1)
                suggestion = f" (did you mean {guess[0]!r}?)" if guess else ""
                self.error(prefix + name, f"is not a known field{suggestion}; known fields: {', '.join(known)}")
        return value

    def integer(self, value: Any, field: str, low: int, high: int) -> int | None:
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(field, f"must be a whole number, got {_describe(value)}")
            return None
        if not low <= value <= high:
            self.error(field, f"must be from {low} to {high}, got {value}")
            return None
        return value

    def number(self, value: Any, field: str, low: float, high: float) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(field, f"must be a number, got {_describe(value)}")
            return None
        if not (math.isfinite(value) and low <= value <= high):
            self.error(field, f"must be from {low:g} to {high:g}, got {value:g}")
            return None
        return float(value)

    def string(self, value: Any, field: str, max_length: int, *, allow_blank: bool = False) -> str | None:
        if not isinstance(value, str):
            self.error(field, f"must be a string, got {_describe(value)}")
            return None
        if not _encodable(value):
            self.error(field, "must be valid Unicode text: it holds a lone surrogate such as \\ud800")
            return None
        if not allow_blank and not value.strip():
            self.error(field, "must not be empty")
            return None
        if len(value) > max_length:
            self.error(field, f"must be at most {max_length} characters, got {len(value)}")
            return None
        return value

    def boolean(self, value: Any, field: str) -> bool | None:
        if not isinstance(value, bool):
            self.error(field, f"must be true or false, got {_describe(value)}")
            return None
        return value

    def done(self) -> None:
        if self.errors:
            fields = ", ".join(sorted({error["field"] for error in self.errors}))
            raise ApiError(
                "validation-error",
                f"{len(self.errors)} field(s) need fixing: {fields}.",
                errors=self.errors,
            )


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def query_args(allowed: Iterable[str], args: Any = None) -> dict[str, str]:
    """The query parameters (of ``args``, default the request's) as a dict; unknown or repeated ones are a 400."""
    allowed = tuple(allowed)
    values = {}
    for name, given in (request.args if args is None else args).lists():
        if name not in allowed:
            guess = difflib.get_close_matches(name, allowed, n=1)
            raise ApiError(
                "invalid-query",
                f"Unknown query parameter {name!r}; this endpoint knows: {', '.join(allowed) or 'none'}.",
                hint=f"Did you mean {guess[0]!r}?" if guess else None,
            )
        if len(given) > 1:
            raise ApiError("invalid-query", f"Query parameter {name!r} was given {len(given)} times; give it once.")
        values[name] = given[0]
    return values


def query_error(name: str, value: str, expected: str, hint: str | None = None) -> ApiError:
    return ApiError("invalid-query", f"Query parameter {name}={value!r} is not valid: expected {expected}.", hint=hint)


def query_number(args: dict[str, str], name: str, low: float, high: float) -> float | None:
    if name not in args:
        return None
    text = args[name]
    try:
        value = float(text) if text.isascii() and len(text) <= 32 else math.nan
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and low <= value <= high):
        raise query_error(name, text, f"a number from {low:g} to {high:g}, like 9.5")
    return value


def path_id(text: str, what: str) -> int:
    """An id from the URL: digits only. Anything else cannot exist, so 404."""
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    raise ApiError(
        "not-found",
        f"There is no {what} {text!r}: {what} ids are whole numbers like 1 or 42.",
    )
