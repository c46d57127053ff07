# wrong: reads the token without checking the status
# expect: it raises WrongCredentials
import requests


class WrongCredentials(Exception):
    """The kitchen does not know this username and password (it answered 401)."""


def get_token(base_url: str, username: str, password: str) -> str:
    """Trade a username and password (HTTP Basic) for a bearer token; return the token string."""
    response = requests.post(f"{base_url}/auth/token", auth=(username, password), timeout=5)
    return response.json()["access_token"]
