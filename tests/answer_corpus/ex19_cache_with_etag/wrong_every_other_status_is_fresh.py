# wrong: treats every answer that is not 200 as 'still good' and returns the kept dishes
# expect: it raises HTTPError
"""Exercise 19: Cache with an ETag."""

from typing import Optional

import requests


class MenuCache:
    """The menu, fetched once and then only checked with If-None-Match."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.etag: Optional[str] = None
        self.dishes: list[dict] = []

    def get_menu(self) -> list[dict]:
        """The dishes on the menu: from the kitchen when it changed, from the cache on 304."""
        headers = {}
        if self.etag is not None:
            headers["If-None-Match"] = self.etag
        response = requests.get(f"{self.base_url}/menu", headers=headers, timeout=5)
        if response.status_code != 200:
            return self.dishes
        response.raise_for_status()
        self.dishes = response.json()["items"]
        self.etag = response.headers.get("ETag")
        return self.dishes
