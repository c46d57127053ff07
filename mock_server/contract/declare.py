"""Each endpoint declared once: ``@endpoint(bp, "POST", "/tables", ...)`` above its view.

The one declaration (path, method, query parameters, body schema, responses, example) registers the
Flask route, checks the query string and the body before the view runs (the view gets ``query=`` and
``body=``), and is what ``docs.openapi`` turns into the OpenAPI operation and ``docs.page`` into the docs page.
An ``x-example`` has ``path`` and optionally ``body``, ``headers``, ``auth`` ("basic" or "bearer"),
``fresh`` ("table" or "order": act on a newly created one), ``wait`` (seconds to let the kitchen cook
first), ``status`` and ``keep`` (the shell variable, TABLE, ORDER or PAYMENT, that keeps the new id;
"$TABLE" and the like in the path or the body stand for it).

Who may call it is declared there too, for what serves it to read (``current_operation()``): ``public``
(the docs: open to anyone, even a stranger to a workshop, outside the rate limit and opening hours) and
``admin`` (the test hooks: none of the kitchen's faults, limits or journal apply; ``hooked``: false for
the workshop's routes, which the kitchen's hooks never see). ``before`` runs before
the body is read (the workshop's join budget: every attempt counts, even one with a malformed body).
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping
from urllib.parse import parse_qsl

from flask import Blueprint, current_app, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import MethodNotAllowed

from mock_server.contract.problems import ApiError
from mock_server.contract.schema import ID, INVALID, string_problem, validator
from mock_server.contract.validation import BIG_ID, MAX_VALUES, json_body, path_id

JSON = "application/json"


class FieldErrors:
    """A body's field errors: the schema's, then those a view adds (``error``); ``done()`` raises one 422."""

    def __init__(self, errors: list[dict[str, str]] | None = None) -> None:
        self.errors = errors if errors is not None else []

    def error(self, field: str, message: str) -> None:
        self.errors.append({"field": field, "message": message})

    def done(self) -> None:
        if self.errors:
            fields = ", ".join(sorted({error["field"] for error in self.errors}))
            raise ApiError(
                "validation-error", f"{len(self.errors)} field(s) need fixing: {fields}.", errors=self.errors
            )


class Body:
    """A request body: as parsed (``raw``), as checked so far (``draft``: None when its shape is wrong), and its
    field errors (``check``, where a view adds those that depend on the kitchen's state).

    ``value`` is the checked body. Reading it refuses a body with any field error (one 422 listing them all),
    and the endpoint refuses it after the view too, so no view can act on a bad body or let one through.
    """

    __slots__ = ("check", "draft", "raw")

    def __init__(self, raw: Any, draft: Any, check: FieldErrors) -> None:
        self.raw, self.draft, self.check = raw, draft, check

    @property
    def value(self) -> Any:
        self.check.done()
        return self.draft


@dataclass(frozen=True)
class Finds:
    """What a path parameter names: the record the view gets as ``what`` (``table``), or one 404 for all.

    ``records`` maps ids to records: of the current kitchen's state when ``state`` is given (the lookup and
    the view then run under its lock, so the record cannot go in between), of nothing otherwise (the menu).
    ``missing`` is the 404's detail (``{id}``: the id as the path gave it); ``numbered``: ids are whole
    numbers, and anything else in the path is no id at all (also a 404).
    """

    what: str
    records: Callable[[Any], Mapping[Any, Any]]
    missing: str
    hint: str | None = None
    state: Callable[[], Any] | None = None
    numbered: bool = True

    def find(self, state: Any, text: str) -> Any:
        record = self.records(state).get(path_id(text, self.what) if self.numbered else text)
        if record is None:
            raise ApiError("not-found", self.missing.format(id=text), hint=self.hint)
        return record


WHOLE = re.compile(r"[0-9]{1,18}(?:\.0{1,6})?")  # JSON Schema's integer: 3 and 3.0 are the same number


def whole_number(text: str) -> int | None:
    """The whole number a query value spells (``3``, or ``3.0`` as a JSON Schema integer may be), else None."""
    return int(text.split(".", 1)[0]) if WHOLE.fullmatch(text) else None


@dataclass
class Param:
    """A query (or header) parameter; ``expected``/``hint`` word its 400 when a value does not fit."""

    name: str
    schema: dict
    description: str
    where: str = "query"
    expected: str | None = None
    hint: str | None = None
    finds: Finds | None = None

    def openapi(self) -> dict:
        return {
            "name": self.name,
            "in": self.where,
            "required": self.where == "path",
            "description": self.description,
            "schema": self.schema,
        }

    def parse(self, text: str) -> Any:
        schema, kind = self.schema, self.schema.get("type")
        if kind == "integer":
            low, high = schema.get("minimum", 0), schema.get("maximum", BIG_ID)
            whole = whole_number(text)
            ok = whole is not None and low <= whole <= high
            return whole if ok else self._refuse(text, f"a whole number from {low} to {high}")
        if kind == "number":
            low, high = schema.get("minimum", 0), schema.get("maximum", math.inf)
            try:
                value = float(text) if text.isascii() and len(text) <= 32 else math.nan
            except ValueError:
                value = math.nan
            if math.isfinite(value) and low <= value <= high:
                return value
            return self._refuse(text, f"a number from {low:g} to {high:g}, like 9.5")
        if kind == "boolean":
            flag = text.lower()
            return flag == "true" if flag in ("true", "false") else self._refuse(text, "true or false")
        if "enum" in schema:
            return text if text in schema["enum"] else self._refuse(text, f"one of {', '.join(schema['enum'])}")
        pattern = schema.get("pattern")
        if string_problem(text, max_length=schema.get("maxLength", 2000), blank_ok=True, pattern=pattern):
            return self._refuse(text, f"a value matching {pattern}" if pattern else "valid text")
        return text

    def _refuse(self, text: str, expected: str) -> Any:
        shown = text if len(text) <= 100 else text[:100] + "..."
        raise ApiError(
            "invalid-query",
            f"Query parameter {self.name}={shown!r} is not valid: expected {self.expected or expected}.",
            hint=self.hint,
        )


def query(name: str, schema: dict, description: str, *, expected: str | None = None, hint: str | None = None) -> Param:
    return Param(name, schema, description, expected=expected, hint=hint)


def header(name: str, schema: dict, description: str) -> Param:
    return Param(name, schema, description, where="header")


def path_param(name: str, description: str, schema: dict | None = None, *, finds: Finds | None = None) -> Param:
    """A path parameter; with ``finds``, the view gets the record it names instead of the text (404 if none)."""
    return Param(name, schema or ID, description, where="path", finds=finds)


@dataclass
class Operation:
    method: str
    path: str
    operation_id: str
    tag: str
    summary: str
    responses: dict
    description: str = ""
    body: dict | None = None
    body_types: tuple[str, ...] = (JSON,)
    params: list[Param] = field(default_factory=list)
    security: list | None = None
    example: dict | None = None
    admin: bool = False
    public: bool = False
    hooked: bool = True  # the kitchen's hooks serve it (faults, rate limit, hours); not the workshop's own app
    links: dict | None = None
    before: Callable[[], None] | None = None
    max_values: int = MAX_VALUES

    def __post_init__(self) -> None:
        self.queries = {param.name: param for param in self.params if param.where == "query"}
        self.finds = {param.name: param.finds for param in self.params if param.finds is not None}
        assert len(self.finds) <= 1, "one record per path: a second would need an order of locks"
        self.check_body = validator(self.body) if self.body is not None else None
        self.read_query = functools.lru_cache(maxsize=128)(self._read_query)  # an invalid query raises: not cached

    def _read_query(self, query_string: bytes) -> dict[str, Any]:
        """The declared query parameters of ``query_string``; unknown or repeated ones are a 400 on every route."""
        pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="replace")
        values: dict[str, Any] = {}
        for name, given in MultiDict(pairs).lists():
            param = self.queries.get(name)
            if param is None:
                known = tuple(self.queries)
                guess = difflib.get_close_matches(name, known, n=1)
                raise ApiError(
                    "invalid-query",
                    f"Unknown query parameter {name[:100]!r}; this endpoint knows: {', '.join(known) or 'none'}.",
                    hint=f"Did you mean {guess[0]!r}?" if guess else None,
                )
            if len(given) > 1:
                raise ApiError("invalid-query", f"Query parameter {name!r} was given {len(given)} times; give it once.")
            values[name] = param.parse(given[0])
        return values

    def read_body(self) -> Body:
        raw = json_body(self.body_types, self.max_values)
        check = FieldErrors()
        assert self.check_body is not None
        value = self.check_body(raw, "", check.errors)
        return Body(raw, None if value is INVALID else value, check)


def endpoint(
    bp: Blueprint, method: str, path: str, operation_id: str, tag: str, summary: str, responses: dict, **declared: Any
) -> Callable:
    """Declare the operation and register its view on ``bp`` (``{name}`` in the path is a Flask ``<name>``)."""
    op = Operation(method.upper(), path, operation_id, tag, summary, responses, **declared)
    operations = bp.__dict__.setdefault("operations", [])
    operations.append(op)
    rule = re.sub(r"\{(\w+)\}", r"<\1>", path)

    def register(view: Callable) -> Callable:
        @functools.wraps(view)
        def run(**kwargs: Any) -> Any:
            query_string = request.environ.get("QUERY_STRING", "")
            if op.queries:
                kwargs["query"] = op.read_query(query_string.encode("latin-1", "replace"))
            elif query_string:
                op.read_query(query_string.encode("latin-1", "replace"))  # raises: this endpoint takes none
            if op.before is not None:
                op.before()
            body = None
            if op.check_body is not None:
                body = kwargs["body"] = op.read_body()
            if not op.finds:
                return _refused_if_bad(view(**kwargs), body)
            ((name, finds),) = op.finds.items()
            state = finds.state() if finds.state else None
            with state.lock if state is not None else nullcontext():
                kwargs[finds.what] = finds.find(state, kwargs.pop(name))
                return _refused_if_bad(view(**kwargs), body)

        run.operation = op  # type: ignore[attr-defined]  # read by current_operation()
        bp.add_url_rule(rule, endpoint=view.__name__, view_func=run, methods=[op.method])
        return run

    return register


def _refused_if_bad(answer: Any, body: Body | None) -> Any:
    """The view's answer, unless the body had field errors the view never read (then the one 422)."""
    if body is not None:
        body.check.done()
    return answer


def operations_of(bp: Blueprint) -> list[Operation]:
    return list(bp.__dict__.get("operations", []))


def current_operation() -> Operation | None:
    """The declared operation of the current request's path: its method's, or (a 405) the path's first one.

    None when no declared route has this path (a 404) or its view was not declared with ``@endpoint``.
    """
    endpoint_name = request.url_rule.endpoint if request.url_rule is not None else None
    if endpoint_name is None and isinstance(request.routing_exception, MethodNotAllowed):
        methods = sorted(request.routing_exception.valid_methods or ())
        if methods:
            adapter = current_app.url_map.bind_to_environ(request.environ)
            endpoint_name = adapter.match(method=methods[0])[0]
    view = current_app.view_functions.get(endpoint_name) if endpoint_name is not None else None
    return getattr(view, "operation", None)
