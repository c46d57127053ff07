# valid: an if/elif chain over ranges
def classify(status):
    if status < 100 or status > 599:
        raise ValueError(f"not an HTTP status code: {status}")
    if status < 200:
        return "informational"
    elif status < 300:
        return "success"
    elif status < 400:
        return "redirection"
    elif status < 500:
        return "client error"
    return "server error"


def whose_fault(status):
    kind = classify(status)
    if kind == "client error":
        return "yours"
    if kind == "server error":
        return "the kitchen's"
    return "nobody"
