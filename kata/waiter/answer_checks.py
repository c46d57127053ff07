"""Checks on what the learner's own app answered (an `AppAnswer` from kata.waiter.app_under_test), in the one voice.

Each check fails with the request that was sent, the answer (status, headers, body) and what was expected.
Its cause names the rule the answer broke (`answer: ...`), not the test: two tests whose answers break the same
rule (the same status for the same route, an error that is not a problem) are one mistake, shown once; its next
step points at the learner's view function that answered.
"""

from __future__ import annotations

from typing import Any

from kata.catalogue import find_root
from kata.expect import fail
from kata.learner.next_step import learner_location, where_text
from kata.waiter.app_under_test import NOT_JSON, AppAnswer, status_text


def _step(answer: AppAnswer, what: str) -> str | None:
    """`open <file> at line N (<view>) and <what>`; the action alone when no view of the learner's answered."""
    place = where_text(learner_location(answer.handler, find_root()))
    return f"open {place} and {what}" if place else what


def expect_status(answer: AppAnswer, status: int, summary: str | None = None, *, hint: str | None = None) -> None:
    """The answer has this status code."""
    __tracebackhide__ = True
    if answer.status != status:
        fail(
            summary or f"{answer.request_line} should be answered {status} {status_text(status)}.",
            expected=f"{status} {status_text(status)}",
            actual=answer.describe(),
            hint=hint,
            cause=f"answer: {answer.shape} {answer.status}, not {status}",
            next_step=_step(answer, f"make it answer {status} to {answer.shape} (it answers {answer.status})"),
        )


def expect_json(answer: AppAnswer, status: int = 200, summary: str | None = None, *, hint: str | None = None) -> Any:
    """The answer has this status and a JSON body sent as application/json; return the parsed body."""
    __tracebackhide__ = True
    expect_status(answer, status, summary, hint=hint)
    body = answer.json()
    if answer.mimetype != "application/json":
        looks = "The body is JSON, but the" if body is not NOT_JSON else "The"
        fail(
            f"{looks} Content-Type of the answer to {answer.request_line} is not application/json.",
            expected="Content-Type: application/json",
            actual=answer.describe(),
            hint="What does Flask write, and say it wrote, when a view returns a dict? A string made with "
            "json.dumps goes out as text/html.",
            cause="answer: JSON not sent as application/json",
            next_step=_step(answer, "make it hand its JSON to Flask as a dict, not as a string"),
        )
    if body is NOT_JSON:
        fail(
            f"The answer to {answer.request_line} is not valid JSON.",
            actual=answer.describe(),
            hint=hint,
            cause="answer: not JSON",
            next_step=_step(answer, "make it answer a JSON body (the `got:` line shows what it sent)"),
        )
    return body


def expect_problem(answer: AppAnswer, status: int, summary: str | None = None, *, hint: str | None = None) -> dict:
    """The answer is an RFC 9457 problem with this status: application/problem+json, title, status, detail."""
    __tracebackhide__ = True
    expect_status(answer, status, summary, hint=hint)
    body = answer.json()
    shape = f'{{"title": "...", "status": {status}, "detail": "..."}}'
    if answer.mimetype != "application/problem+json":
        fail(
            f"The answer {status} is right, but an error should be sent as a problem (RFC 9457): its "
            "Content-Type is application/problem+json.",
            expected=f"Content-Type: application/problem+json, body {shape}",
            actual=answer.describe(),
            hint="Which attribute of a Flask response sets its media type? Flask's own errors (an unknown "
            "address) need a handler of yours too: see `errorhandler` in Flask's docs.",
            cause="answer: an error that is not a problem",
            next_step=_step(answer, "make every error it answers a problem, sent as application/problem+json"),
        )
    if not isinstance(body, dict):
        fail(
            f"The problem's body should be a JSON object {shape}.",
            actual=answer.describe(),
            cause="answer: a problem that is not an object",
            next_step=_step(answer, f"make the problem's body an object {shape}"),
        )
    wrong = [
        name
        for name, ok in (
            ("status", body.get("status") == status and type(body.get("status")) is int),
            ("title", isinstance(body.get("title"), str) and body["title"].strip()),
            ("detail", isinstance(body.get("detail"), str) and body["detail"].strip()),
            ("type", isinstance(body.get("type", ""), str)),
        )
        if not ok
    ]
    if wrong:
        fail(
            f"The problem's {', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} missing or wrong.",
            expected=f"body {shape} (status: the same number as the status code; type, if any, a URI)",
            actual=answer.describe(),
            hint=hint,
            cause=f"answer: a problem without {', '.join(wrong)}",
            next_step=_step(answer, f"give the problem its {', '.join(wrong)}, as the `expected:` line says"),
        )
    return body


def expect_on(answer: AppAnswer, condition: Any, summary: str, *, expected: str, hint: str | None = None) -> None:
    """Fail, showing the exchange, unless `condition` holds."""
    __tracebackhide__ = True
    if not condition:
        fail(
            summary,
            expected=expected,
            actual=answer.describe(),
            hint=hint,
            next_step=_step(answer, "compare what it answered with the `expected:` line above"),
        )


def expect_field_errors(answer: AppAnswer, fields: set[str], *, hint: str | None = None) -> dict:
    """A 422 problem whose `errors` lists one {"field", "message"} per wrong field: exactly `fields`, all at once."""
    __tracebackhide__ = True
    wanted = ", ".join(sorted(fields))
    body = expect_problem(answer, 422, f"{answer.request_line} has wrong fields ({wanted}): the answer should be 422.")
    errors = body.get("errors")
    entries_ok = isinstance(errors, list) and all(
        isinstance(entry, dict)
        and isinstance(entry.get("field"), str)
        and isinstance(entry.get("message"), str)
        and entry["message"].strip()
        for entry in errors
    )
    shape = '"errors": [{"field": "party_size", "message": "..."}, ...]'
    if not entries_ok:
        fail(
            "The 422 problem should list what is wrong in `errors`, one entry per wrong field.",
            expected=shape,
            actual=answer.describe(),
            hint=hint or "Collect the mistakes in a list as you check each field; answer them all in one problem.",
            cause="answer: field errors not listed",
            next_step=_step(answer, "list each wrong field in the problem's `errors`, as the `expected:` line shows"),
        )
    named = {entry["field"] for entry in errors or ()}
    if named != fields:
        missed, extra = sorted(fields - named), sorted(named - fields)
        said = []
        if missed:
            said.append(f"it does not name {', '.join(missed)}")
        if extra:
            said.append(f"it names {', '.join(extra)}, which {'is' if len(extra) == 1 else 'are'} right")
        fail(
            f"The 422 problem's errors should name every wrong field at once, and only those: {'; '.join(said)}.",
            expected=f"errors for: {wanted}",
            actual=answer.describe(),
            hint=hint
            or "Check every field, even after one was wrong, and keep one entry per wrong field: the guest then "
            "fixes them all in one go.",
            cause="answer: field errors named wrongly",
            next_step=_step(answer, "check every field before answering, and name in `errors` each one that is wrong"),
        )
    return body
