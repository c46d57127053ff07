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
- ``LIMITS``: caps of a kitchen's collections, e.g. ``{"orders": 5000}`` (see ``caps``).
- ``KITCHEN_BYTES``: the memory one kitchen's records may take (None: only the caps); a workshop sets it
  to its fair share of the room (see ``caps``).
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

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mock_server.app_factory import DEFAULTS, create_app

__all__ = ["DEFAULTS", "create_app"]


def __getattr__(name: str) -> Any:
    """`create_app` and `DEFAULTS`, from `app_factory` on first use (PEP 562).

    Importing the package stays free of flask: the kata's test runs use its flask-free modules (the problem
    types, the masking of secrets) and must not pay the web framework's start-up (about 80 ms) for them.
    """
    if name in __all__:
        from mock_server import app_factory

        return getattr(app_factory, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
