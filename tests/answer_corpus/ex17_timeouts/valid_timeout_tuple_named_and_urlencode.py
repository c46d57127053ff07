# valid: the (connect, read) pair named first, the query written with urlencode, .get("items", [])
from urllib.parse import urlencode

import requests


def todays_specials(base_url: str, read_timeout: float = 2.0, connect_timeout: float = 3.05, delay=None) -> list:
    timeouts = (connect_timeout, read_timeout)
    url = f"{base_url}/kitchen/specials"
    if delay is not None:
        url += "?" + urlencode({"delay": delay})
    try:
        response = requests.get(url, timeout=timeouts)
    except (requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout):
        return []
    response.raise_for_status()
    return response.json().get("items", [])
