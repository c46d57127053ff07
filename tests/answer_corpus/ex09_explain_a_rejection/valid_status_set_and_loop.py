# valid: the refusals as a set of http.HTTPStatus, the message built in a for loop, errors read with .get()
from http import HTTPStatus

import requests

REFUSED = {HTTPStatus.BAD_REQUEST, HTTPStatus.UNSUPPORTED_MEDIA_TYPE, HTTPStatus.UNPROCESSABLE_ENTITY}


class OrderRejected(Exception):
    def __init__(self, message: str, *, status: int, detail: str, errors: list[dict]) -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail
        self.errors = errors


def place_order(base_url, table_id, dishes, notes=None):
    body = {"table_id": table_id, "items": [{"dish_id": d, "quantity": q} for d, q in dishes.items()]}
    if notes is not None:
        body["notes"] = notes
    response = requests.post(f"{base_url}/orders", json=body, timeout=5)
    if response.status_code in REFUSED:
        problem = response.json()
        detail = problem.get("detail", "")
        errors = problem.get("errors") or []
        message = f"The kitchen said no ({response.status_code}): {detail}"
        for error in errors:
            message += f"\n{error.get('field')}: {error.get('message')}"
        raise OrderRejected(message, status=response.status_code, detail=detail, errors=errors)
    response.raise_for_status()
    return response.json()
