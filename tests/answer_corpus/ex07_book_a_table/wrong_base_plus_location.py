# wrong: glues the base URL and the Location header together
# expect: joining it to base_url by hand
from typing import NamedTuple

import requests


class Booking(NamedTuple):
    """A table you sat down at. Already written: return one, e.g. `Booking(table_id=3, location="http://...")`."""

    table_id: int
    location: str


def book_table(base_url: str, name: str, party_size: int) -> Booking:
    """Sit down: POST {base_url}/tables; return the new table's id and full URL. Raise requests.HTTPError on errors."""
    response = requests.post(f"{base_url}/tables", json={"name": name, "party_size": party_size}, timeout=5)
    response.raise_for_status()
    return Booking(table_id=response.json()["id"], location=base_url + response.headers["Location"])
