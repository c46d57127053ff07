"""The waiter's notepad in a real browser: headless Chromium (Debian's chromium and chromium-driver).

A real run of exercise 1 (against the solutions, in a pytest of its own) is drawn: the lanes and arrows are
there, and clicking an arrow (or Enter on it) shows the request's headers. The live page of `kata watch`
(kata.notepad.serve) redraws itself within a second of a run ending. A hostile body is shown escaped and cut.
axe-core finds no serious or critical accessibility violation (KATA_AXE names its axe.min.js; `.ci/run`
installs it under /var/cache/restaurant-kata). The capstone's page (49 tests) loads in under a second.
Skipped, with the reason, where Chromium, its driver or axe-core is missing.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BROWSER = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
DRIVER = shutil.which("chromedriver")
if BROWSER is None or DRIVER is None:
    pytest.skip(
        "Chromium or chromedriver is not installed (Debian: apt-get install chromium chromium-driver); "
        f"found browser={BROWSER}, driver={DRIVER}",
        allow_module_level=True,
    )
AXE = Path(os.environ.get("KATA_AXE") or "/var/cache/restaurant-kata/axe/node_modules/axe-core/axe.min.js")

from kata.catalogue import load  # noqa: E402
from kata.notepad.page import render  # noqa: E402
from kata.notepad.serve import LivePage  # noqa: E402
from kata.notepad.store import Notepad, folder_of  # noqa: E402
from tests.tooling.test_notepad import hostile_run  # noqa: E402
from tools.notepad_screenshots import chromium, record  # noqa: E402

EX01 = ("tests/exercises/ch00_warm_up/test_ex01_anatomy_of_a_request.py",)
EX24 = tuple(path.relative_to(ROOT).as_posix() for path in load(ROOT).find("ex24_restaurant_client").test_files())
LIVE_TEST = "#test-test_the_live_kitchen_accepts_the_requests_you_build"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium(tmp_path_factory.mktemp("chromium-profile"), 1280)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def ex01_page(tmp_path_factory) -> Path:
    """The page of a real run of exercise 1's tests (solved), as `kata notepad 1` writes it."""
    folder = tmp_path_factory.mktemp("ex01")
    record(folder / "notepad", EX01)
    page = folder / "ex01.html"
    page.write_text(render([Notepad(folder / "notepad").latest("ex01_anatomy_of_a_request")]), encoding="utf-8")
    return page


def texts(browser, selector: str) -> list[str]:
    return browser.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(function (e) { return e.textContent; });",
        selector,
    )


def test_exercise_1_is_drawn_with_its_lanes_and_arrows(browser, ex01_page):
    browser.get(ex01_page.as_uri())
    assert texts(browser, f"{LIVE_TEST} .lanes span") == ["your code", "the waiter (API)", "the kitchen (server)"]
    assert [t.split("timeout")[0] for t in texts(browser, f"{LIVE_TEST} .arrow.out .mono")] == [
        "GET /menu?category=pizza&max_price=10",
        "POST /orders",
    ]
    answers = [t.split(": ")[-1] for t in texts(browser, f"{LIVE_TEST} .arrow.back .label")]
    assert answers == ["200 OK", "201 CREATED"]
    assert "✓ passing" in texts(browser, f"{LIVE_TEST} h3")[0]
    quiet = texts(browser, "#test-test_building_sends_nothing")[0]
    assert "no request" in quiet  # a test that sends nothing says so


