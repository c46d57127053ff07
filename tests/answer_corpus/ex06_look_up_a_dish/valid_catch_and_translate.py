# valid: raise_for_status first, then the 404 translated in an except block
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
    except requests.HTTPError as error:
        if error.response is not None and error.response.status_code == 404:
            raise DishNotFound(dish_id, error.response.json()["detail"]) from error
        raise
    return response.json()
