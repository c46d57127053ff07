"""The waiter's notepad (kata/notepad/): what a run records, where it keeps it, and the page it draws.

Runs of the tiny kata in this process (pytester), `kata notepad` through `kata.cli.main`, the page's
HTML read as text, and the live page of `kata watch` over a loopback socket. The page in a real browser
is tests/browser/test_notepad.py's business.
"""

from __future__ import annotations

import json
import textwrap
import urllib.error
import urllib.request
from html.parser import HTMLParser

from kata.command_line import kata_command
from kata.notepad import wire
from kata.notepad.page import CSP, render
from kata.notepad.record import EXCHANGE_LIMIT
from kata.notepad.serve import LivePage
from kata.notepad.store import KEEP_RUNS, Notepad, folder_of

from .tiny_kata import CHAPTER, TinyKata

WRONG_PATH = "    return requests.get(f'{base_url}/healthz', timeout=5).status_code == 200"


def runs_of(kata: TinyKata, name: str) -> list[dict]:
    notepad = Notepad(folder_of(kata.root))
    return [json.loads(path.read_text(encoding="utf-8")) for path in notepad.runs_of(name)]


def exchanges(test: dict) -> list[dict]:
    return [event for event in test["events"] if event["kind"] == "exchange"]


def test_a_learner_run_keeps_each_tests_exchanges_with_the_live_kitchen(kata, learner_run):
    kata.solve(1)
    kata.write(2, WRONG_PATH)
    result = learner_run()
    [run] = runs_of(kata, "ex02_is_it_open")
    by_name = {test["name"]: test for test in run["tests"]}
    assert list(by_name) == ["test_open", "test_closed"]  # grouped by test, in the order they ran
    assert by_name["test_open"]["verdict"] == "failing"
    [asked] = exchanges(by_name["test_open"])
    assert (asked["where"], asked["method"], asked["path"], asked["timeout"]) == ("kitchen", "GET", "/healthz", "5 s")
    answer = asked["response"]
    assert (answer["status"], answer["reason"]) == (404, "NOT FOUND")
    assert answer["problem"]["title"] and answer["problem"]["hint"]  # the kitchen's own words, kept
    assert ["Content-Type", "application/problem+json"] in answer["headers"]
    # The failure's output ends with one line pointing at that test's exchanges (before pytest's summary).
    last = result.stdout.lines[-2]
    assert f"`{kata_command('notepad 2')}`" in last and "test_open" in last, result.stdout.str()
    # The tests of other exercises ran too: ex01 sent nothing, and says so.
    [adding] = runs_of(kata, "ex01_add")
    assert all(test["events"] == [] for test in adding["tests"])


def test_a_stand_in_kitchen_is_recorded_as_such(kata, learner_run):
    kata.solve(3)
    learner_run()
    [run] = runs_of(kata, "ex03_dish_names")
    [test] = run["tests"]
    assert test["verdict"] == "passing"
    [asked] = exchanges(test)
    assert asked["where"] == "stand-in" and asked["origin"] == "http://kitchen.test"
    assert asked["response"]["status"] == 200 and asked["response"]["reason"] == "OK"
    assert json.loads(asked["response"]["body"]["text"]) == {"items": [{"name": "soup"}, {"name": "pie"}]}


