"""The workshop's own Flask app (``/__workshop/...``): its blueprints, written once, and their shared parts.

``BLUEPRINTS`` is every blueprint of the workshop, in the order its docs list their paths: the app
registers these, and ``docs.openapi`` documents their operations (declared with ``models.route``).
The restaurant's problem details answer every error; none of the restaurant's hooks apply (``workshop``).
"""

from __future__ import annotations

from flask import Flask

from mock_server.contract import problems
from mock_server.serving.encoding import refuse_codings
from mock_server.workshop import board_views, course_views, notepad_views, report_views, team_views
from mock_server.workshop.budgets import SlowGate
from mock_server.workshop.notepads import DESK_KEY, NotepadDesk
from mock_server.workshop.registry import Registry
from mock_server.workshop.relay import Relay

BLUEPRINTS = (team_views.bp, report_views.bp, board_views.bp, notepad_views.bp, course_views.bp)


def create_workshop_app(
    registry: Registry, relay: Relay, slow: SlowGate | None = None, desk: NotepadDesk | None = None
) -> Flask:
    app = Flask("mock_server.workshop")
    app.config["MAX_CONTENT_LENGTH"] = 256 * 1024
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["mock_server.workshop"] = registry
    app.extensions["mock_server.workshop.relay"] = relay
    app.extensions["mock_server.workshop.slow"] = slow or SlowGate()
    app.extensions[DESK_KEY] = desk if desk is not None else NotepadDesk()  # the notepads the facilitator asked for
    problems.init_app(app)
    app.before_request(refuse_codings)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app
