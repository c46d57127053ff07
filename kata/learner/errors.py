"""What to say when learner code goes wrong: a short message naming the file and line, and what it means.

`explain_learner_error` turns an exception that came out of learner code into
an `Explained`: the learner's message and the test's outcome (a stub that was
not started yet, or code that fails), decided from the exception, never from
the message's wording.
"""

from __future__ import annotations

import linecache
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from kata.learner.modules import CodeLocation, is_learner_file, last_learner_frame, relative
from kata.learner.next_step import next_step
from kata.learner.time_limit import TimeLimitExceeded
from kata.notepad.text import Answer, exchange_lines
from kata.testrun.results import FAILING, NOT_STARTED, Outcome


@dataclass(frozen=True)
class Explained:
    outcome: Outcome
    message: str
    cause: str | None = None  # the mistake this failure shows (kata.testrun.results.MISTAKE_PROPERTY), if known
    kitchen_spoke: bool = False  # the message carries the kitchen's own words (a problem's detail)
    next_step: str | None = None  # the one action the failure ends with (kata.learner.next_step)


def _frame_location(frame: Any, root: Path) -> CodeLocation | None:
    """The innermost learner-code location on a frame's stack (for code stopped mid-run)."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if is_learner_file(filename, root):
            line = frame.f_lineno
            return CodeLocation(
                relative(filename, root), line, frame.f_code.co_name, linecache.getline(filename, line).strip()
            )
        frame = frame.f_back
    return None


def explain_learner_error(error: BaseException, root: Path) -> Explained | None:
    """The learner-facing message and outcome for an exception from learner code; None to keep pytest's own."""
    if isinstance(error, TimeLimitExceeded):
        where = _frame_location(error.frame, root)
        at = f"\n  it was busy at {where}" if where else ""
        return Explained(
            FAILING,
            f"Your code was stopped: it was {error}.{at}\n"
            "  hint: Does a loop never end? A polling loop needs a deadline, and every request needs a timeout.",
            next_step=next_step("stopped", where=where),
        )
    location = last_learner_frame(error.__traceback__, root)
    if location is None:
        return _machinery(error)
    if isinstance(error, NotImplementedError) and _raised_in_learner_code(error, root):
        return Explained(
            NOT_STARTED, f"not started yet: {location.file}::{location.function}", f"not started: {location.function}"
        )
    if isinstance(error, pytest.fail.Exception):  # a test's stand-in (sleep, clock, kitchen) failed the test
        message, hint = str(error.msg), getattr(error, "hint", None)
        if hint and message.endswith(hint):  # where it happened, then the hint: the message still ends with it
            message = f"{message[: -len(hint)].rstrip()}\n  at {location}\n{hint}"
        else:
            message = f"{message}\n  at {location}"
        cause = getattr(error, "cause", None)
        return Explained(FAILING, message, cause, next_step=getattr(error, "next_step", None))
    cause, answer = cause_of(error)
    message = "Your code " + describe_learner_exception(error, root)
    step = next_step(cause, where=location, kitchen_spoke=answer is not None, expected=False)
    return Explained(FAILING, message, cause, answer is not None, step)


def cause_of(error: BaseException) -> tuple[str, Answer | None]:
    """The mistake an exception from learner code shows, and the kitchen's answer it raised on (if any)."""
    answer = _answer_of(error)
    if answer is not None:
        return mistake_of_answer(answer), answer
    return f"raised {type(error).__name__}", None


# What a problem's type says about the request that caused it: the same mistake as the check of that part fails with.
_PART_OF_THE_REQUEST = {
    "invalid-query": "request: query",
    "invalid-header": "request: headers",
    "malformed-json": "request: body",
    "unsupported-media-type": "request: body",
    "validation-error": "request: body",
    "payload-too-large": "request: body",
    "not-found": "request: address",
    "method-not-allowed": "request: method",
    "unauthorized": "request: credentials",
    "forbidden": "request: credentials",
}


def mistake_of_answer(answer: Answer) -> str:
    """The mistake an error answer points at: the part of the request a problem names, else its status."""
    slug = answer.problem_slug()
    return _PART_OF_THE_REQUEST.get(slug or "", f"answered {answer.status}")


def _answer_of(error: BaseException) -> Answer | None:
    """The kitchen's answer an HTTPError was raised on (`raise_for_status`), or None."""
    response = getattr(error, "response", None)
    if response is None or not hasattr(response, "status_code") or type(error).__name__ != "HTTPError":
        return None
    return Answer.of(response)


def _machinery(error: BaseException) -> Explained | None:
    """One sentence for an error from requests or urllib3 that no learner frame explains; None: not one of those."""
    module = type(error).__module__.split(".", 1)[0]
    if module not in ("requests", "urllib3"):
        return None
    what, step = _network_sentence(error)
    return Explained(FAILING, f"The tests {what}", f"network: {type(error).__name__}", next_step=step)


def _network_sentence(error: BaseException) -> tuple[str, str]:
    """A connection error, a proxy or a timeout in one sentence about the code or the set-up, and the next step."""
    request = getattr(error, "request", None)
    url = getattr(request, "url", None) or ""
    method = getattr(request, "method", None) or ""
    target = f"{method} {url}".strip() or "a request"
    name = type(error).__name__
    if name == "ProxyError":
        return (
            f"sent {target} through a proxy, which did not pass it on.",
            "the kitchen runs on this machine: add `localhost,127.0.0.1` to NO_PROXY "
            "(or unset HTTP_PROXY and HTTPS_PROXY) and run again.",
        )
    if "Timeout" in name:
        return (
            f"sent {target} and gave up waiting for the answer ({name}).",
            "run again; if it happens again, `kata doctor` checks the kitchen.",
        )
    return (
        f"sent {target}, but nothing answers at that address (the connection was refused).",
        "if the code took that address from somewhere (a base URL, a Location header, a link), build it from "
        "what it was given or from the request it answers, not from a fixed host and port.",
    )


def describe_learner_exception(error: BaseException, root: Path) -> str:
    """ "raised KeyError: 'items' at <file, line>", or what an unserved request was, for a message."""
    location = last_learner_frame(error.__traceback__, root)
    at = f"\n  at {location}" if location else ""
    unserved = _unserved_request(error)
    if unserved is not None:
        return (
            f"sent {unserved}: an address this test's kitchen does not serve.{at}\n"
            "  Check the method and the path against the exercise's docstring (and the kitchen's docs page)."
        )
    answer = _answer_of(error)
    if answer is not None:
        request = getattr(getattr(error, "response", None), "request", None)
        line = f"{getattr(request, 'method', '')} {_path_of(getattr(request, 'url', '') or '')}".strip()
        said = "\n".join("    " + text for text in exchange_lines(line, answer))
        return f"raised HTTPError on the kitchen's answer (raise_for_status){at}\n  the kitchen answered:\n{said}"
    if type(error).__module__.split(".", 1)[0] in ("requests", "urllib3"):  # the exception, not urllib3's words
        what, _ = _network_sentence(error)
        return f"raised {type(error).__name__}: it {what}{at}"
    return f"raised {type(error).__name__}: {error}{at}"


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _raised_in_learner_code(error: BaseException, root: Path) -> bool:
    frames = list(traceback.walk_tb(error.__traceback__))
    return bool(frames) and is_learner_file(frames[-1][0].f_code.co_filename, root)


def _unserved_request(error: BaseException) -> str | None:
    try:
        from requests_mock.exceptions import NoMockAddress
    except ImportError:  # pragma: no cover
        return None
    if isinstance(error, NoMockAddress):
        return f"{error.request.method} {error.request.url}"
    return None