def test_waits_on_the_kata_clock_and_the_learners_flask_app_are_recorded(kata, learner_run):
    test_file = kata.root / "tests" / "exercises" / CHAPTER / "test_ex01_add.py"
    test_file.write_text(
        test_file.read_text(encoding="utf-8")
        + textwrap.dedent(
            """
            def test_a_guest_and_a_wait(exercise):
                from flask import Flask
                from kata.expect import FakeSleep

                app = Flask("learner_app")
                app.get("/reservations")(lambda: ({"title": "Nothing here", "status": 404}, 404))
                FakeSleep()(1.5)
                assert app.test_client().get("/reservations?day=1").status_code == 404
            """
        ),
        encoding="utf-8",
    )
    kata.solve(1)
    learner_run()
    [run] = runs_of(kata, "ex01_add")
    test = run["tests"][-1]
    assert test["name"] == "test_a_guest_and_a_wait" and test["verdict"] == "passing"
    wait, guest = test["events"]
    assert (wait["kind"], wait["seconds"], wait["at"]) == ("wait", 1.5, 1.5)
    assert (guest["where"], guest["method"], guest["path"]) == ("your-app", "GET", "/reservations?day=1")
    assert guest["at"] == 1.5  # on the kata's clock: after the wait
    assert guest["response"]["status"] == 404 and guest["response"]["problem"]["title"] == "Nothing here"


def test_a_test_that_never_stops_asking_is_cut_at_the_limit(kata, learner_run):
    test_file = kata.root / "tests" / "exercises" / CHAPTER / "test_ex01_add.py"
    test_file.write_text(
        test_file.read_text(encoding="utf-8")
        + textwrap.dedent(
            f"""
            def test_asks_and_asks(exercise, requests_mock):
                import requests

                requests_mock.get("http://kitchen.test/orders/1", json={{"status": "cooking"}})
                for _ in range({EXCHANGE_LIMIT + 10}):
                    requests.get("http://kitchen.test/orders/1", timeout=5)
            """
        ),
        encoding="utf-8",
    )
    kata.solve(1)
    learner_run()
    [run] = runs_of(kata, "ex01_add")
    test = run["tests"][-1]
    assert (len(test["events"]), test["dropped"]) == (EXCHANGE_LIMIT, 10)
    assert "… and 10 more, left out." in render([run])


def test_the_project_runs_keep_no_notepad_unless_asked(kata, learner_run, tmp_path):
    kata.solve(3)
    learner_run("--target", "solutions")
    learner_run("--kata-notepad=off")
    assert not folder_of(kata.root).exists()
    learner_run("--target", "solutions", f"--kata-notepad={tmp_path / 'pad'}")
    assert Notepad(tmp_path / "pad").latest("ex03_dish_names") is not None


def test_the_last_runs_of_each_exercise_are_kept_and_no_more(tmp_path):
    notepad = Notepad(tmp_path)
    for n in range(KEEP_RUNS + 3):
        notepad.save_run(f"20260101-000000-{n:06d}", 0.0, {"ex01_add": [{"name": f"run {n}", "events": []}]})
    kept = notepad.runs_of("ex01_add")
    assert [p.stem[-1] for p in kept] == [str(n) for n in range(3, KEEP_RUNS + 3)]
    assert notepad.latest("ex01_add")["tests"][0]["name"] == f"run {KEEP_RUNS + 2}"
    assert sorted(p.name for p in tmp_path.rglob(".*")) == []  # written atomically: no temporary file left


def hostile_run() -> dict:
    body = "<script>alert('body')</script>\ud800" + "x" * (1 << 20)
    exchange = {
        "kind": "exchange",
        "where": "kitchen",
        "method": "POST",
        "origin": "http://127.0.0.1:1",
        "path": "/orders?<img src=x onerror=alert(1)>",
        "timeout": None,
        "request": {"headers": wire.headers([("X-Evil", '"><script>alert(2)</script>')]), "body": wire.body(body)},
        "ms": 1.0,
        "at": 0.0,
        "response": {
            "status": 400,
            "reason": "BAD REQUEST",
            "headers": [],
            "body": wire.body(body.encode("utf-8", "surrogatepass")),
            "problem": {"title": "</summary><script>alert(3)</script>", "hint": "\ud800"},
        },
    }
    test = {"name": "test_<b>evil</b>", "verdict": "failing", "events": [exchange]}
    return json.loads(json.dumps({"exercise": "ex01_add", "tests": [test]}))


