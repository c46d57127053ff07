# wrong: raises a ValueError that does not say which number
# expect: should say which number
CLASSES = {1: "informational", 2: "success", 3: "redirection", 4: "client error", 5: "server error"}
FAULTS = {"client error": "yours", "server error": "the kitchen's"}


def classify(status: int) -> str:
    """The class of an HTTP status code: "informational", "success", "redirection", "client error" or "server error"."""
    if not 100 <= status <= 599:
        raise ValueError("not an HTTP status code")
    return CLASSES[status // 100]


def whose_fault(status: int) -> str:
    """Whose fault the answer is: "nobody" (1xx-3xx), "yours" (4xx) or "the kitchen's" (5xx)."""
    return FAULTS.get(classify(status), "nobody")
