# valid: a requests.auth.AuthBase subclass that adds the header
import requests


class BearerAuth(requests.auth.AuthBase):
    def __init__(self, token):
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = "Bearer " + self.token
        return request


def who_am_i(base_url, token):
    response = requests.get(base_url + "/me", auth=BearerAuth(token), timeout=5)
    response.raise_for_status()
    return response.json()
