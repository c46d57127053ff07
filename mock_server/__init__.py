"""The restaurant: a small, well-behaved HTTP API for learning ``requests``.

``create_app(config)`` builds the Flask app; ``flask --app mock_server run``
and ``python -m mock_server`` (waitress) serve it. Configuration keys, all
optional (also read from ``MOCK_SERVER_<KEY>`` environment variables, JSON
values allowed):

- ``CLOCK``: ``"real"`` (default) or ``"manual"`` (time moves only through
  ``POST /__admin/clock``).
- ``COOK_SECONDS``: ``{"received": 2, "cooking": 5}``, seconds an order spends
  in each state before it moves on.
- ``RATE_LIMIT``: ``{"limit": 60, "window": 10}`` requests per window (clock
  seconds) per client, or ``None`` for no limit.
- ``MAX_CONTENT_LENGTH``: largest request body in bytes (1 MiB) before 413.
- ``TOKEN_SECONDS``: lifetime of a bearer token (3600).
- ``SPECIALS_DELAY`` / ``SPECIALS_MAX_DELAY``: default and largest wait of
  ``GET /kitchen/specials`` in real seconds (2 and 10).
- ``JOURNAL_LIMIT`` / ``JOURNAL_BODY_LIMIT`` / ``JOURNAL_BYTES``: entries kept (1000), body bytes
  recorded per entry (10000, a preview) and bytes kept per kitchen (4 MiB); ``JOURNAL_TOTAL_BYTES``:
  for all the kitchens of a workshop (64 MiB). See ``journal``.
- ``LIMITS``: caps of a kitchen's collections, e.g. ``{"orders": 5000}`` (see ``limits``).
- ``ALLOWED_HOSTS``: host names the kitchen answers to besides the loopback ones (``["*"]``: any);
  see ``guard``.
- ``TRUSTED_PROXIES``: addresses or networks of reverse proxies whose forwarded headers give the client's
  address (``["127.0.0.1"]``); ``FORWARDED_HEADER``: which one they set (``"x-forwarded-for"`` or
  ``"forwarded"``); see ``forwarded``.
- ``WEBHOOK_TIMEOUT``: seconds the kitchen waits for a ``callback_url`` to answer (2);
  see ``webhooks``.
- ``WORKSHOP``: None, or workshop mode's settings (one kitchen per team, the
  facilitator's board); see ``workshop``.
"""

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
    "JOURNAL_BYTES": 4 * 1024 * 1024,
    "JOURNAL_TOTAL_BYTES": 64 * 1024 * 1024,
}

__all__ = ["DEFAULTS", "create_app"]


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build a new restaurant app with its own store (no global state)."""
    app = Flask(__name__)
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
