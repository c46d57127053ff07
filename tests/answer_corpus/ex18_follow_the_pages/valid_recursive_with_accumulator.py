# valid: recursion, one page per call, the reviews gathered in an accumulator passed along
import requests


def _collect(base_url, page_size, cursor, gathered):
    params = {"limit": page_size}
    if cursor is not None:
        params["cursor"] = cursor
    response = requests.get(f"{base_url}/reviews", params=params, timeout=5)
    response.raise_for_status()
    page = response.json()
    gathered += page["items"]
    if page.get("next") is None:
        return gathered
    return _collect(base_url, page_size, page["next"], gathered)


def all_reviews(base_url, page_size=20):
    return _collect(base_url, page_size, None, [])
