# valid: try/except/else around the GET, http.HTTPStatus.OK compared, every RequestException caught
from http import HTTPStatus

import requests


def is_open(base_url: str) -> bool:
    try:
        answer = requests.get(base_url + "/health", timeout=(3.05, 5))
    except requests.exceptions.RequestException:
        return False
    else:
        return answer.status_code == HTTPStatus.OK
