# valid: a Session, http.HTTPStatus.OK, a for loop over each page's items, `while cursor is not None` after page one
import json
from http import HTTPStatus

import requests


def _page(session, url, params):
    response = session.get(url, params=params, timeout=5)
    if response.status_code != HTTPStatus.OK:
        response.raise_for_status()
    return json.loads(response.text)


def all_reviews(base_url: str, page_size: int = 20) -> list[dict]:
    url = f"{base_url}/reviews"
    found = []
    with requests.Session() as session:
        page = _page(session, url, {"limit": page_size})
        for item in page["items"]:
            found.append(item)
        cursor = page["next"]
        while cursor is not None:
            page = _page(session, url, {"limit": page_size, "cursor": cursor})
            for item in page["items"]:
                found.append(item)
            cursor = page["next"]
    return found
