# valid: `bearer <token>`: the scheme in lower case, as HTTP allows
import requests


def who_am_i(base_url: str, token: str) -> dict:
    """Ask GET /me who the bearer of `token` is; return the answer (username and name)."""
    response = requests.get(f"{base_url}/me", headers={"authorization": f"bearer {token}"}, timeout=5)
    response.raise_for_status()
    return response.json()
