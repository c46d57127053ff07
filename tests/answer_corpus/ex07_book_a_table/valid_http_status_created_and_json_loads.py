# valid: http.HTTPStatus.CREATED compared, json.loads on the bytes, the Location resolved against the request's URL
import json
from http import HTTPStatus
from typing import NamedTuple
from urllib.parse import urljoin

import requests


class Booking(NamedTuple):
    table_id: int
    location: str


def book_table(base_url: str, name: str, party_size: int) -> Booking:
    url = f"{base_url}/tables"
    response = requests.post(url, json={"name": name, "party_size": party_size}, timeout=5)
    if response.status_code != HTTPStatus.CREATED:
        response.raise_for_status()
    created = json.loads(response.content)
    return Booking(table_id=created["id"], location=urljoin(response.request.url, response.headers["location"]))
