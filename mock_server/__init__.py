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
- ``JOURNAL_LIMIT`` / ``JOURNAL_BODY_LIMIT``: entries kept (1000) and body
  characters recorded per entry (10000).
- ``WEBHOOK_TIMEOUT``: seconds the kitchen waits for a ``callback_url`` to answer (2);
  see ``webhooks``.
- ``WORKSHOP``: None, or workshop mode's settings (one kitchen per team, the
  facilitator's board); see ``workshop``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from . import hooks, problems
from .store import Store

DEFAULTS: dict[str, Any] = {
    "CLOCK": "real",
    "COOK_SECONDS": {"received": 2.0, "cooking": 5.0},
    "RATE_LIMIT": {"limit": 60, "window": 10.0},
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "TOKEN_SECONDS": 3600,
    "SPECIALS_DELAY": 2.0,
    "SPECIALS_MAX_DELAY": 10.0,
    "JOURNAL_LIMIT": 1000,
    "JOURNAL_BODY_LIMIT": 10_000,
    "WEBHOOK_TIMEOUT": 2.0,
    "WORKSHOP": None,
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
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["mock_server.store"] = Store(app.config)

    problems.init_app(app)
    hooks.init_app(app)
    from . import admin, auth, docs, kitchen, menu, orders, payments, reviews, tables, webhooks

    webhooks.init_app(app)

    for module in (menu, tables, orders, kitchen, payments, auth, reviews, admin, docs):
        app.register_blueprint(module.bp)
    from . import workshop

    workshop.init_app(app)  # a no-op unless config["WORKSHOP"] is set
    return app


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
