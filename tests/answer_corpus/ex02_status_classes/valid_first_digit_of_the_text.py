# valid: the first character of the code as text looked up in a dict, the range checked with a chained compare
NAMES = {"1": "informational", "2": "success", "3": "redirection", "4": "client error", "5": "server error"}


def classify(status: int) -> str:
    if status < 100 or status > 599:
        raise ValueError(f"a status code runs from 100 to 599, not {status}")
    return NAMES[str(status)[0]]


def whose_fault(status: int) -> str:
    classify(status)  # refuses what is not a status code
    first = str(status)[0]
    if first == "4":
        return "yours"
    elif first == "5":
        return "the kitchen's"
    else:
        return "nobody"
