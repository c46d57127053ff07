"""The team's notepad for the facilitator, from the laptop's side: masked here, bounded, sent only when asked."""

from __future__ import annotations

import json
import urllib.request

import pytest

from kata.workshop import notepad_upload
from kata.workshop import room as workshop
from mock_server.workshop.masking import Masker

from .test_workshop import CODE, SECRET, server  # noqa: F401  (server: the module's workshop server, a fixture)

TOKEN = "0123456789abcdef01234567"


# Masking ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("Authorization", "Bearer abcdefghijklmnop", "Bearer ‹masked: 16 characters›"),
        ("authorization", "bearer abcdefghijklmnop", "bearer ‹masked: 16 characters›"),
        ("Authorization", "Bearerabcdefghijklmnop", "Bearer‹masked: 16 characters›"),  # the missing space shows
        ("Authorization", "Bearer None", "Bearer None"),  # a mistake to see, no secret
        ("Authorization", "Basic YWRhOmh1bnRlcjI=", "Basic ‹masked: 16 characters›"),
        ("Authorization", "abcdefghijklmnop", "‹masked: 16 characters›"),
        ("X-Kata-Team-Token", TOKEN, "‹masked: 24 characters›"),
        ("Cookie", "session=abc; theme=dark", "‹masked: 23 characters›"),
        ("Set-Cookie", "session=abc; HttpOnly", "‹masked: 21 characters›"),
        ("X-Api-Key", "k-1234567", "‹masked: 9 characters›"),
        ("Idempotency-Key", "pay-once-42", "pay-once-42"),  # what ex23 is about: no secret
        ("ETag", '"abcdef0123456789"', '"abcdef0123456789"'),
        ("WWW-Authenticate", 'Bearer realm="kitchen"', 'Bearer realm="kitchen"'),
    ],
)
def test_a_credential_in_a_header_is_masked_its_shape_kept(name, value, shown):
    assert Masker().header(name, value) == shown


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        (f"GET /t/{TOKEN}/menu", TOKEN, "/t/‹team token›/menu"),
        ('{"username": "ada", "password": "hunter2-hunter2"}', "hunter2", '"username": "ada"'),
        ('{"access_token": "tok-0123456789", "token_type": "bearer"}', "tok-0123", '"token_type": "bearer"'),
        ("username=ada&password=hunter2-hunter2", "hunter2", "username=ada"),
        ("/menu?api_key=k-1234567&veggie=true", "k-1234567", "veggie=true"),
        ("your code sent Authorization: Bearer tok-0123456789", "tok-0123", "Authorization: Bearer ‹masked"),
        ('{"author": "Ada", "stars": 5}', "‹", '"author": "Ada"'),
    ],
)
def test_secrets_in_free_text_are_masked(text, hidden, kept):
    masked = Masker().text(text)
    assert hidden not in masked and kept in masked, masked


def test_known_secrets_are_masked_anywhere_and_masking_twice_changes_nothing():
    masker = Masker(["facilitator-secret", "short"])  # under 8 characters: too short to look for
    once = masker.record({"message": "the secret is facilitator-secret, not short", "headers": [["X", "y"]]})
    assert once["message"] == "the secret is ‹masked: 18 characters›, not short" and masker.count == 1
    again = Masker(["facilitator-secret"])
    assert again.record(once) == once and again.count == 0


# Bounded ----------------------------------------------------------------------------------------


def a_big_run(tests: int = 120) -> list[dict]:
    body = {"text": "x" * 4000, "size": 4000, "cut": False}
    exchange = {"kind": "exchange", "method": "GET", "path": "/menu", "request": {"headers": [], "body": body}}
    exchange["response"] = {"status": 200, "headers": [], "body": body}
    made = [
        {"name": f"test_{n}", "verdict": "failing" if n % 40 == 39 else "passing", "events": [dict(exchange)] * 3}
        for n in range(tests)
    ]
    return [{"exercise": "ex24_restaurant_client", "tests": json.loads(json.dumps(made))}]


def test_a_run_too_big_is_cut_down_failing_tests_kept_and_says_so():
    runs, note = notepad_upload.bounded(a_big_run())
    assert len(json.dumps(runs).encode()) <= notepad_upload.UPLOAD_LIMIT
    tests = runs[0]["tests"]
    failing = [t for t in tests if t["verdict"] == "failing"]
    assert failing and all(len(t["events"]) == 3 for t in failing)  # what the facilitator comes to see
    assert any(t.get("dropped") == 3 and not t["events"] for t in tests if t["verdict"] == "passing")
    assert "too big to send whole" in note and "passing ones first" in note


def test_a_small_run_goes_whole():
    runs = a_big_run(2)
    assert notepad_upload.bounded(json.loads(json.dumps(runs))) == (runs, "")


# Sent only when asked ---------------------------------------------------------------------------


def ask(server: str, name: str) -> str:  # noqa: F811
    """The facilitator opens the team's notepad (GET its page), as the board's link does; the page's text."""
    request = urllib.request.Request(f"{server}/__workshop/teams", headers={"Authorization": f"Bearer {SECRET}"})
    with urllib.request.urlopen(request, timeout=5) as answer:
        ident = next(t["id"] for t in json.loads(answer.read())["items"] if t["name"] == name)
    page = urllib.request.Request(
        f"{server}/__workshop/notepads/{ident}/page", headers={"Authorization": f"Bearer {SECRET}"}
    )
    with urllib.request.urlopen(page, timeout=5) as answer:
        return answer.read().decode("utf-8")


def test_a_run_sends_its_notepad_only_once_the_facilitator_asked(kata, cli, server, monkeypatch):  # noqa: F811
    kata.solve(2)
    monkeypatch.setenv(workshop.SERVER_ENV, server)
    monkeypatch.setenv(workshop.TEAM_ENV, "Notepad Team")
    monkeypatch.setenv(workshop.CODE_ENV, CODE)
    sent = []
    real = notepad_upload.send
    monkeypatch.setattr(notepad_upload, "send", lambda *args: sent.append(args) or real(*args))
    code, out, _ = cli("check", "2")
    assert code == 0 and "workshop: reported" in out and sent == [], out  # not asked: nothing leaves the laptop

    assert "Waiting for the team" in ask(server, "Notepad Team")
    token = json.loads((kata.root / ".kata" / "workshop.json").read_text(encoding="utf-8"))["token"]
    code, out, _ = cli("check", "2")
    assert code == 0 and len(sent) == 1, out
    assert "workshop: the facilitator asked to see your notepad: this run's" in out
    page = ask(server, "Notepad Team")
    assert "/t/‹team token›/health" in page and token not in page and "ex02_is_it_open" in page
    own = (kata.root / ".kata" / "notepad" / "ex02_is_it_open").glob("*.json")
    assert any(token in path.read_text(encoding="utf-8") for path in own)  # the team's own notepad: unchanged


def test_a_kata_that_keeps_no_notepad_says_so_to_the_facilitator(kata, cli, server, monkeypatch):  # noqa: F811
    kata.solve(2)
    monkeypatch.setenv(workshop.SERVER_ENV, server)
    monkeypatch.setenv(workshop.TEAM_ENV, "No Notepad")
    monkeypatch.setenv(workshop.CODE_ENV, CODE)
    monkeypatch.setenv("KATA_NOTEPAD", "off")
    cli("check", "2")
    ask(server, "No Notepad")
    _, out, _ = cli("check", "2")
    assert "this run's 0 exchange(s) were sent" in out, out
    assert "keeps no notepad" in ask(server, "No Notepad")
