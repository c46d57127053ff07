# wrong: allowed_methods=['GET'], so a PUT or DELETE is never retried
# expect: PUT
"""Exercise 21: Retry with urllib3."""

from typing import Sequence

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry


def make_resilient_session(
    total: int = 3,
    backoff_factor: float = 0.5,
    status_forcelist: Sequence[int] = (502, 503, 504),
) -> requests.Session:
    """Return a Session whose requests retry transient failures through urllib3's Retry."""
    retry = Retry(
        total=total, backoff_factor=backoff_factor, status_forcelist=status_forcelist, allowed_methods=["GET"]
    )
    adapter = HTTPAdapter(max_retries=retry)
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
