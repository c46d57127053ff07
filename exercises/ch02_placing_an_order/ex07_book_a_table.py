"""Exercise 7: Book a table.

The story
---------
Until now you only looked. Now you sit down: you ask the waiter for a table,
and the kitchen *creates* something new for you, a table with your name on it.

Creating is what POST is for. You send the new thing's data as a JSON body;
the kitchen answers `201 Created`, with the new table in the body and its
address in the `Location` header:

    POST /tables                      ->  201 Created
    Content-Type: application/json        Location: /tables/3
                                          {"id": 3, "name": "Ada", "party_size": 2, "status": "seated"}
    {"name": "Ada", "party_size": 2}

If the body is wrong (a party of 0, a missing name), the kitchen refuses with
`422 Unprocessable Content` and creates nothing. A 422 is an error: never
carry on as if you had a table.

`json=your_dict` writes the JSON body AND sets `Content-Type: application/json`;
`data=your_dict` would send a web form instead, which this kitchen refuses.

The Location header holds a *path* here (`/tables/3`); other servers send a
full URL. Either way it is relative to the address you asked, and
`urllib.parse.urljoin(response.url, location)` turns it into a full URL:
`http://127.0.0.1:8000/tables/3`.

Your task
---------
Write `book_table(base_url, name, party_size)`. It sends
`POST {base_url}/tables` with the JSON body `{"name": ..., "party_size": ...}`
(and a timeout), and returns a `Booking` (written for you, below):

- `table_id`: the `id` of the new table, from the answer's body;
- `location`: the full URL of the new table, from the `Location` header.

On an error status (a 422, or anything else 4xx/5xx), raise `requests.HTTPError`.

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#more-complicated-post-requests
and https://requests.readthedocs.io/en/latest/user/quickstart/#response-headers
"""

from typing import NamedTuple
from urllib.parse import urljoin

import requests


class Booking(NamedTuple):
    """A table you sat down at. Already written: return one, e.g. `Booking(table_id=3, location="http://...")`."""

    table_id: int
    location: str


def book_table(base_url: str, name: str, party_size: int) -> Booking:
    """Sit down: POST {base_url}/tables; return the new table's id and full URL. Raise requests.HTTPError on errors."""
    raise NotImplementedError
