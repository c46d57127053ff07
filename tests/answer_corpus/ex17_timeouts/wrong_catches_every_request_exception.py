# wrong: catches requests.RequestException, hiding a refused connection and a malformed URL
# expect: Catch only the timeouts
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
    params = {}
    if delay is not None:
        params["delay"] = delay
    try:
        response = requests.get(f"{base_url}/kitchen/specials", params=params, timeout=(connect_timeout, read_timeout))
    except requests.RequestException:
        return []
    response.raise_for_status()
    return response.json()["items"]
