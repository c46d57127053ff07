"""JSON Schema written once: the builders the declarations use, and a validator compiled from the same data.

A body schema is plain JSON Schema 2020-12 (what OpenAPI 3.1 uses), built with the helpers below and
registered by name with ``model()``. ``validator(schema)`` compiles it into a function that checks a
parsed body, collects one ``{"field", "message"}`` per problem (every field at once, the nearest known
field suggested for a typo) and returns the cleaned value. So a bound, an enum or a field list lives in
exactly one place: the schema that the OpenAPI document shows is the one the route enforces.
"""

from __future__ import annotations

import difflib
import math
import re
from typing import Any, Callable

Errors = list  # of {"field", "message"}
Check = Callable[[Any, str, Errors], Any]
INVALID: Any = object()  # what a check returns for a value it refused (None can be a valid value)

MODELS: dict[str, dict] = {}  # every named schema: components/schemas of the OpenAPI document
_PATTERN_MESSAGES: dict[str, str | Callable[[str], str | None]] = {}
_COMPILED: dict[str, Check] = {}

# Names hold printable text on one line; notes may also hold tabs and line breaks. Neither holds NUL,
# another control character or a lone surrogate (which cannot be written as UTF-8).
CONTROL = "\\u0000-\\u001f\\u007f-\\u009f"
NAME_PATTERN = f"^[^{CONTROL}]*[^\\s{CONTROL}][^{CONTROL}]*$"
NOTE_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"


def pattern_message(pattern: str, message: str | Callable[[str], str | None]) -> str:
    """Register the field message for a value that does not match ``pattern`` (or a function of the value that
    says what is wrong with it, such as ``workshop.names.problem``); returns the pattern."""
    _PATTERN_MESSAGES[pattern] = message
    return pattern


pattern_message(NAME_PATTERN, "must not contain control characters (such as NUL or a line break)")
pattern_message(NOTE_PATTERN, "must not contain control characters other than tabs and line breaks")


ID = {"type": "integer", "minimum": 1, "description": "Ids are whole numbers from 1, handed out by the server."}
TIMESTAMP = {"type": "string", "format": "date-time", "description": "RFC 3339 UTC time on the kitchen clock."}
MONEY = {"type": "number", "minimum": 0, "description": "Euros, at most 2 decimals."}


def model(name: str, schema: dict) -> dict:
    """Register ``schema`` as ``#/components/schemas/<name>``; returns a ``$ref`` to it."""
    MODELS[name] = schema
    return ref(name)


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    return {"oneOf": [schema, {"type": "null"}]}


def obj(required: dict[str, dict], optional: dict[str, dict] | None = None, closed: bool = True, **extra: Any) -> dict:
    schema = {"type": "object", "required": list(required), "properties": {**required, **(optional or {})}, **extra}
    if closed:
        schema["additionalProperties"] = False
    return schema


def integer(low: int, high: int | None = None, **extra: Any) -> dict:
    schema = {"type": "integer", "minimum": low, **extra}
    if high is not None:
        schema["maximum"] = high
    return schema


def number(low: float, high: float | None = None, **extra: Any) -> dict:
    schema = {"type": "number", "minimum": low, **extra}
    if high is not None:
        schema["maximum"] = high
    return schema


def text(max_length: int, **extra: Any) -> dict:
    """A name-like string: not blank, one line, at most ``max_length`` characters."""
    return {"type": "string", "minLength": 1, "maxLength": max_length, "pattern": NAME_PATTERN, **extra}


def note(max_length: int, **extra: Any) -> dict:
    """Free text: may be blank or span lines, at most ``max_length`` characters."""
    return {"type": "string", "maxLength": max_length, "pattern": NOTE_PATTERN, **extra}


def array(items: dict, low: int, high: int, **extra: Any) -> dict:
    return {"type": "array", "minItems": low, "maxItems": high, "items": items, **extra}


def enum(values: Any, **extra: Any) -> dict:
    return {"type": "string", "enum": list(values), **extra}


def describe(value: Any) -> str:
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


def has_lone_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def string_problem(value: str, *, max_length: int, blank_ok: bool, pattern: str | None = None) -> str | None:
    """What is wrong with a string value (as a field message), or None."""
    if has_lone_surrogate(value):
        return "must be valid Unicode text: it holds a lone surrogate such as \\ud800"
    if not blank_ok and not value.strip():
        return "must not be empty"
    if len(value) > max_length:
        return f"must be at most {max_length} characters, got {len(value)}"
    if pattern is not None and not re.fullmatch(pattern, value):
        message = _PATTERN_MESSAGES.get(pattern)
        if callable(message):
            message = message(value)
        return message or f"must match the pattern {pattern}"
    return None


