# wrong: forces the session's timeout over the caller's
# expect: keep a `timeout` the caller passed
from typing import Any, Optional

import requests


class KitchenSession(requests.Session):
    """A Session that knows the kitchen's address, shows your token, asks for JSON, and never waits forever."""

    def __init__(self, base_url: str, token: Optional[str] = None, timeout: float = 5.0) -> None:
        super().__init__()
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.headers["Accept"] = "application/json"
        if token is not None:
            self.headers["Authorization"] = f"Bearer {token}"

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        """Send `method` to base URL + `url` (a path), with the session's timeout unless one is given."""
        kwargs["timeout"] = self.timeout
        return super().request(method, self.base_url + url, *args, **kwargs)
