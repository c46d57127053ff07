# valid: Retry.DEFAULT.new(...) with the three parameters, the adapter made once and mounted on both schemes
import requests
from requests.adapters import HTTPAdapter
from urllib3 import Retry


def make_resilient_session(total=3, backoff_factor=0.5, status_forcelist=(502, 503, 504)):
    retry = Retry.DEFAULT.new(total=total, backoff_factor=backoff_factor, status_forcelist=frozenset(status_forcelist))
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session
