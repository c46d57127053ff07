# wrong: parses the menu from response.content.decode("latin-1"), so Crème fraîche comes back as CrÃ¨me
# expect: CrÃ¨me
import json

import requests


class MenuCache:
    def __init__(self, base_url):
        self.base_url = base_url
        self.etag = None
        self.dishes = []

    def get_menu(self):
        headers = {"If-None-Match": self.etag} if self.etag else {}
        response = requests.get(f"{self.base_url}/menu", headers=headers, timeout=5)
        if response.status_code == 304:
            return self.dishes
        response.raise_for_status()
        self.dishes = json.loads(response.content.decode("latin-1"))["items"]
        self.etag = response.headers.get("ETag")
        return self.dishes
