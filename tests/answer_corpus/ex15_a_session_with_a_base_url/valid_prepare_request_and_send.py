# valid: the base URL put in front in prepare_request, the default timeout added in send, headers updated once
from typing import Optional

import requests


class KitchenSession(requests.Session):
    def __init__(self, base_url: str, token: Optional[str] = None, timeout: float = 5.0) -> None:
        super().__init__()
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.headers.update({"Accept": "application/json"})
        if token is not None:
            self.headers.update({"Authorization": f"Bearer {token}"})

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        request.url = self.base_url + request.url
        return super().prepare_request(request)

    def send(self, request, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)
