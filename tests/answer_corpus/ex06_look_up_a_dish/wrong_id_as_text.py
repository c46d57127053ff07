# wrong: gives DishNotFound the id as text
# expect: carry the id you asked for
import requests


class DishNotFound(Exception):
    """The kitchen has no dish with this id (it answered 404). Already written: raise it, do not change it."""

    def __init__(self, dish_id: int, detail: str) -> None:
        super().__init__(f"There is no dish {dish_id}: {detail}")
        self.dish_id = dish_id
        self.detail = detail


def look_up_dish(base_url: str, dish_id: int) -> dict:
    """Return dish `dish_id` (a dict); raise DishNotFound on 404 and requests.HTTPError on other error statuses."""
    response = requests.get(f"{base_url}/menu/{dish_id}", timeout=5)
    if response.status_code == 404:
        raise DishNotFound(str(dish_id), response.json()["detail"])
    response.raise_for_status()
    return response.json()
