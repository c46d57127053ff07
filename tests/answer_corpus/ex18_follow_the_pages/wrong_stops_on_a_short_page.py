# wrong: stops when a page is shorter than the limit, instead of when next is null
# expect: stop when `next` is null
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
        if len(page["items"]) < page_size:
            return reviews
        params = {"limit": page_size, "cursor": page["next"]}
