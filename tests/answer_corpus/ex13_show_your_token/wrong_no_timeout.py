# wrong: sends the request without a timeout
# expect: it sent no timeout
import requests


def who_am_i(base_url: str, token: str) -> dict:
    """Ask GET /me who the bearer of `token` is; return the answer (username and name)."""
    response = requests.get(f"{base_url}/me", headers={"Authorization": f"Bearer {token}"})
    response.raise_for_status()
    return response.json()
