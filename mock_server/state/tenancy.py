"""Which tenant (kitchen) a request belongs to.

Single-kitchen mode: everyone shares ``default``. Workshop mode (issue 7,
``mock_server.workshop``) puts the team's tenant in the request's WSGI
environ under ``TENANT_KEY``; nothing else needs to change, since every
resource reads its state through ``store.current_state()``.
"""

from __future__ import annotations

from flask import has_request_context, request

DEFAULT_TENANT = "default"  # the one kitchen outside workshop mode
TENANT_KEY = "mock_server.tenant"


def tenant_name() -> str:
    if has_request_context():
        return str(request.environ.get(TENANT_KEY, DEFAULT_TENANT))
    return DEFAULT_TENANT
