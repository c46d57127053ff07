# wrong: decodes the answer by hand as Windows-1252 (the console's code page), so Crème brûlée comes back as CrÃ¨me
# expect: CrÃ¨me brÃ»lÃ©e
import json

import requests


def place_order(base_url, table_id, dishes, notes=None):
    order = {"table_id": table_id, "items": [{"dish_id": d, "quantity": q} for d, q in dishes.items()]}
    if notes is not None:
        order["notes"] = notes
    response = requests.post(f"{base_url}/orders", json=order, timeout=5)
    response.raise_for_status()
    return json.loads(response.content.decode("cp1252"))
