# wrong: counts 200 and 300 in the wrong class (strict comparisons)
# expect: Called classify(200)
def classify(status):
    if not 100 <= status <= 599:
        raise ValueError(f"{status} is not an HTTP status code")
    if status <= 200:
        return "informational"
    if status <= 300:
        return "success"
    if status < 400:
        return "redirection"
    if status < 500:
        return "client error"
    return "server error"


def whose_fault(status):
    return {"client error": "yours", "server error": "the kitchen's"}.get(classify(status), "nobody")
