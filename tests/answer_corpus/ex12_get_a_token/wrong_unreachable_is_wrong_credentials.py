# wrong: says the credentials are wrong when the kitchen cannot be reached
# expect: let a kitchen you cannot reach raise its own error
import requests


class WrongCredentials(Exception):
    """The kitchen does not know this username and password (it answered 401)."""


def get_token(base_url: str, username: str, password: str) -> str:
    try:
        response = requests.post(f"{base_url}/auth/token", auth=(username, password), timeout=5)
    except requests.RequestException as error:
        raise WrongCredentials(f"could not sign in: {error}") from error
    if response.status_code == 401:
        raise WrongCredentials(f"The kitchen does not know {username!r} with this password.")
    response.raise_for_status()
    return response.json()["access_token"]
