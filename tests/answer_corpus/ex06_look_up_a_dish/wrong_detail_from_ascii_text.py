# wrong: decodes the problem by hand as ASCII, dropping what is not, so the kitchen's words lose their accents
# expect: kitchen
import json

import requests


class DishNotFound(Exception):
    """The kitchen has no dish with this id (it answered 404). Already written: raise it, do not change it."""

    def __init__(self, dish_id: int, detail: str) -> None:
        super().__init__(f"There is no dish {dish_id}: {detail}")
        self.dish_id = dish_id
        self.detail = detail


def look_up_dish(base_url, dish_id):
    response = requests.get(f"{base_url}/menu/{dish_id}", timeout=5)
    if response.status_code == 404:
        raise DishNotFound(dish_id, json.loads(response.content.decode("ascii", "ignore"))["detail"])
    response.raise_for_status()
    return response.json()
