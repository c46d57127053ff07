# wrong: decodes the 201's body by hand as ASCII, so a guest's name with an accent (Chloé) breaks the booking
# expect: UnicodeDecodeError
import json
from typing import NamedTuple
from urllib.parse import urljoin

import requests


class Booking(NamedTuple):
    table_id: int
    location: str


def book_table(base_url, name, party_size):
    response = requests.post(f"{base_url}/tables", json={"name": name, "party_size": party_size}, timeout=5)
    response.raise_for_status()
    table = json.loads(response.content.decode("ascii"))
    return Booking(table_id=table["id"], location=urljoin(response.url, response.headers["Location"]))
