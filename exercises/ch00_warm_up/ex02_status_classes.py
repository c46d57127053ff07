"""Exercise 2: What a status code says.

The story
---------
Every answer the waiter brings back starts with a three-digit number, the
*status code*. You do not need to learn them all by heart: the first digit
already tells you most of the story.

    1xx  informational   "Wait a moment, I am still listening."     (rare: 100 Continue)
    2xx  success         "Here you are."                            200 OK, 201 Created, 204 No Content
    3xx  redirection     "Not here, look over there."               301 Moved Permanently, 304 Not Modified
    4xx  client error    "There is a problem with YOUR request."    400, 401, 403, 404, 409, 422, 429
    5xx  server error    "The KITCHEN has a problem."               500, 502, 503

The first digit also says whose fault an error is, and so what to do about it:

- 1xx, 2xx, 3xx: nothing went wrong; it is nobody's fault.
- 4xx: the request was wrong (a typo in the path, a missing field, no
  token). Sending the same request again will fail again: fix it first.
- 5xx: the kitchen failed. Your request may have been fine; waiting and
  trying again later can help (chapter 6 does exactly that).

Codes run from 100 to 599. Anything else (99, 600, 1000) is not an HTTP
status code at all.

Your task
---------
1. `classify(status)` returns the class of a status code, as one of these
   exact strings: "informational", "success", "redirection", "client error",
   "server error". For a number outside 100-599 it raises ValueError, with
   a message that names the number (e.g. "600 is not an HTTP status code"):
   an error message should say what was wrong.

       classify(404)  ->  "client error"

2. `whose_fault(status)` returns "nobody" for 1xx, 2xx and 3xx, "yours" for
   4xx and "the kitchen's" for 5xx. For a number outside 100-599 it raises
   ValueError, like classify (you may call classify from it).

       whose_fault(503)  ->  "the kitchen's"

No network here: these are plain functions of a number. `status // 100`
gives the first digit.

Read: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status
and https://requests.readthedocs.io/en/latest/user/quickstart/#response-status-codes
"""


def classify(status: int) -> str:
    """The class of an HTTP status code: "informational", "success", "redirection", "client error" or "server error"."""
    raise NotImplementedError


def whose_fault(status: int) -> str:
    """Whose fault the answer is: "nobody" (1xx-3xx), "yours" (4xx) or "the kitchen's" (5xx)."""
    raise NotImplementedError
