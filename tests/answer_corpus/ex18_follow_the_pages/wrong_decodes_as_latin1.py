# wrong: parses each page from response.content.decode("latin-1"), so "très bon" comes back as "trÃ¨s bon"
# expect: trÃ¨s
import json

import requests


def all_reviews(base_url, page_size=20):
    reviews = []
    params = {"limit": page_size}
    while True:
        response = requests.get(f"{base_url}/reviews", params=params, timeout=5)
        response.raise_for_status()
        page = json.loads(response.content.decode("latin-1"))
        reviews.extend(page["items"])
        if page["next"] is None:
            return reviews
        params["cursor"] = page["next"]
