"""Exercise 21: make_resilient_session(...) mounts an HTTPAdapter with urllib3's Retry.

requests-mock replaces the transport adapter, so urllib3's Retry never runs under it:
these tests read the mounted Retry, then watch it work against the live kitchen.
urllib3 waits with `time.sleep`; the `waits` fixture records those waits instead.
"""

import contextlib
import time
import types

import pytest
import requests
import urllib3.util.retry
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, ProtocolError
from urllib3.util import Retry

from kata.expect import FakeSleep, call, expect_sleeps, expect_true, raises


@pytest.fixture
def waits(monkeypatch):
    """urllib3's Retry sleeps through this FakeSleep (only inside urllib3.util.retry)."""
    sleep = FakeSleep()
    monkeypatch.setattr(urllib3.util.retry, "time", types.SimpleNamespace(sleep=sleep, time=time.time))
    return sleep


def retry_of(session, scheme):
    """The Retry mounted on `session` for `scheme` URLs (fails with a learner message if there is none)."""
    __tracebackhide__ = True
    expect_true(
        isinstance(session, requests.Session),
        "make_resilient_session() should return a requests.Session.",
        actual=repr(session)[:200],
        hint="Make a requests Session, mount the adapter on it (for http:// and https://), and return the session.",
    )
    adapter = session.get_adapter(f"{scheme}kitchen.test/menu")
    retry = getattr(adapter, "max_retries", None)
    expect_true(
        isinstance(adapter, HTTPAdapter) and isinstance(retry, Retry) and retry.total not in (0, False, None),
        f"The session has no retrying adapter for {scheme} addresses.",
        expected=f"session.mount({scheme!r}, HTTPAdapter(max_retries=Retry(total=..., ...)))",
        actual=f"{type(adapter).__name__} with max_retries={retry!r}",
        hint="Mount the same adapter on both 'http://' and 'https://'.",
    )
    return retry


@pytest.fixture
def get(limited):
    """`get(session, url)`: session.get(url, timeout=5), stopped if it hangs, reported if it raises."""
    return lambda session, url: call(limited(session.get), url, timeout=5).value


@pytest.mark.parametrize("scheme", ["http://", "https://"])
def test_mounts_a_retry_with_the_defaults(exercise, scheme):
    session = call(exercise.make_resilient_session).value
    retry = retry_of(session, scheme)
    config = {
        "total": retry.total,
        "backoff_factor": retry.backoff_factor,
        "status_forcelist": set(retry.status_forcelist or ()),
    }
    wanted = {"total": 3, "backoff_factor": 0.5, "status_forcelist": {502, 503, 504}}
    expect_true(
        config == wanted,
        "The Retry on the session does not follow the parameters.",
        expected=repr(wanted),
        actual=repr(config),
        hint="Hand each of your parameters to Retry, under the name Retry gives it: `total`, `backoff_factor`, "
        "`status_forcelist`.",
    )


def test_passes_the_parameters_on(exercise):
    session = call(exercise.make_resilient_session, total=5, backoff_factor=0.1, status_forcelist=(503,)).value
    retry = retry_of(session, "http://")
    config = {
        "total": retry.total,
        "backoff_factor": retry.backoff_factor,
        "status_forcelist": set(retry.status_forcelist or ()),
    }
    wanted = {"total": 5, "backoff_factor": 0.1, "status_forcelist": {503}}
    expect_true(
        config == wanted,
        "make_resilient_session(total=5, backoff_factor=0.1, status_forcelist=(503,)) ignored its parameters.",
        expected=repr(wanted),
        actual=repr(config),
        hint="Use the parameters, not fixed numbers.",
    )


SAFE = ("GET", "HEAD", "OPTIONS", "PUT", "DELETE")
UNSAFE = ("POST", "PATCH")


def test_retries_the_idempotent_methods_and_never_a_post(exercise):
    retry = retry_of(call(exercise.make_resilient_session).value, "http://")
    retried = {method: bool(retry.is_retry(method, 503)) for method in SAFE + UNSAFE}
    wrong = [m for m in SAFE if not retried[m]] + [m for m in UNSAFE if retried[m]]
    expect_true(
        not wrong,
        "The Retry would repeat requests that are not safe to send twice, or never repeat ones that are "
        f"({', '.join(wrong)} on a 503).",
        expected="GET, HEAD, OPTIONS, PUT and DELETE retried; POST and PATCH sent once",
        actual=f"allowed_methods={_shown_methods(retry.allowed_methods)}: "
        + ", ".join(f"{m} {'retried' if retried[m] else 'sent once'}" for m in SAFE + UNSAFE),
        hint="Leave `allowed_methods` alone: its default holds every idempotent method (PUT and DELETE too), "
        "and no POST, which may order (or pay) twice.",
    )


def test_keeps_raising_and_retry_after(exercise):
    retry = retry_of(call(exercise.make_resilient_session).value, "http://")
    expect_true(
        retry.raise_on_status and retry.respect_retry_after_header,
        "The Retry should raise when it runs out, and honour Retry-After.",
        expected="raise_on_status=True, respect_retry_after_header=True (the defaults)",
        actual=f"raise_on_status={retry.raise_on_status!r}, "
        f"respect_retry_after_header={retry.respect_retry_after_header!r}",
        hint="Leave those two at their defaults.",
    )


