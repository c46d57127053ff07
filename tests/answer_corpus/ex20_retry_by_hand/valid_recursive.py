# valid: recursion, one try per call, with the status set written out
"""Exercise 20: Retry by hand."""

import time
from typing import Any, Callable, Optional

import requests


def send_with_retry(
    method: str,
    url: str,
    json: Optional[Any] = None,
    attempts: int = 3,
    base_delay: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> requests.Response:
    """Send the request, retrying transient failures (502/503/504, connection errors) with backoff."""
    may_retry = attempts > 1 and method.upper() not in ("POST", "PATCH")
    try:
        response = requests.request(method.upper(), url, json=json, timeout=5)
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout):
        if not may_retry:
            raise
        sleep(base_delay)
        return send_with_retry(method, url, json, attempts - 1, base_delay * 2, sleep)
    if response.status_code not in {502, 503, 504}:
        return response
    if not may_retry:
        response.raise_for_status()
    retry_after = response.headers.get("Retry-After")
    sleep(int(retry_after) if retry_after is not None else base_delay)
    return send_with_retry(method, url, json, attempts - 1, base_delay * 2, sleep)
