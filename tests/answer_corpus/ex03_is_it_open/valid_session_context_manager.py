# valid: a Session in a with block, the status compared with requests.codes.ok, ConnectionError and Timeout named
import requests


def is_open(base_url):
    with requests.Session() as session:
        try:
            response = session.get(f"{base_url.rstrip('/')}/health", timeout=5)
        except (requests.ConnectionError, requests.Timeout):
            return False
    return response.status_code == requests.codes.ok
