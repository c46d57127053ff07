# valid: a Session, the query string written by hand with urllib.parse.quote_plus on the cursor
from urllib.parse import quote_plus

import requests


def all_reviews(base_url, page_size=20):
    reviews, cursor = [], None
    with requests.Session() as session:
        while True:
            query = f"limit={page_size}" + (f"&cursor={quote_plus(cursor)}" if cursor is not None else "")
            response = session.get(f"{base_url}/reviews?{query}", timeout=5)
            response.raise_for_status()
            page = response.json()
            reviews += page["items"]
            cursor = page["next"]
            if cursor is None:
                return reviews
