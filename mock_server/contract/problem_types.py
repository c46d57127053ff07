"""The kitchen's problem types (RFC 9457): each ``type`` slug's status, title, hint and explanation.

Data only, with no flask: the kata's tests build their fake replies from it (kata.kitchen.fake_replies)
without paying the web framework's start-up; ``problems`` answers with them.
"""

from __future__ import annotations

from typing import NamedTuple

PROBLEM_JSON = "application/problem+json"


class ProblemType(NamedTuple):
    status: int
    title: str
    hint: str
    explanation: str


# The catalogue behind every ``type`` URI (served at /problems/<slug>).
PROBLEMS = {
    "malformed-json": ProblemType(
        400,
        "Malformed JSON",
        "Is the body really JSON? Let requests write it for you: `requests.post(url, json=data)`.",
        "The body could not be parsed as JSON, or it was not UTF-8 text.",
    ),
    "invalid-query": ProblemType(
        400,
        "Invalid query parameter",
        "Which value did you put in the query string? Pass them with `params={...}` and check the docs at /.",
        "A query parameter has a value the endpoint does not understand, or is unknown.",
    ),
    "invalid-header": ProblemType(
        400,
        "Invalid header",
        "Check the spelling and the value of the header you sent.",
        "A request header has a value the endpoint does not accept.",
    ),
    "unauthorized": ProblemType(
        401,
        "Authentication required",
        "Get a token with `POST /auth/token` (HTTP Basic, e.g. `auth=('ada', 'lovelace')`), then send "
        "`headers={'Authorization': f'Bearer {token}'}`.",
        "The request needs credentials: missing, wrong or expired. The WWW-Authenticate header says which kind.",
    ),
    "forbidden": ProblemType(
        403,
        "Not yours",
        "Your token is fine, but it belongs to another guest. Whose resource are you asking for?",
        "The credentials are valid but do not allow access to this resource.",
    ),
    "not-found": ProblemType(
        404,
        "Not found",
        "Is the path spelled right, and does the id exist? List the collection first to see the ids.",
        "No resource lives at this path.",
    ),
    "method-not-allowed": ProblemType(
        405,
        "Method not allowed",
        "This path exists, but not for this verb. The Allow header lists the verbs it accepts.",
        "The HTTP method is not supported by this resource; see the Allow header.",
    ),
    "not-acceptable": ProblemType(
        406,
        "Not acceptable",
        "The kitchen only answers JSON. Drop the Accept header or ask for application/json.",
        "The server cannot produce a representation matching the Accept header.",
    ),
    "conflict": ProblemType(
        409,
        "Conflict with the current state",
        "What state is the resource in now? GET it and look at its status before changing it.",
        "The request is valid, but the resource's current state forbids it.",
    ),
    "limit-reached": ProblemType(
        409,
        "Kitchen full",
        "This kitchen keeps a bounded number of things. Reset it with POST /__admin/reset to start afresh.",
        "A collection of this kitchen (tables, orders, payments, reviews, tokens, idempotency keys) is at its limit.",
    ),
    "foreign-origin": ProblemType(
        403,
        "Request from a foreign web page",
        "Send the request from your code (requests sends no Origin header), not from a web page of another site.",
        "A state-changing request carried an Origin header naming another site: browsers cannot drive a kitchen.",
    ),
    "unknown-host": ProblemType(
        403,
        "Unknown Host",
        "Use the address the kitchen printed when it started, e.g. http://127.0.0.1:8000/.",
        "The Host header does not name this kitchen's address (a guard against DNS rebinding).",
    ),
    "payload-too-large": ProblemType(
        413,
        "Body too large",
        "The kitchen accepts bodies up to 1 MiB. Are you sending what you meant to send?",
        "The request body is larger than the server accepts.",
    ),
    "unsupported-media-type": ProblemType(
        415,
        "Unsupported media type",
        "The kitchen reads JSON: send the body with requests' `json=` argument, which also sets "
        "`Content-Type: application/json`.",
        "The request body is not declared as JSON (Content-Type: application/json).",
    ),
    "validation-error": ProblemType(
        422,
        "Invalid body",
        "The JSON is well-formed but some fields are wrong: read `errors`, one entry per field.",
        "The body parsed as JSON but does not match the schema; `errors` lists each field.",
    ),
    "idempotency-key-reused": ProblemType(
        422,
        "Idempotency key reused with a different body",
        "An Idempotency-Key names one operation. Retry with the exact same body, or use a new key for a new payment.",
        "The Idempotency-Key was already used for a request with a different body.",
    ),
    "rate-limited": ProblemType(
        429,
        "Too many requests",
        "Slow down: wait the number of seconds in the Retry-After header, then try again.",
        "The client sent more requests than its budget for the current window.",
    ),
    "internal-error": ProblemType(
        500,
        "Internal server error",
        "This is the kitchen's fault, not yours. Retrying may help; the server logged the details.",
        "An unexpected error inside the server.",
    ),
    "service-unavailable": ProblemType(
        503,
        "Service unavailable",
        "This is temporary: wait the seconds in Retry-After and try again (urllib3's Retry can do it for you).",
        "The server cannot answer right now; Retry-After says when to try again.",
    ),
    "closed": ProblemType(
        503,
        "The restaurant is closed",
        "Come back later: the Retry-After header says how many seconds to wait.",
        "The restaurant is closed (an admin closed it with POST /__admin/state).",
    ),
    "injected-fault": ProblemType(
        500,
        "Injected fault",
        "This error was injected on purpose (POST /__admin/faults) so you can practise handling it.",
        "An error injected by the admin API, to practise error handling.",
    ),
}

# Generic types for HTTP errors that have no entry above.
BY_STATUS = {problem.status: slug for slug, problem in reversed(list(PROBLEMS.items()))}
BY_STATUS[400] = "bad-request"
PROBLEMS["bad-request"] = ProblemType(
    400,
    "Bad request",
    "Something about the request is malformed. Compare it with the example in the docs at /.",
    "The request is malformed.",
)
