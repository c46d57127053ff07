# valid: the delay written into the query as float(delay) with an f-string, so 0 goes as "0.0"
import requests


def todays_specials(base_url, read_timeout=2.0, connect_timeout=3.05, delay=None):
    url = f"{base_url}/kitchen/specials"
    if delay is not None:
        url = f"{url}?delay={float(delay)}"
    try:
        response = requests.get(url, timeout=(connect_timeout, read_timeout))
    except requests.exceptions.Timeout:
        return []
    response.raise_for_status()
    return response.json()["items"]
