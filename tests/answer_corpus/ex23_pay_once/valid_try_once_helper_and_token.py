# valid: a helper that tries once (the error returned when the answer is lost), a key from secrets.token_urlsafe
import secrets
import time

import requests


def _try_once(url, body, key, timeout):
    try:
        return requests.post(url, json=body, headers={"Idempotency-Key": key}, timeout=timeout), None
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as error:
        return None, error


def pay(base_url, order_id, amount, tip=0.0, attempts=3, delay=1.0, timeout=5.0, sleep=time.sleep):
    key = secrets.token_urlsafe(24)
    body = {"order_id": order_id, "amount": amount, "tip": tip}
    tries_left = attempts
    while True:
        tries_left -= 1
        response, lost = _try_once(f"{base_url}/payments", body, key, timeout)
        transient = response is None or response.status_code in (502, 503, 504)
        if transient and tries_left > 0:
            sleep(delay)
            continue
        if response is None:
            raise lost
        response.raise_for_status()
        return response.json()