class Markup(HTMLParser):
    """The elements, attributes and text of a page, as a browser's parser sees them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_a_hostile_body_is_escaped_and_cut():
    page = render([hostile_run()])
    markup = Markup(page)
    assert [tag for tag, _ in markup.tags].count("script") == 1  # the page's own, nothing from the run
    assert not [tag for tag, _ in markup.tags if tag == "img"]
    text = "".join(markup.text)
    assert "<script>alert('body')</script>\ufffd" in text  # shown as text, the lone surrogate replaced
    assert "</summary><script>alert(3)</script>" in text and "/orders?<img src=x onerror=alert(1)>" in text
    assert len(page.encode("utf-8")) < 40_000  # two bodies of 1 MiB, previewed
    assert f"of {(1 << 20) + 33} bytes" in text  # the cut says how much there was (the surrogate: 3 bytes)


def test_the_page_has_a_strict_policy_and_its_own_script_and_style_only():
    markup = Markup(render([hostile_run()]))
    [policy] = [a["content"] for tag, a in markup.tags if tag == "meta" and a.get("http-equiv")]
    assert policy == CSP and "default-src 'none'" in CSP and "'unsafe-inline'" not in CSP and "http" not in CSP
    attributes = {name for _, attrs in markup.tags for name in attrs}
    assert not {name for name in attributes if name == "style" or name.startswith("on")}  # nothing to allow inline
    addresses = {a.get("src") or a.get("href") for tag, a in markup.tags if tag in ("script", "link", "img", "a")}
    assert addresses == {None, "#notepad"}  # nothing fetched from anywhere, one link to skip to the exchanges


def test_kata_notepad_opens_the_page_of_the_exercises_last_run(kata, learner_run, cli, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda address: opened.append(address) or True)
    code, out, _ = cli("notepad", "2")
    assert code == 1 and f"`{kata_command('check 2')}`" in out  # nothing recorded yet
    kata.write(2, WRONG_PATH)
    learner_run()
    code, out, _ = cli("notepad", "2")
    assert code == 0
    [address] = opened
    assert address.startswith("file://") and address.endswith("ex02_is_it_open.html#test-test_open")
    assert address in out
    page = (folder_of(kata.root) / "ex02_is_it_open.html").read_text(encoding="utf-8")
    assert "GET /healthz" in page and "404 NOT FOUND" in page and "the kitchen (server)" in page
    assert "What the test said" in page  # the failure's message, beside what was sent


def test_kata_notepad_prints_the_address_when_no_browser_opens(kata, learner_run, cli, monkeypatch):
    monkeypatch.setattr("webbrowser.open", lambda address: False)
    kata.solve(3)
    learner_run()
    code, out, _ = cli("notepad")
    assert code == 0
    assert "The notepad is at file://" in out and "last-run.html" in out and "Open that address" in out


def get(url: str, host: str | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, dict(answer.headers), answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        with error:  # closed here: Python 3.14 warns of an HTTPError left to the garbage collector
            return error.code, dict(error.headers), error.read().decode("utf-8")


def test_the_live_page_serves_the_last_run_on_loopback_and_says_when_it_changed(tmp_path):
    live = LivePage.start(tmp_path)
    try:
        assert live.url.startswith("http://127.0.0.1:")
        status, headers, page = get(live.url)
        assert status == 200 and headers["Content-Security-Policy"] == CSP and 'data-live="1"' in page
        assert "No run recorded yet" in page
        assert get(live.url + "stamp")[2] == ""
        Notepad(folder_of(tmp_path)).save_run("20260101-000000-000001", 0.0, hostile_run_tests())
        assert get(live.url + "stamp")[2] == "20260101-000000-000001"
        assert "test_&lt;b&gt;evil&lt;/b&gt;" in get(live.url + "page")[2]
        assert get(live.url, host="evil.example:80")[0] == 421  # DNS rebinding: another name is refused
    finally:
        live.stop()


def hostile_run_tests() -> dict:
    return {"ex01_add": hostile_run()["tests"]}