@pytest.mark.parametrize(
    ("error", "what"),
    [
        (ConnectTimeoutError("nobody picks up"), "a connection error (the kitchen cannot be reached)"),
        (ProtocolError("Connection aborted."), "a dropped line (the kitchen hung up before answering)"),
    ],
    ids=["connection error", "dropped line"],
)
def test_retries_a_kitchen_that_does_not_answer(exercise, error, what):
    retry = retry_of(call(exercise.make_resilient_session, total=4).value, "http://")
    retries = 0
    with contextlib.suppress(MaxRetryError):
        while retries < 20:
            retry = retry.increment(method="GET", url="/menu", error=error)
            retries += 1
    expect_true(
        retries == 4,
        f"With total=4, a GET that meets {what} again and again should be retried 4 times, like a 503.",
        expected=f"4 retries after {what}",
        actual=f"{retries} retries (connect={retry.connect!r}, read={retry.read!r}, total={retry.total!r})",
        hint="Retry's `total` counts connection errors and dropped lines too: leave `connect` and `read` unset.",
    )


def menu_requests(kitchen):
    return [(entry["method"], entry["path"], entry["status"]) for entry in kitchen.journal()]


def test_live_two_503s_then_the_menu(exercise, kitchen, waits, get):
    kitchen.faults(next=[{"status": 503, "count": 2, "retry_after": 0, "path": "/menu"}])
    session = call(exercise.make_resilient_session).value
    response = get(session, f"{kitchen.url}/menu")
    seen = menu_requests(kitchen)
    expect_true(
        seen == [("GET", "/menu", 503), ("GET", "/menu", 503), ("GET", "/menu", 200)],
        "Through your session, GET /menu should have reached the kitchen three times: 503, 503, then 200.",
        actual=repr(seen),
        hint="Are 503 in status_forcelist and the adapter mounted for 'http://'?",
    )
    expect_true(
        response.status_code == 200, "The third try should come back to the caller as a 200.", actual=repr(response)
    )
    expect_true(
        len(waits.calls) >= 1 and all(seconds > 0 for seconds in waits.calls),
        "urllib3 should back off between the tries (backoff_factor 0.5).",
        actual=repr(waits.calls),
        hint="Does Retry get the `backoff_factor` you were given?",
    )


def test_live_honours_retry_after(exercise, kitchen, waits, get):
    kitchen.faults(next=[{"status": 503, "count": 2, "retry_after": 2, "path": "/menu"}])
    session = call(exercise.make_resilient_session).value
    response = get(session, f"{kitchen.url}/menu")
    expect_true(response.status_code == 200, "The third try should come back as a 200.", actual=repr(response))
    expect_sleeps(waits, [2, 2], hint="The kitchen said `Retry-After: 2`: keep Retry's respect_retry_after_header on.")


def test_live_gives_up_when_the_budget_is_spent(exercise, kitchen, waits, limited):
    kitchen.faults(next=[{"status": 503, "count": 10, "retry_after": 0, "path": "/menu"}])
    session = call(exercise.make_resilient_session, total=2, backoff_factor=0.01).value
    raises(
        requests.exceptions.RetryError,
        limited(session.get),
        f"{kitchen.url}/menu",
        timeout=5,
        hint="When the retries run out, urllib3 raises (raise_on_status=True, the default) and requests "
        "turns that into requests.exceptions.RetryError.",
    )
    seen = menu_requests(kitchen)
    expect_true(
        len(seen) == 3,
        "With total=2 the session should try GET /menu three times (the first try and two retries), then give up.",
        actual=f"{len(seen)} request(s): {seen!r}",
        hint="`total` counts the retries: use the parameter.",
    )


def test_live_a_post_is_never_retried(exercise, kitchen, waits, limited):
    kitchen.faults(next=[{"status": 503, "count": 1, "retry_after": 0, "path": "/tables"}])
    session = call(exercise.make_resilient_session).value
    response = call(
        limited(session.post), f"{kitchen.url}/tables", json={"name": "Ada", "party_size": 2}, timeout=5
    ).value
    seen = menu_requests(kitchen)
    expect_true(
        seen == [("POST", "/tables", 503)] and response.status_code == 503,
        "A POST through your session must be sent once, even when it gets a 503: it may have been carried out.",
        expected="one POST /tables, and its 503 handed back",
        actual=repr(seen),
        hint="Keep Retry's default allowed_methods (they leave out POST).",
    )


def test_live_a_404_is_not_retried(exercise, kitchen, waits, get):
    session = call(exercise.make_resilient_session).value
    response = get(session, f"{kitchen.url}/menu/99")
    seen = menu_requests(kitchen)
    expect_true(
        seen == [("GET", "/menu/99", 404)] and response.status_code == 404,
        "A 404 will not get better: the session should ask once and hand the 404 back.",
        actual=repr(seen),
        hint="Retry only 502, 503 and 504 (the status_forcelist you were given).",
    )


def test_live_a_dropped_line_is_retried(exercise, kitchen, waits, get):
    kitchen.faults(drop_connection={"count": 1, "path": "/menu"})
    session = call(exercise.make_resilient_session).value
    response = get(session, f"{kitchen.url}/menu")
    expect_true(
        response.status_code == 200 and len(kitchen.journal()) == 2,
        "The first GET /menu was dropped without an answer; the session should have tried again.",
        actual=f"{len(kitchen.journal())} request(s), then {response!r}",
        hint="Retry's `total` counts connection errors too: a budget for statuses only (`status`) lets them through.",
    )


def _shown_methods(methods):
    """A set of methods in a fixed order (a frozenset's order changes from run to run)."""
    if isinstance(methods, (set, frozenset)):
        return "{" + ", ".join(repr(m) for m in sorted(methods, key=str)) + "}"
    return repr(methods)
