# valid: ConnectTimeout and ReadTimeout caught in two except clauses, json.loads on the bytes, an early return
import json

import requests
from requests.exceptions import ConnectTimeout, ReadTimeout


def todays_specials(base_url, read_timeout=2.0, connect_timeout=3.05, delay=None):
    query = {"delay": delay} if delay is not None else None
    try:
        response = requests.get(base_url + "/kitchen/specials", params=query, timeout=(connect_timeout, read_timeout))
    except ConnectTimeout:
        return []
    except ReadTimeout:
        return []
    if not response.ok:
        response.raise_for_status()
    return json.loads(response.content)["items"]
