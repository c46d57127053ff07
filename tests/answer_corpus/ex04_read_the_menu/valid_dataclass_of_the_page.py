# valid: a dataclass for the menu page, its dishes copied out with a list comprehension
from dataclasses import dataclass

import requests


@dataclass
class MenuPage:
    items: list
    count: int


def get_menu(base_url: str) -> list[dict]:
    response = requests.get(f"{base_url}/menu", timeout=5)
    if not response.ok:
        raise requests.HTTPError(f"{response.status_code} for {response.url}", response=response)
    data = response.json()
    page = MenuPage(items=data["items"], count=data.get("count", len(data["items"])))
    return [dish for dish in page.items]
