# wrong: keeps the ETag and the dishes in class attributes, shared by every cache
# expect: not in a class attribute or a global
"""Exercise 19: Cache with an ETag."""

from typing import Optional

import requests


class MenuCache:
    """The menu, fetched once and then only checked with If-None-Match."""

    etag: Optional[str] = None
    dishes: list[dict] = []  # noqa: RUF012 (the mistake this answer makes)

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def get_menu(self) -> list[dict]:
        """The dishes on the menu: from the kitchen when it changed, from the cache on 304."""
        headers = {}
        if self.etag is not None:
            headers["If-None-Match"] = self.etag
        response = requests.get(f"{self.base_url}/menu", headers=headers, timeout=5)
        if response.status_code == 304:
            return self.dishes
        response.raise_for_status()
        MenuCache.dishes = response.json()["items"]
        MenuCache.etag = response.headers.get("ETag")
        return self.dishes