def test_clicking_an_arrow_or_enter_on_it_shows_the_whole_request(browser, ex01_page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(ex01_page.as_uri())
    first, second = browser.find_elements(By.CSS_SELECTOR, f"{LIVE_TEST} details.exchange")
    headers = first.find_element(By.CSS_SELECTOR, ".details table.headers")
    assert not headers.is_displayed()
    first.find_element(By.CSS_SELECTOR, ".arrow.out").click()
    assert headers.is_displayed()
    assert "Accept" in headers.text and "application/json" in headers.text
    summary = second.find_element(By.TAG_NAME, "summary")
    summary.send_keys(Keys.ENTER)  # keyboard: the arrow is focusable, Enter opens it
    body = second.find_element(By.CSS_SELECTOR, ".details pre")
    assert body.is_displayed() and '"notes": "no basil"' in body.text  # the request's body, pretty-printed
    name = " ".join(summary.get_attribute("textContent").split())  # what a screen reader reads for the two arrows
    assert "request from your code to the kitchen (server): POST /orders" in name
    assert "answer from the kitchen (server) to your code: 201 CREATED" in name


def test_a_hostile_body_is_shown_escaped_and_cut(browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    page = tmp_path / "hostile.html"
    page.write_text(render([hostile_run()]), encoding="utf-8")
    browser.get(page.as_uri())
    for element in browser.find_elements(By.CSS_SELECTOR, "details.exchange"):
        element.find_element(By.TAG_NAME, "summary").click()
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - no script of the body ran
    bodies = [pre.text for pre in browser.find_elements(By.CSS_SELECTOR, ".details pre")]
    assert bodies and all(text.startswith("<script>alert('body')</script>\ufffd") for text in bodies)
    assert all(len(text) <= 4000 for text in bodies)
    assert "Body cut: the first 4000 characters of 1048609 bytes." in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_elements(By.CSS_SELECTOR, "main script, main img") == []


def test_the_live_page_redraws_within_a_second_of_a_run(browser, tmp_path):
    """The page `kata watch` serves (kata.notepad.serve), while a run of exercise 1 is made in the kata beside it."""
    from selenium.webdriver.support.ui import WebDriverWait

    live = LivePage.start(tmp_path)
    try:
        browser.get(live.url)
        assert "No run recorded yet" in browser.page_source
        run = threading.Thread(target=record, args=(folder_of(tmp_path), EX01))
        run.start()  # the page is watched while the run goes, as a learner's browser does
        WebDriverWait(browser, 60, poll_frequency=0.02).until(
            lambda b: b.execute_script("return document.querySelectorAll('details.exchange').length") >= 2
        )
        late = time.time() - (folder_of(tmp_path) / "last.json").stat().st_mtime
        run.join()
        assert late < 1.0, f"the page redrew {late:.2f} s after the run was saved"
        assert "New run drawn" in browser.execute_script("return document.getElementById('live').textContent")
    finally:
        live.stop()


def test_axe_finds_no_serious_or_critical_violation(browser, ex01_page, tmp_path):
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE} (npm install axe-core; set KATA_AXE to its axe.min.js)")
    source = AXE.read_text(encoding="utf-8")
    for page, width in ((ex01_page, 1280), (ex01_page, 400)):
        browser.set_window_size(width, 900)
        browser.get(page.as_uri())
        browser.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; });")
        browser.execute_script(source)  # through the driver: the page's own policy allows no other script
        found = browser.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
            "  done(r.violations.map(function (v) { return [v.id, v.impact, v.nodes.length, v.help]; })); });"
        )
        bad = [v for v in found if v[1] in ("serious", "critical")]
        assert bad == [], f"at {width} px: {bad}"
    browser.set_window_size(1280, 900)


def test_the_capstones_notepad_loads_in_under_a_second(browser, tmp_path):
    record(tmp_path / "notepad", EX24)
    run = Notepad(tmp_path / "notepad").latest("ex24_restaurant_client")
    assert run is not None and len(run["tests"]) >= 40
    page = tmp_path / "ex24.html"
    page.write_text(render([run]), encoding="utf-8")
    browser.get(page.as_uri())
    took = browser.execute_script(
        "var t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime;"
    )
    size = page.stat().st_size
    print(f"capstone notepad: {len(run['tests'])} tests, {size / 1024:.0f} KiB, loaded in {took:.0f} ms")
    assert 0 < took < 1000, f"{took} ms for {size} bytes"
