# wrong: retries GET only, not the other idempotent methods (PUT, DELETE, ...)
# expect: is idempotent
"""Exercise 20: Retry by hand."""

import time
from typing import Any, Callable, Optional

import requests

TRANSIENT_STATUSES = (502, 503, 504)
SAFE_TO_REPEAT = ("GET",)


def send_with_retry(
    method: str,
    url: str,
    json: Optional[Any] = None,
    attempts: int = 3,
    base_delay: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> requests.Response:
    """Send the request, retrying transient failures (502/503/504, connection errors) with backoff."""
    tries = attempts if method.upper() in SAFE_TO_REPEAT else 1
    attempt = 1
    while True:
        backoff = base_delay * 2 ** (attempt - 1)
        try:
            response = requests.request(method, url, json=json, timeout=5)
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout):
            if attempt >= tries:
                raise
            wait = backoff
        else:
            if response.status_code not in TRANSIENT_STATUSES:
                return response
            if attempt >= tries:
                response.raise_for_status()
            retry_after = response.headers.get("Retry-After", "")
            wait = int(retry_after) if retry_after.strip().isdigit() else backoff
        sleep(wait)
        attempt += 1
