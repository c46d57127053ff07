"""Exercise 1: The anatomy of a request.

The story
---------
Before you talk to the waiter, you write your order on a slip of paper. You
do not hand it over yet: you look at it first. Is everything on it?

An HTTP request is such a slip. Here are two, as they travel to the kitchen:

    GET /menu?category=pizza HTTP/1.1        1. method   2. URL path   3. query (after the ?)
    Host: 127.0.0.1:8000                     2. URL host (and port)
    Accept: application/json                 4. a header

    POST /orders HTTP/1.1                    1. method   2. URL path (no query this time)
    Host: 127.0.0.1:8000                     2. URL host (and port)
    Accept: application/json                 4. headers, one per line ...
    Content-Type: application/json
                                             ... until an empty line
    {"table_id": 3, "items": [...]}          5. the body

- The method says what to do: GET asks to read something; POST asks the
  kitchen to create something new (an order, a table).
- The URL says where: `http://127.0.0.1:8000/orders` is the kitchen at
  127.0.0.1, port 8000, and the path `/orders`.
- The query adds options to the URL after a `?`: `/menu?category=pizza`.
  `requests` writes it for you from a dict: `params={"category": "pizza"}`.
- Headers are `Name: value` lines about the request. `Accept:
  application/json` says "please answer in JSON"; `Content-Type:
  application/json` says "the body I send is JSON".
- The body is the data itself. A GET has none. `json={...}` turns a dict into
  a JSON body AND sets the Content-Type header; `data=` does neither for you.

`requests.get(...)` and `requests.post(...)` build the slip and send it in one
go. In this exercise you only build it, with
`requests.Request(method, url, params=..., headers=..., json=...).prepare()`,
and return the `requests.PreparedRequest`: the exact request, ready to send.
Nothing goes over the network. (Look at one in a Python shell: `.method`,
`.url`, `.headers` and `.body` are the parts above.)

Your task
---------
1. `build_menu_request(base_url, category, max_price=None)` builds the request
   "show me the menu, only this category (and only up to this price)":

   - method GET, URL `{base_url}/menu`
   - query: `category=<category>`, and `max_price=<max_price>` only when
     max_price is not None
   - header `Accept: application/json`
   - no body

2. `build_order_request(base_url, table_id, dish_id, quantity, notes=None)`
   builds the request "table 3 would like two of dish 11":

   - method POST, URL `{base_url}/orders`, no query
   - header `Accept: application/json`
   - a JSON body (Content-Type: application/json), shaped as the kitchen's
     docs describe a new order:

         {"table_id": 3, "items": [{"dish_id": 11, "quantity": 2}], "notes": "no basil"}

     with `"notes"` only when notes is not None.

Read: https://requests.readthedocs.io/en/latest/user/advanced/#prepared-requests
and https://requests.readthedocs.io/en/latest/user/quickstart/#more-complicated-post-requests
"""

from typing import Optional

import requests


def build_menu_request(base_url: str, category: str, max_price: Optional[float] = None) -> requests.PreparedRequest:
    """Build (do not send) GET {base_url}/menu?category=...[&max_price=...] asking for JSON."""
    raise NotImplementedError


def build_order_request(
    base_url: str, table_id: int, dish_id: int, quantity: int, notes: Optional[str] = None
) -> requests.PreparedRequest:
    """Build (do not send) POST {base_url}/orders with a JSON body for one dish, asking for JSON."""
    raise NotImplementedError
