# valid: raise_for_status inside try, the HTTPError caught and turned into OrderRejected by a helper
import requests


class OrderRejected(Exception):
    def __init__(self, message: str, *, status: int, detail: str, errors: list[dict]) -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail
        self.errors = errors


def _rejection(response):
    problem = response.json()
    errors = list(problem.get("errors", []))
    reasons = "; ".join(f"{e['field']} {e['message']}" for e in errors)
    message = problem["detail"] + (f" ({reasons})" if reasons else "")
    return OrderRejected(message, status=response.status_code, detail=problem["detail"], errors=errors)


def place_order(base_url, table_id, dishes, notes=None):
    order = {"table_id": table_id, "items": [dict(dish_id=k, quantity=v) for k, v in dishes.items()]}
    if notes is not None:
        order["notes"] = notes
    response = requests.post(base_url + "/orders", json=order, timeout=5)
    try:
        response.raise_for_status()
    except requests.HTTPError as error:
        if response.status_code in (400, 415, 422):
            raise _rejection(response) from error
        raise
    return response.json()
