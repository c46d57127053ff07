# valid: a match statement on the status, json.loads(response.text), the URL built with urljoin
import json
from urllib.parse import urljoin

import requests


class DishNotFound(Exception):
    def __init__(self, dish_id: int, detail: str) -> None:
        super().__init__(f"There is no dish {dish_id}: {detail}")
        self.dish_id = dish_id
        self.detail = detail


def look_up_dish(base_url: str, dish_id: int) -> dict:
    response = requests.get(urljoin(base_url + "/", f"menu/{dish_id}"), timeout=5)
    match response.status_code:
        case 200:
            return json.loads(response.text)
        case 404:
            raise DishNotFound(dish_id, json.loads(response.text)["detail"])
        case _:
            response.raise_for_status()
            return json.loads(response.text)
