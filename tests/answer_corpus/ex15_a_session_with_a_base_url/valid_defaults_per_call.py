# valid: defaults merged into each call's headers, no session headers touched
from typing import Any, Optional

import requests


class KitchenSession(requests.Session):
    def __init__(self, base_url: str, token: Optional[str] = None, timeout: float = 5.0) -> None:
        super().__init__()
        while base_url.endswith("/"):
            base_url = base_url[:-1]
        self.base_url = base_url
        self.timeout = timeout
        self.defaults = {"Accept": "application/json"}
        if token is not None:
            self.defaults["Authorization"] = "bearer " + token

    def request(self, method, url, *args: Any, **kwargs: Any):
        kwargs["headers"] = {**self.defaults, **(kwargs.get("headers") or {})}
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().request(method, f"{self.base_url}{url}", *args, **kwargs)
