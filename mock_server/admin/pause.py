"""A request that waits on purpose (``/kitchen/specials``, a latency fault): ``pause(seconds)``.

Waiting holds one of the server's worker threads. In a workshop the room shares them, so each
team's waits are capped (``workshop.limits.SlowGate``, in ``app.extensions["mock_server.slow_gate"]``):
past the cap the request is answered at once with 429 and ``Retry-After``. The wait itself is
``app.extensions["mock_server.sleep"]`` when a test sets one (default ``time.sleep``).
"""

from __future__ import annotations

import time

from flask import current_app

from mock_server.state.tenancy import tenant_name

GATE_KEY = "mock_server.slow_gate"
SLEEP_KEY = "mock_server.sleep"


def pause(seconds: float) -> None:
    """Wait ``seconds`` of real time, or raise ApiError (429) when the team already waits too much."""
    if seconds <= 0:
        return
    extensions = current_app.extensions
    sleep = extensions.get(SLEEP_KEY, time.sleep)
    gate = extensions.get(GATE_KEY)
    if gate is None:
        sleep(seconds)
        return
    with gate.waiting(tenant_name(), seconds):
        sleep(seconds)
