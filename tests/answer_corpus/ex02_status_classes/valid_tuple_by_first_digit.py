# valid: a tuple indexed by the first digit, range membership, fault from the first digit
NAMES = ("informational", "success", "redirection", "client error", "server error")


def classify(status: int) -> str:
    if status not in range(100, 600):
        raise ValueError(f"{status} is outside 100-599")
    return NAMES[status // 100 - 1]


def whose_fault(status: int) -> str:
    classify(status)
    return {4: "yours", 5: "the kitchen's"}.get(status // 100, "nobody")
