# valid: a Session whose headers hold the key for every try, the transient statuses as http.HTTPStatus members
import time
import uuid
from http import HTTPStatus

import requests

TRANSIENT = (HTTPStatus.BAD_GATEWAY, HTTPStatus.SERVICE_UNAVAILABLE, HTTPStatus.GATEWAY_TIMEOUT)


def pay(base_url, order_id, amount, tip=0.0, attempts=3, delay=1.0, timeout=5.0, sleep=time.sleep):
    payment = {"order_id": order_id, "amount": amount, "tip": tip}
    with requests.Session() as session:
        session.headers["Idempotency-Key"] = uuid.uuid4().hex
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            try:
                response = session.post(f"{base_url}/payments", json=payment, timeout=timeout)
            except (requests.ConnectionError, requests.Timeout):
                if last:
                    raise
                sleep(delay)
                continue
            if response.status_code in TRANSIENT and not last:
                sleep(delay)
                continue
            response.raise_for_status()
            return response.json()
