"""`create_app(config)`: the restaurant's Flask app, with its own store (see the package's docstring for the keys)."""

from __future__ import annotations

from typing import Any

try:
    from flask import Flask
    from flask.json.provider import DefaultJSONProvider
except ModuleNotFoundError as missing:  # say what to install, not a traceback
    from mock_server.serving.needs import explain_missing

    explain_missing(missing)

from mock_server.contract import problems
from mock_server.resources.kitchen import MAX_SPECIALS_DELAY, SPECIALS_DELAY
from mock_server.serving import forwarded, guard, hooks
from mock_server.state.store import Store

DEFAULTS: dict[str, Any] = {
    "CLOCK": "real",
    "COOK_SECONDS": {"received": 2.0, "cooking": 5.0},
    "RATE_LIMIT": {"limit": 60, "window": 10.0},
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "TOKEN_SECONDS": 3600,
    "SPECIALS_DELAY": SPECIALS_DELAY,
    "SPECIALS_MAX_DELAY": MAX_SPECIALS_DELAY,
    "JOURNAL_LIMIT": 1000,
    "JOURNAL_BODY_LIMIT": 10_000,
    "WEBHOOK_TIMEOUT": 2.0,
    "WORKSHOP": None,
    "ALLOWED_HOSTS": [],
    "TRUSTED_PROXIES": [],
    "FORWARDED_HEADER": "x-forwarded-for",
    "LIMITS": {},
    "KITCHEN_BYTES": None,
    "JOURNAL_BYTES": 4 * 1024 * 1024,
    "JOURNAL_TOTAL_BYTES": 64 * 1024 * 1024,
}

__all__ = ["DEFAULTS", "create_app"]


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build a new restaurant app with its own store (no global state)."""
    app = Flask("mock_server")  # the package: its name and folder, as before create_app moved here
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("MOCK_SERVER")
    if config:
        app.config.update(config)
    _normalise(app.config)
    app.json = SafeJSONProvider(app)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["mock_server.state.store"] = Store(app.config)

    problems.init_app(app)
    hooks.init_app(app)
    from mock_server.docs.openapi import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    from mock_server import workshop

    workshop.init_app(app)  # a no-op unless config["WORKSHOP"] is set
    guard.init_app(app)  # a foreign Host or Origin is refused before anything else...
    forwarded.init_app(app)  # ...once a trusted reverse proxy's headers said who the client is (outermost)
    return app


class SafeJSONProvider(DefaultJSONProvider):
    """jsonify as usual (UTF-8, not ASCII-escaped), but a string that UTF-8 cannot hold (a lone surrogate)
    is written as its JSON escape instead of failing: every reader answers, whatever was stored."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        text = super().dumps(obj, **kwargs)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return super().dumps(obj, **{**kwargs, "ensure_ascii": True})
        return text


def _normalise(config: Any) -> None:
    if config["CLOCK"] not in ("real", "manual"):
        raise ValueError(f"CLOCK must be 'real' or 'manual', not {config['CLOCK']!r}")
    cook = dict(DEFAULTS["COOK_SECONDS"])
    cook.update(config["COOK_SECONDS"] or {})
    config["COOK_SECONDS"] = {name: float(seconds) for name, seconds in cook.items()}
    limit = config["RATE_LIMIT"]
    if limit:
        if not (isinstance(limit, dict) and limit.get("limit", 0) >= 1 and limit.get("window", 0) > 0):
            raise ValueError(f"RATE_LIMIT must be None or {{'limit': int >= 1, 'window': seconds > 0}}, not {limit!r}")
    else:
        config["RATE_LIMIT"] = None
