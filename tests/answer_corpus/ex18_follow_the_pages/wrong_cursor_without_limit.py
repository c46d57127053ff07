# wrong: the next pages are asked without limit, so they come at the kitchen's default size
# expect: The query string is not what the kitchen needs
"""Exercise 18: Follow the pages."""

import requests


def all_reviews(base_url: str, page_size: int = 20) -> list[dict]:
    """Return every review, following the pages of GET /reviews to the last one."""
    reviews: list[dict] = []
    params = {"limit": page_size}
    while True:
        response = requests.get(f"{base_url}/reviews", params=params, timeout=5)
        response.raise_for_status()
        page = response.json()
        reviews.extend(page["items"])
        if page["next"] is None:
            return reviews
        params = {"cursor": page["next"]}
