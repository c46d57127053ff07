# valid: `response.ok`, catching every RequestException
import requests


def is_open(base_url):
    try:
        return requests.get(base_url + "/health", timeout=3).ok
    except requests.RequestException:
        return False
