# wrong: reads the kitchen's problem with response.content.decode("latin-1"), so a dash in a field's message is garbled
# expect: OrderRejected should carry the status, the problem's detail and its field errors
import json

import requests


class OrderRejected(Exception):
    def __init__(self, message: str, *, status: int, detail: str, errors: list[dict]) -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail
        self.errors = errors


def place_order(base_url, table_id, dishes, notes=None):
    order = {"table_id": table_id, "items": [{"dish_id": d, "quantity": q} for d, q in dishes.items()]}
    if notes is not None:
        order["notes"] = notes
    response = requests.post(f"{base_url}/orders", json=order, timeout=5)
    if response.status_code in (400, 415, 422):
        problem = json.loads(response.content.decode("latin-1"))
        errors = problem.get("errors", [])
        lines = [f"The kitchen refused the order ({response.status_code}): {problem['detail']}"]
        lines += [f"  - {error['field']}: {error['message']}" for error in errors]
        raise OrderRejected("\n".join(lines), status=response.status_code, detail=problem["detail"], errors=errors)
    response.raise_for_status()
    return response.json()
