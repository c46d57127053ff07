# valid: urljoin on the base URL with one trailing slash, the timeout given only when the caller gave none
from urllib.parse import urljoin

import requests


class KitchenSession(requests.Session):
    def __init__(self, base_url, token=None, timeout=5.0):
        super().__init__()
        self.base_url = base_url.rstrip("/") + "/"
        self.timeout = timeout
        self.headers["Accept"] = "application/json"
        if token is not None:
            self.headers["Authorization"] = "Bearer " + token

    def request(self, method, url, *args, **kwargs):
        if "timeout" not in kwargs:
            kwargs["timeout"] = self.timeout
        full_url = urljoin(self.base_url, url.lstrip("/"))
        return super().request(method, full_url, *args, **kwargs)
