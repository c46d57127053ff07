"""The facilitator's board in a real browser: headless Chromium (Debian's chromium and chromium-driver).

It loads with the facilitator's key, shows teams as they join, and turns a cell green once a learner's
run (a real pytest run of exercise 1, solved, in a copy of the kata) reports a pass, without a reload.
The screenshot is saved in the test's temporary folder, or in $KATA_SCREENSHOTS when set (the suite writes
nothing in the clone). Skipped only when Chromium
or its driver is not installed; `.ci/run` installs them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = "workshop-board.png"
SECRET = "board-test-secret"
CODE = "ROOM-42"
BROWSER = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
DRIVER = shutil.which("chromedriver")
if BROWSER is None or DRIVER is None:
    pytest.skip(
        "Chromium or chromedriver is not installed (Debian: apt-get install chromium chromium-driver); "
        f"found browser={BROWSER}, driver={DRIVER}",
        allow_module_level=True,
    )

from kata.catalogue import load  # noqa: E402
from kata.kitchen.live import LiveKitchen  # noqa: E402
from mock_server.workshop import REGISTRY_KEY  # noqa: E402

# selenium (the dev extra) is imported where it is used: importing it costs 0.4 s, and every xdist worker
# collects this module while only one runs its test.


@pytest.fixture(scope="module")
def server():
    """A workshop server on a loopback port (the kata's catalogue on its board); `.app` is the Flask app."""
    from waitress.server import create_server

    from mock_server import create_app

    app = create_app({"CLOCK": "manual", "WORKSHOP": {"secret": SECRET, "join_code": CODE}})
    wsgi = create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=wsgi.run, name="kata-workshop", daemon=True)
    thread.start()
    live = LiveKitchen(wsgi, thread, f"http://127.0.0.1:{wsgi.socket.getsockname()[1]}", app)
    yield live
    live.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1600,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    yield driver
    driver.quit()


def call(url: str, body: dict, headers: dict | None = None) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        return json.loads(answer.read())


def learner_copy(destination: Path) -> Path:
    """The parts of the kata a run of exercise 1 needs, with exercise 1 solved."""
    for name in ("catalogue.toml", "conftest.py", "pyproject.toml"):
        shutil.copy(ROOT / name, destination / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in (
        "kata",
        "mock_server",
        "tests/exercises/ch00_warm_up",
        "exercises/ch00_warm_up",
        "solutions/ch00_warm_up",
    ):
        shutil.copytree(ROOT / folder, destination / folder, ignore=skip)
    shutil.copy(ROOT / "tests/exercises/conftest.py", destination / "tests/exercises/conftest.py")
    name = "ch00_warm_up/ex01_anatomy_of_a_request.py"
    shutil.copy(destination / "solutions" / name, destination / "exercises" / name)
    return destination


CELL = """
var team = arguments[0], exercise = arguments[1];
var row = Array.from(document.querySelectorAll("tbody tr")).find(function (r) { return r.dataset.team === team; });
var td = row && row.querySelector('td[data-exercise="' + exercise + '"]');
return td ? {status: td.dataset.status, text: td.textContent, classes: td.className,
             background: getComputedStyle(td).backgroundColor} : null;
"""


def cell(browser, team: str, exercise: str) -> dict | None:
    """A cell's status, text, classes and colour, read in one go (the page may redraw between two calls)."""
    return browser.execute_script(CELL, team, exercise)


def test_the_board_shows_teams_joining_and_a_pass_turning_green(server, browser, tmp_path):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 10, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException])
    browser.get(f"{server.url}/__workshop/board?key={SECRET}")
    assert browser.current_url == f"{server.url}/__workshop/board"  # the key became a cookie
    browser.get(f"{server.url}/__workshop/board?poll=200")  # the same board, polling five times a second
    wait.until(lambda b: b.find_element(By.ID, "summary").text.startswith("0 teams"))
    assert browser.find_element(By.ID, "code").text == CODE  # the join code, for the room to read
    started = time.monotonic()
    assert browser.find_element(By.ID, "empty").is_displayed()

    # Teams join: rows appear without a reload.
    joined = {
        name: call(f"{server.url}/__workshop/teams", {"name": name, "code": CODE})
        for name in ("Ada & Grace", "Alan & Kathleen", "<b>Bobby</b> Tables")
    }
    wait.until(lambda b: b.find_element(By.ID, "summary").text.startswith("3 teams"))
    assert cell(browser, "<b>Bobby</b> Tables", "ex01_anatomy_of_a_request") is not None  # a name, never HTML
    assert not browser.find_elements(By.CSS_SELECTOR, "tbody b")

    # A learner's real run of exercise 1 (solved) reports a pass, and the cell turns green.
    kata = learner_copy(tmp_path)
    (kata / ".kata").mkdir()
    state = {"server": server.url, "team": "Ada & Grace", "token": joined["Ada & Grace"]["token"]}
    (kata / ".kata" / "workshop.json").write_text(json.dumps(state), encoding="utf-8")  # as `kata join` leaves it
    env = {**os.environ, "NO_COLOR": "1", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}  # as `kata check` runs it
    for name in ("KATA_TARGET", "KATA_SERVER", "KATA_TEAM"):
        env.pop(name, None)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "requests_mock",
            "-q",
            "tests/exercises/ch00_warm_up/test_ex01_anatomy_of_a_request.py",
        ],
        cwd=kata,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0 and "workshop: reported" in run.stdout, run.stdout + run.stderr
    print(f"learner run done at {time.monotonic() - started:.2f} s")
    wait.until(lambda b: (cell(b, "Ada & Grace", "ex01_anatomy_of_a_request") or {}).get("status") == "done")
    green = cell(browser, "Ada & Grace", "ex01_anatomy_of_a_request")
    assert green["text"] == "\u2713" and green["background"] == "rgb(23, 128, 61)", green

    # The rest of the room, for the picture: failures, a stuck team, the counts under the grid.
    token = {name: team["token"] for name, team in joined.items()}
    first, second, third = load(ROOT).exercises[:3]  # a team on exercise 3, whichever it is
    results = {first.name: "done", second.name: "done", third.name: "failing"}
    call(f"{server.url}/__workshop/reports", {"results": results}, {"X-Kata-Team-Token": token["Alan & Kathleen"]})
    call(
        f"{server.url}/__workshop/reports",
        {"results": {"ex01_anatomy_of_a_request": "failing"}},
        {"X-Kata-Team-Token": token["<b>Bobby</b> Tables"]},
    )
    registry = server.app.extensions[REGISTRY_KEY]
    registry.by_name("Alan & Kathleen").current_since -= 15 * 60  # on exercise 3 for a quarter of an hour
    wait.until(lambda b: b.find_element(By.CSS_SELECTOR, f'tfoot td[data-exercise="{third.name}"]').text == "1")
    stuck = cell(browser, "Alan & Kathleen", third.name)
    assert "stuck" in stuck["classes"] and stuck["text"] == "!", stuck
    assert f"Stuck most: 3. {third.title} (1)" in browser.find_element(By.ID, "hotspots").text
    time.sleep(0.1)  # let the last paint settle
    shot = Path(os.environ.get("KATA_SCREENSHOTS") or tmp_path) / SCREENSHOT
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(shot)), shot
    print(f"screenshot: {shot}")


