# valid: http.HTTPStatus.NOT_FOUND, the detail read with .get(), `response.ok` then raise_for_status
from http import HTTPStatus

import requests


class DishNotFound(Exception):
    def __init__(self, dish_id: int, detail: str) -> None:
        super().__init__(f"There is no dish {dish_id}: {detail}")
        self.dish_id = dish_id
        self.detail = detail


def look_up_dish(base_url, dish_id):
    response = requests.get(f"{base_url}/menu/{int(dish_id)}", timeout=5)
    if response.ok:
        return response.json()
    if response.status_code == HTTPStatus.NOT_FOUND:
        problem = response.json()
        raise DishNotFound(dish_id, problem.get("detail", ""))
    response.raise_for_status()
