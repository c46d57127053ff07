# valid: a Session, lines built with a loop, notes added after
import requests


def place_order(base_url, table_id, dishes, notes=None):
    lines = []
    for dish_id, quantity in dishes.items():
        lines.append({"quantity": quantity, "dish_id": dish_id})
    body = {"items": lines, "table_id": table_id}
    if notes is not None:
        body.update(notes=notes)
    with requests.Session() as waiter:
        answer = waiter.post(f"{base_url}/orders", json=body, headers={"Accept": "application/json"}, timeout=5)
    answer.raise_for_status()
    return answer.json()
