# valid: a Session, `response.ok` checked first, the Location made absolute by a helper (urljoin on response.url)
from typing import NamedTuple
from urllib.parse import urljoin

import requests


class Booking(NamedTuple):
    table_id: int
    location: str


def _absolute(response: requests.Response, location: str) -> str:
    return urljoin(response.url, location)


def book_table(base_url, name, party_size):
    with requests.Session() as session:
        response = session.post(base_url + "/tables", json=dict(name=name, party_size=party_size), timeout=5)
    if not response.ok:
        response.raise_for_status()
    table = response.json()
    return Booking(table["id"], _absolute(response, response.headers.get("Location", "")))
