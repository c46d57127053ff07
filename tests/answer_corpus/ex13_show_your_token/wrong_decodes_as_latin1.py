# wrong: reads the answer with response.content.decode("latin-1") (copied from an old tutorial), so Chloé is ChloÃ©
# expect: ChloÃ©
import json

import requests


def who_am_i(base_url, token):
    response = requests.get(f"{base_url}/me", headers={"Authorization": f"Bearer {token}"}, timeout=5)
    response.raise_for_status()
    return json.loads(response.content.decode("latin-1"))
