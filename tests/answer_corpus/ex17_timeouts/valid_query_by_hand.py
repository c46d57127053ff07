# valid: builds the query string by hand and checks response.ok
"""Exercise 17: Timeouts."""

from typing import Optional

import requests


def todays_specials(
    base_url: str,
    read_timeout: float = 2.0,
    connect_timeout: float = 3.05,
    delay: Optional[float] = None,
) -> list[dict]:
    """Return today's specials, or [] if the kitchen does not answer in time."""
    url = f"{base_url}/kitchen/specials" + ("" if delay is None else f"?delay={delay}")
    try:
        response = requests.get(url, timeout=(connect_timeout, read_timeout))
    except requests.Timeout:
        return []
    if not response.ok:
        response.raise_for_status()
    return response.json()["items"]
