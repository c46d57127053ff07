# wrong: collects the reviews in a dict keyed by id and returns them sorted
# expect: in the kitchen's order
"""Exercise 18: Follow the pages."""

import requests


def all_reviews(base_url: str, page_size: int = 20) -> list[dict]:
    """Return every review, following the pages of GET /reviews to the last one."""
    by_id: dict = {}
    params = {"limit": page_size}
    while True:
        response = requests.get(f"{base_url}/reviews", params=params, timeout=5)
        response.raise_for_status()
        page = response.json()
        by_id.update({r["id"]: r for r in page["items"]})
        if page["next"] is None:
            return [by_id[key] for key in sorted(by_id)]
        params = {"limit": page_size, "cursor": page["next"]}
