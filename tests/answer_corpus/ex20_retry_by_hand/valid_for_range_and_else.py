# valid: for attempt in range(1, tries + 1), `continue` after each wait, the last failure raised after the loop
import time

import requests


def send_with_retry(method, url, json=None, attempts=3, base_delay=0.5, sleep=time.sleep):
    safe = method.upper() in ("GET", "HEAD", "OPTIONS", "PUT", "DELETE")
    tries = attempts if safe else 1
    failure = None
    for attempt in range(1, tries + 1):
        backoff = base_delay * 2 ** (attempt - 1)
        try:
            response = requests.request(method, url, json=json, timeout=(3.05, 10))
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as error:
            failure = error
            if attempt < tries:
                sleep(backoff)
            continue
        if response.status_code in (502, 503, 504):
            failure = None
            if attempt < tries:
                retry_after = response.headers.get("Retry-After")
                sleep(int(retry_after) if retry_after and retry_after.isdigit() else backoff)
                continue
            response.raise_for_status()
        return response
    raise failure
