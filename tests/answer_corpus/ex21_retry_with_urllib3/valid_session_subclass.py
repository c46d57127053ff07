# valid: a Session subclass that mounts its retrying adapter in __init__, the schemes in a loop
from typing import Sequence

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


class ResilientSession(requests.Session):
    def __init__(self, retry: Retry) -> None:
        super().__init__()
        adapter = HTTPAdapter(max_retries=retry)
        for prefix in ("http://", "https://"):
            self.mount(prefix, adapter)


def make_resilient_session(
    total: int = 3, backoff_factor: float = 0.5, status_forcelist: Sequence[int] = (502, 503, 504)
) -> requests.Session:
    retry = Retry(total=total, backoff_factor=backoff_factor, status_forcelist=list(status_forcelist))
    return ResilientSession(retry)
