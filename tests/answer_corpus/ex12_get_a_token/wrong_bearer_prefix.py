# wrong: returns the token with 'Bearer ' in front
# expect: Called get_token(
import requests


class WrongCredentials(Exception):
    """The kitchen does not know this username and password (it answered 401)."""


def get_token(base_url: str, username: str, password: str) -> str:
    """Trade a username and password (HTTP Basic) for a bearer token; return the token string."""
    response = requests.post(f"{base_url}/auth/token", auth=(username, password), timeout=5)
    if response.status_code == 401:
        raise WrongCredentials(f"The kitchen does not know {username!r} with this password.")
    response.raise_for_status()
    return "Bearer " + response.json()["access_token"]
