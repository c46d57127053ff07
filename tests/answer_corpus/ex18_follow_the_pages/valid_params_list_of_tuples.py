# valid: params as a list of (name, value) tuples, the cursor added when there is one
import requests


def all_reviews(base_url, page_size=20):
    collected = []
    params = [("limit", page_size)]
    while True:
        response = requests.get(base_url + "/reviews", params=params, timeout=5)
        response.raise_for_status()
        body = response.json()
        collected.extend(body["items"])
        if not body["next"]:
            break
        params = [("limit", page_size), ("cursor", body["next"])]
    return collected
