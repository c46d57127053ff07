# wrong: sends the credentials in the query string
# expect: Credentials travel in the `Authorization` header
import requests


class WrongCredentials(Exception):
    """The kitchen does not know this username and password (it answered 401)."""


def get_token(base_url: str, username: str, password: str) -> str:
    """Trade a username and password (HTTP Basic) for a bearer token; return the token string."""
    response = requests.post(f"{base_url}/auth/token", params={"username": username, "password": password}, timeout=5)
    if response.status_code == 401:
        raise WrongCredentials(f"The kitchen does not know {username!r} with this password.")
    response.raise_for_status()
    return response.json()["access_token"]
