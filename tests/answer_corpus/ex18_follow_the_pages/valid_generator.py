# valid: a generator of pages, collected with a list comprehension; the cursor is None for the first page
"""Exercise 18: Follow the pages."""

from typing import Iterator, Optional

import requests


def _pages(base_url: str, page_size: int) -> Iterator[list[dict]]:
    cursor: Optional[str] = None
    while True:
        params = {"limit": page_size, "cursor": cursor}  # requests leaves out a None value
        response = requests.get(f"{base_url}/reviews", params=params, timeout=(3.05, 10))
        response.raise_for_status()
        page = response.json()
        yield page["items"]
        cursor = page.get("next")
        if not cursor:
            return


def all_reviews(base_url: str, page_size: int = 20) -> list[dict]:
    """Return every review, following the pages of GET /reviews to the last one."""
    return [review for items in _pages(base_url, page_size) for review in items]
