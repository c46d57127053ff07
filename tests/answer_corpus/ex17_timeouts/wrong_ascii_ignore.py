# wrong: decodes the specials as ASCII, dropping what is not (to get rid of a UnicodeDecodeError), so aïoli is aoli
# expect: 'Squid, aoli.'
import json

import requests


def todays_specials(base_url, read_timeout=2.0, connect_timeout=3.05, delay=None):
    params = {} if delay is None else {"delay": delay}
    try:
        response = requests.get(f"{base_url}/kitchen/specials", params=params, timeout=(connect_timeout, read_timeout))
    except requests.Timeout:
        return []
    response.raise_for_status()
    return json.loads(response.content.decode("ascii", "ignore"))["items"]
