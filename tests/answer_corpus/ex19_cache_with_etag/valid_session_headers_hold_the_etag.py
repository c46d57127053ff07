# valid: a Session on self whose headers hold If-None-Match, set or removed after each 200
from http import HTTPStatus

import requests


class MenuCache:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        self.dishes: list[dict] = []

    def get_menu(self) -> list[dict]:
        response = self.session.get(f"{self.base_url}/menu", timeout=5)
        if response.status_code == HTTPStatus.NOT_MODIFIED:
            return self.dishes
        response.raise_for_status()
        self.dishes = response.json()["items"]
        etag = response.headers.get("ETag")
        if etag:
            self.session.headers["If-None-Match"] = etag
        else:
            self.session.headers.pop("If-None-Match", None)
        return self.dishes
