# wrong: returns the response, not its JSON
# expect: Called who_am_i(
import requests


def who_am_i(base_url: str, token: str) -> dict:
    """Ask GET /me who the bearer of `token` is; return the answer (username and name)."""
    response = requests.get(f"{base_url}/me", headers={"Authorization": f"Bearer {token}"}, timeout=5)
    response.raise_for_status()
    return response
