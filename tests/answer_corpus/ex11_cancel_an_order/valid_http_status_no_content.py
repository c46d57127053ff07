# valid: http.HTTPStatus names compared, a Session, and an explicit HTTPError for everything else
from http import HTTPStatus

import requests


def cancel_order(base_url: str, order_id: int) -> bool:
    with requests.Session() as session:
        response = session.delete(f"{base_url}/orders/{order_id}", timeout=5)
    if response.status_code == HTTPStatus.CONFLICT:
        return False
    if response.status_code in (HTTPStatus.OK, HTTPStatus.NO_CONTENT):
        return True
    response.raise_for_status()
    raise requests.HTTPError(f"unexpected {response.status_code}", response=response)
