# wrong: turns every HTTPError into DishNotFound
# expect: Only a 404 means 'no such dish'
import requests


class DishNotFound(Exception):
    """The kitchen has no dish with this id (it answered 404). Already written: raise it, do not change it."""

    def __init__(self, dish_id: int, detail: str) -> None:
        super().__init__(f"There is no dish {dish_id}: {detail}")
        self.dish_id = dish_id
        self.detail = detail


def look_up_dish(base_url, dish_id):
    response = requests.get(f"{base_url}/menu/{dish_id}", timeout=5)
    try:
        response.raise_for_status()
    except requests.HTTPError:
        raise DishNotFound(dish_id, response.json()["detail"]) from None
    return response.json()
