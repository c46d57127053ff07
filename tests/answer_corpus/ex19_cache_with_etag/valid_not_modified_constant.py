# valid: compares with requests.codes.not_modified and reads the header in lower case
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
        headers = {"If-None-Match": self.etag} if self.etag else {}
        response = requests.get(f"{self.base_url}/menu", headers=headers, timeout=5)
        if response.status_code == requests.codes.not_modified:
            return self.dishes
        response.raise_for_status()
        self.dishes = response.json()["items"]
        self.etag = response.headers.get("etag")
        return self.dishes
