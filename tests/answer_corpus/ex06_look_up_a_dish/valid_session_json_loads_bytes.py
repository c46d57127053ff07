# valid: a Session, urllib.parse.quote for the id in the path, json.loads on the raw bytes
import json
from urllib.parse import quote

import requests


class DishNotFound(Exception):
    """The kitchen has no dish with this id (it answered 404). Already written: raise it, do not change it."""

    def __init__(self, dish_id: int, detail: str) -> None:
        super().__init__(f"There is no dish {dish_id}: {detail}")
        self.dish_id = dish_id
        self.detail = detail


def look_up_dish(base_url, dish_id):
    with requests.Session() as session:
        response = session.get(f"{base_url}/menu/{quote(str(dish_id))}", timeout=5)
    if response.status_code == 404:
        raise DishNotFound(dish_id, json.loads(response.content)["detail"])
    response.raise_for_status()
    return json.loads(response.content)
