# wrong: writes the cursor into the URL with an f-string: its + and & reach the kitchen as a space and a parameter
# expect: Unknown query parameter
import requests


def all_reviews(base_url, page_size=20):
    reviews = []
    url = f"{base_url}/reviews?limit={page_size}"
    while True:
        response = requests.get(url, timeout=5)
        response.raise_for_status()
        page = response.json()
        reviews.extend(page["items"])
        if page["next"] is None:
            return reviews
        url = f"{base_url}/reviews?limit={page_size}&cursor={page['next']}"
