# wrong: never checks the status, so a broken page ends the list early as if it were complete
# expect: a list missing pages must not look complete
"""Exercise 18: Follow the pages."""

import requests


def all_reviews(base_url: str, page_size: int = 20) -> list[dict]:
    """Return every review, following the pages of GET /reviews to the last one."""
    reviews: list[dict] = []
    params = {"limit": page_size}
    while True:
        response = requests.get(f"{base_url}/reviews", params=params, timeout=5)
        page = response.json()
        reviews.extend(page.get("items", []))
        if page.get("next") is None:
            return reviews
        params = {"limit": page_size, "cursor": page["next"]}
