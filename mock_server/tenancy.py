"""Which tenant (kitchen) a request belongs to.

Single-kitchen mode: everyone shares ``default``. Workshop mode (issue 7) will
map a team token to the team's name here; nothing else needs to change, since
every resource reads its state through ``store.current_state()``.
"""

from __future__ import annotations

from .store import DEFAULT_TENANT


def tenant_name() -> str:
    return DEFAULT_TENANT
