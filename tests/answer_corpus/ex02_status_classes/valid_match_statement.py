# valid: a match statement with guards, and an early return for the statuses that are nobody's fault
def classify(status: int) -> str:
    match status // 100:
        case 1:
            return "informational"
        case 2:
            return "success"
        case 3:
            return "redirection"
        case 4:
            return "client error"
        case 5:
            return "server error"
    raise ValueError(f"{status} is not a status code")


def whose_fault(status: int) -> str:
    kind = classify(status)
    if kind not in ("client error", "server error"):
        return "nobody"
    return "yours" if kind == "client error" else "the kitchen's"
