# valid: a Session, and `.get('items', [])` after the status check
import requests


def get_menu(base_url: str) -> list:
    with requests.Session() as session:
        response = session.get(f"{base_url}/menu", headers={"Accept": "application/json"}, timeout=5)
        response.raise_for_status()
        return response.json().get("items", [])
