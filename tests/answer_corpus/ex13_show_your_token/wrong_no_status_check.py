# wrong: returns the kitchen's refusal as if it were the guest
# expect: without raising
import requests


def who_am_i(base_url: str, token: str) -> dict:
    """Ask GET /me who the bearer of `token` is; return the answer (username and name)."""
    response = requests.get(f"{base_url}/me", headers={"Authorization": f"Bearer {token}"}, timeout=5)
    return response.json()