TEAM_NAME = """
var team = arguments[0];
var row = Array.from(document.querySelectorAll("tbody tr")).find(function (r) { return r.dataset.team === team; });
var th = row && row.querySelector("th.team");
return th ? {text: th.textContent, kitchen: th.dataset.kitchen, title: th.title} : null;
"""


def test_a_team_with_its_kitchen_at_home_is_marked_with_a_word(server, browser):
    """Issue 28: the board says which teams keep their kitchen at home, in words (not by colour alone)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 10, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException])
    browser.get(f"{server.url}/__workshop/board?key={SECRET}")
    browser.get(f"{server.url}/__workshop/board?poll=200")
    home = call(f"{server.url}/__workshop/teams", {"name": "Hopper at home", "code": CODE})
    call(f"{server.url}/__workshop/teams", {"name": "Lovelace in the room", "code": CODE})
    results = {"results": {"ex01_anatomy_of_a_request": "done"}, "kitchen": "local"}
    call(f"{server.url}/__workshop/reports", results, {"X-Kata-Team-Token": home["token"]})
    wait.until(lambda b: (b.execute_script(TEAM_NAME, "Hopper at home") or {}).get("kitchen") == "local")
    marked = browser.execute_script(TEAM_NAME, "Hopper at home")
    assert marked["text"] == "\u2302 home Hopper at home" and "kitchen at home" in marked["title"], marked
    plain = browser.execute_script(TEAM_NAME, "Lovelace in the room")
    assert plain["text"] == "Lovelace in the room" and plain["kitchen"] == "", plain


def test_a_course_board_greys_idle_teams_and_draws_progress_over_time(server, browser):
    """Issue 28: a team with no run for days is shown idle (never removed); the room's average over time."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 10, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException])
    registry = server.app.extensions[REGISTRY_KEY]
    away = call(f"{server.url}/__workshop/teams", {"name": "Away for a week", "code": CODE})
    call(
        f"{server.url}/__workshop/reports",
        {"results": {"ex01_anatomy_of_a_request": "done"}},
        {"X-Kata-Team-Token": away["token"]},
    )
    team = registry.by_name("Away for a week")
    team.joined -= 8 * 86400
    team.last_report -= 7 * 86400  # its last run, a week ago
    registry.db.write(("UPDATE progress SET at = ? WHERE team_id = ?", (team.last_report, team.id)))
    browser.get(f"{server.url}/__workshop/board?key={SECRET}")
    browser.get(f"{server.url}/__workshop/board?poll=200")
    wait.until(lambda b: "idle 7 d" in ((b.execute_script(TEAM_NAME, "Away for a week") or {}).get("text") or ""))
    row = browser.execute_script(
        "return [...document.querySelectorAll('#grid tbody tr')].find(r => r.dataset.team === arguments[0]).className",
        "Away for a week",
    )
    assert row == "idle"
    wait.until(lambda b: "idle" in b.find_element("id", "summary").text)
    wait.until(lambda b: b.find_element("id", "over-time").is_displayed())
    note = browser.find_element("id", "over-time-note").text
    assert note.startswith("the room's average, at the end of each day") and "done now" in note, note
    assert browser.execute_script("return document.querySelector('#chart polyline').getAttribute('points')")
