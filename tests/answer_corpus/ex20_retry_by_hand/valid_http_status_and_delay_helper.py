# valid: the transient statuses as http.HTTPStatus members, a helper for the wait, try/except/else in a while loop
import time
from http import HTTPStatus

import requests

TRANSIENT = {HTTPStatus.BAD_GATEWAY, HTTPStatus.SERVICE_UNAVAILABLE, HTTPStatus.GATEWAY_TIMEOUT}
IDEMPOTENT = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}


def _delay(response, attempt, base_delay):
    """Retry-After in seconds when the kitchen sends a number, else the backoff of this attempt."""
    header = response.headers.get("Retry-After", "") if response is not None else ""
    if header.strip().isdigit():
        return int(header)
    return base_delay * (2 ** (attempt - 1))


def send_with_retry(method, url, json=None, attempts=3, base_delay=0.5, sleep=time.sleep):
    tries = attempts if method.upper() in IDEMPOTENT else 1
    attempt = 1
    while True:
        try:
            response = requests.request(method, url, json=json, timeout=5)
        except (requests.ConnectionError, requests.Timeout):
            if attempt == tries:
                raise
            response = None
        else:
            if response.status_code not in TRANSIENT:
                return response
            if attempt == tries:
                response.raise_for_status()
        sleep(_delay(response, attempt, base_delay))
        attempt += 1