def validator(schema: dict) -> Check:
    """The check for ``schema``: ``check(value, field, errors)`` returns the cleaned value or ``INVALID``."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]

        def by_name(value: Any, field: str, errors: Errors) -> Any:
            check = _COMPILED.get(name)
            if check is None:
                check = _COMPILED[name] = validator(MODELS[name])
            return check(value, field, errors)

        return by_name
    if "oneOf" in schema:  # only ever nullable(...)
        inner = validator(next(choice for choice in schema["oneOf"] if choice.get("type") != "null"))
        return lambda value, field, errors: None if value is None else inner(value, field, errors)
    kind = schema.get("type")
    if kind == "object":
        return _object(schema)
    if kind == "array":
        return _array(schema)
    if kind in ("integer", "number"):
        return _number(schema, whole=kind == "integer")
    if kind == "string":
        return _string(schema)
    if kind == "boolean":
        return _boolean
    if "const" in schema:
        return _const(schema["const"])
    return lambda value, field, errors: value


def _fail(errors: Errors, field: str, message: str) -> Any:
    errors.append({"field": field, "message": message})
    return INVALID


def _object(schema: dict) -> Check:
    """An object: its ``properties``; ``additionalProperties`` false (a typo named) or a schema for the others
    (whose names fit ``propertyNames``); at least ``minProperties`` and at most ``maxProperties`` of them."""
    properties = {name: validator(part) for name, part in schema.get("properties", {}).items()}
    defaults = {name: part["default"] for name, part in schema.get("properties", {}).items() if "default" in part}
    required = tuple(schema.get("required", ()))
    known = tuple(properties)
    others = schema.get("additionalProperties", True)
    closed, extra = others is False, validator(others) if isinstance(others, dict) else None
    names = validator(schema["propertyNames"]) if "propertyNames" in schema else None
    at_least, at_most = schema.get("minProperties", 0), schema.get("maxProperties", math.inf)

    def check(value: Any, field: str, errors: Errors) -> Any:
        if not isinstance(value, dict):
            return _fail(errors, field or "(body)", f"must be a JSON object, got {describe(value)}")
        prefix = f"{field}." if field else ""
        for name in required:
            if name not in value:
                errors.append({"field": prefix + name, "message": "is required"})
        if closed:
            for name in value:
                if name not in properties:
                    guess = difflib.get_close_matches(name, known, n=1)
                    hint = f" (did you mean {guess[0]!r}?)" if guess else ""
                    message = f"is not a known field{hint}; known fields: {', '.join(known)}"
                    errors.append({"field": prefix + name[:100], "message": message})
        if not at_least <= len(value) <= at_most:
            if not known:  # a map of names to values (a report's results)
                return _fail(errors, field, f"must have {at_least} to {at_most} entries, got {len(value)}")
            errors.append({"field": field or "(body)", "message": f"must change at least one of: {', '.join(known)}"})
        cleaned = dict(defaults)
        for name, part in properties.items():
            if name in value:
                cleaned[name] = part(value[name], prefix + name, errors)
        if extra is not None:  # a map: its other names fit propertyNames, their values additionalProperties
            for name in [name for name in value if name not in properties]:
                if names is None or names(name, prefix + name[:100], errors) is not INVALID:
                    cleaned[name] = extra(value[name], prefix + name, errors)
        return cleaned

    return check


def _array(schema: dict) -> Check:
    items = validator(schema.get("items", {}))
    low, high = schema.get("minItems", 0), schema.get("maxItems", math.inf)

    def check(value: Any, field: str, errors: Errors) -> Any:
        if not isinstance(value, list):
            return _fail(errors, field, f"must be an array, got {describe(value)}")
        if not low <= len(value) <= high:
            return _fail(errors, field, f"must have {low} to {high} entries, got {len(value)}")
        return [items(item, f"{field}[{index}]", errors) for index, item in enumerate(value)]

    return check


def _number(schema: dict, *, whole: bool) -> Check:
    low, high = schema.get("minimum", -math.inf), schema.get("maximum", math.inf)
    word = "a whole number" if whole else "a number"

    def check(value: Any, field: str, errors: Errors) -> Any:
        if whole and isinstance(value, float) and math.isfinite(value) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (whole and isinstance(value, float)):
            return _fail(errors, field, f"must be {word}, got {describe(value)}")
        if not (math.isfinite(value) and low <= value <= high):
            if whole:
                return _fail(errors, field, f"must be from {low} to {high}, got {value}")
            return _fail(errors, field, f"must be from {low:g} to {high:g}, got {value:g}")
        return value if whole else float(value)

    return check


def _string(schema: dict) -> Check:
    options = {
        "max_length": schema.get("maxLength", 10**9),
        "blank_ok": schema.get("minLength", 0) == 0,
        "pattern": schema.get("pattern"),
    }
    allowed = schema.get("enum")

    def check(value: Any, field: str, errors: Errors) -> Any:
        if not isinstance(value, str):
            expected = f"one of {', '.join(allowed)}" if allowed is not None else "a string"
            return _fail(errors, field, f"must be {expected}, got {describe(value)}")
        if allowed is not None and value not in allowed:
            return _fail(errors, field, f"must be one of {', '.join(allowed)}, got {value[:50]!r}")
        problem = string_problem(value, **options)
        return value if problem is None else _fail(errors, field, problem)

    return check


def _boolean(value: Any, field: str, errors: Errors) -> Any:
    if not isinstance(value, bool):
        return _fail(errors, field, f"must be true or false, got {describe(value)}")
    return value


def _const(expected: Any) -> Check:
    def check(value: Any, field: str, errors: Errors) -> Any:
        return value if value == expected else _fail(errors, field, f"must be {expected!r}")

    return check
