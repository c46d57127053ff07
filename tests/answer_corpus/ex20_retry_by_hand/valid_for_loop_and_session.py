# valid: a for loop over the tries, a Session, float(Retry-After)
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
    tries = attempts if method.upper() in {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"} else 1
    with requests.Session() as session:
        for attempt in range(tries):
            last = attempt == tries - 1
            try:
                response = session.request(method, url, json=json, timeout=(3.05, 10))
            except (requests.ConnectionError, requests.Timeout):
                if last:
                    raise
                sleep(base_delay * 2**attempt)
                continue
            if response.status_code in (502, 503, 504):
                if last:
                    response.raise_for_status()
                header = response.headers.get("Retry-After")
                sleep(float(header) if header else base_delay * 2**attempt)
                continue
            return response
    raise AssertionError("unreachable")
