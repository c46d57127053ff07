"""Exercise 3: Is the restaurant open?

The story
---------
You stand at the door of the restaurant. Before you sit down you ask the
waiter one simple question: "Are you open?". The waiter (the API) carries the
question to the kitchen (the server) and brings back an answer (a response).

In HTTP, a question that only *reads* something is a GET request. The kitchen
answers every request with a *status code*: 200 means "yes, all good", 503
means "we are closed right now, come back later".

Your task
---------
Write `is_open(base_url)`. It sends `GET {base_url}/health` and returns:

- True when the kitchen answers 200 (its body is `{"status": "open"}`);
- False when it answers anything else (a closed kitchen answers 503);
- False when the kitchen cannot be reached at all (a connection error or a
  timeout): a restaurant you cannot reach is not open for you.

Always give requests a `timeout=` (in seconds), or a silent kitchen makes your
program wait forever.

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#make-a-request
and https://requests.readthedocs.io/en/latest/user/quickstart/#response-status-codes
"""

import requests


def is_open(base_url: str) -> bool:
    """Return True if the kitchen at `base_url` answers GET /health with 200."""
    raise NotImplementedError
