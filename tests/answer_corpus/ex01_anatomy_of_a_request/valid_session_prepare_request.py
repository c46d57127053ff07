# valid: Session.prepare_request, with the Accept header given per request
import requests


def build_menu_request(base_url, category, max_price=None):
    params = {"category": category, "max_price": max_price}  # requests leaves out None values
    with requests.Session() as session:
        return session.prepare_request(
            requests.Request("GET", f"{base_url}/menu", params=params, headers={"accept": "application/json"})
        )


def build_order_request(base_url, table_id, dish_id, quantity, notes=None):
    body = {"table_id": table_id, "items": [{"dish_id": dish_id, "quantity": quantity}]}
    if notes is not None:
        body["notes"] = notes
    with requests.Session() as session:
        request = requests.Request("POST", f"{base_url}/orders", json=body, headers={"Accept": "application/json"})
        return session.prepare_request(request)
