"""The notepad's screenshots in docs/: a real run drawn in headless Chromium at 1280 px and 400 px wide.

    python tools/notepad_screenshots.py              # writes docs/notepad-1280.png and docs/notepad-400.png
    python tools/notepad_screenshots.py --out DIR    # somewhere else

It runs the tests of exercise 1 (the lesson's first request), 22 (a Retry-After wait) and 26 (chapter 9: the
learner's app answers) against the reference solutions, keeping their notepad in a temporary folder, draws
the page, opens the first exchange of exercise 1's live-kitchen test, and takes both pictures. Needs
Debian's chromium and chromium-driver, and selenium (the dev extra). Maintainers only.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (
    "tests/exercises/ch00_warm_up/test_ex01_anatomy_of_a_request.py",
    "tests/exercises/ch06_when_things_go_wrong/test_ex22_respect_rate_limits.py",
    "tests/exercises/ch09_build_the_waiter/test_ex26_a_first_route.py",
)
WIDTHS = (1280, 400)
TALLEST = 2600  # px: the pictures show the top of the page, not all of it
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def record(folder: Path, tests: tuple[str, ...] = SAMPLE, target: str = "solutions") -> None:
    """Run these tests in a pytest of their own, keeping their notepad in `folder`."""
    subprocess.run(
        [sys.executable, "-m", "pytest", *tests, "--target", target, f"--kata-notepad={folder}", "-p", "no:xdist"],
        cwd=ROOT,
        check=False,
        stdout=subprocess.DEVNULL,
    )


def chromium(profile: Path, width: int = 1280, height: int = 900):  # -> selenium WebDriver
    """Headless Chromium (Debian's chromium and chromium-driver) through selenium."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        raise SystemExit("Chromium or chromedriver is not installed (Debian: apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (*CHROMIUM_FLAGS, f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the pictures (default: docs/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from kata.notepad.page import render
    from kata.notepad.store import Notepad

    with tempfile.TemporaryDirectory() as temporary:
        here = Path(temporary)
        record(here / "notepad")
        page = here / "notepad.html"
        page.write_text(render(Notepad(here / "notepad").last_run()), encoding="utf-8")
        for width in WIDTHS:
            driver = chromium(here / f"profile-{width}", width)
            try:
                driver.get(page.as_uri())
                driver.execute_script(
                    "var x = document.querySelector('#test-test_the_live_kitchen_accepts_the_requests_you_build"
                    " details.exchange'); if (x) { x.open = true; }"
                )
                height = min(TALLEST, int(driver.execute_script("return document.documentElement.scrollHeight")))
                driver.set_window_size(width, height)
                shown = driver.execute_script("return [window.innerWidth, window.innerHeight]")
                driver.set_window_size(width + (width - shown[0]), height + (height - shown[1]))
                time.sleep(0.6)  # the arrows' drawing animation (0.35 s) is over
                target = args.out / f"notepad-{width}.png"
                if not driver.save_screenshot(str(target)):
                    raise SystemExit(f"Chromium could not write {target}")
                print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
            finally:
                driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
