"""The kitchen's docs page (/) in a real browser: headless Chromium (Debian's chromium and chromium-driver).

At a laptop's 1280 px and a phone's 400 px the page has no horizontal scroll, and every link of its contents
list leads to a part of the page (clicking one scrolls there). Screenshots go to the test's temporary folder,
or to $KATA_SCREENSHOTS when set. Skipped, with the reason, where Chromium or its driver is missing.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

BROWSER = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
DRIVER = shutil.which("chromedriver")
if BROWSER is None or DRIVER is None:
    pytest.skip(
        "Chromium or chromedriver is not installed (Debian: apt-get install chromium chromium-driver); "
        f"found browser={BROWSER}, driver={DRIVER}",
        allow_module_level=True,
    )

from tests.server.test_docs_curl import fresh_kitchen  # noqa: E402
from tools.notepad_screenshots import chromium  # noqa: E402

WIDTHS = (1280, 400)


@pytest.fixture(scope="module")
def docs():
    """The docs page's address, on a real kitchen."""
    with fresh_kitchen() as (base, _):
        yield base + "/"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium(tmp_path_factory.mktemp("chromium-profile"), 1280)
    yield driver
    driver.quit()


def at_width(browser, url: str, width: int) -> None:
    browser.set_window_size(width, 900)
    browser.get(url)
    inner = browser.execute_script("return window.innerWidth")
    assert abs(inner - width) <= 20, f"the window is {inner} px wide, not {width}"


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_scroll(browser, docs, width, tmp_path):
    at_width(browser, docs, width)
    wide = browser.execute_script(
        "var page = document.documentElement, found = [];"
        "document.querySelectorAll('body *').forEach(function (el) {"
        "  var box = el.getBoundingClientRect();"
        "  if (box.right > page.clientWidth + 1 && getComputedStyle(el).position !== 'fixed') found.push("
        "    el.tagName + (el.id ? '#' + el.id : '') + ' ' + Math.round(box.right));"
        "});"
        "return [page.scrollWidth, page.clientWidth, found.slice(0, 5)];"
    )
    scroll, client, culprits = wide
    assert scroll <= client, f"{width} px: the page is {scroll} px wide in {client} px: {culprits}"
    shot = Path(os.environ.get("KATA_SCREENSHOTS") or tmp_path) / f"docs-page-{width}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(shot)), shot
    print(f"screenshot: {shot}")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_contents_link_leads_to_its_part_of_the_page(browser, docs, width):
    from selenium.webdriver.common.by import By

    at_width(browser, docs, width)
    links = browser.find_elements(By.CSS_SELECTOR, "nav#contents a")
    targets = [link.get_attribute("href").split("#", 1)[1] for link in links]
    assert len(targets) > 40  # every tag, every endpoint, the script and the problem types
    missing = [t for t in targets if not browser.execute_script("return !!document.getElementById(arguments[0])", t)]
    assert not missing, missing
    for target in ("tag-orders", "createToken", "problems"):  # a section, an endpoint, the last part
        browser.execute_script("window.scrollTo(0, 0)")
        browser.find_element(By.CSS_SELECTOR, f"nav#contents a[href='#{target}']").click()
        time.sleep(0.05)
        top = browser.execute_script("return document.getElementById(arguments[0]).getBoundingClientRect().top", target)
        assert browser.execute_script("return location.hash") == f"#{target}"
        assert abs(top) < 5 or browser.execute_script(
            "return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 1"
        ), f"{width} px: #{target} is {top} px from the top after its link"
