# wrong: uses the scheme Token instead of Bearer
# expect: The Authorization header is wrong
import requests


def who_am_i(base_url: str, token: str) -> dict:
    """Ask GET /me who the bearer of `token` is; return the answer (username and name)."""
    response = requests.get(f"{base_url}/me", headers={"Authorization": f"Token {token}"}, timeout=5)
    response.raise_for_status()
    return response.json()
