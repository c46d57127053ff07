"""`kata doctor`: a pre-flight check for the morning of a workshop; every problem comes with its fix.

Exit status 0 when everything is ready, 1 when something is wrong (warnings
alone do not fail).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import tempfile
from dataclasses import dataclass
from typing import Callable

from kata import host
from kata.catalogue import CatalogueError, load
from kata.cli.output import Output
from kata.command_line import kata_command

INSTALL = "in the kata's folder, with its virtual environment active: python -m pip install -e ."
SUPPORTED = ((3, 10), (3, 15))
RANGE = f"{SUPPORTED[0][0]}.{SUPPORTED[0][1]} to {SUPPORTED[1][0]}.{SUPPORTED[1][1]}"
DEPENDENCIES = (  # (module, distribution)
    ("requests", "requests"),
    ("requests_mock", "requests-mock"),
    ("flask", "flask"),
    ("pytest", "pytest"),
    ("waitress", "waitress"),
    *((("tomli", "tomli"),) if sys.version_info < (3, 11) else ()),
)


@dataclass
class Finding:
    ok: bool | None  # None: a warning, which does not fail the check
    text: str
    fix: str = ""


def check_python() -> Finding:
    version = ".".join(map(str, sys.version_info[:3]))
    low, high = SUPPORTED
    if sys.version_info[:2] < low:
        return Finding(
            False, f"Python {version} is too old", f"install Python {RANGE} (python.org), then recreate the venv"
        )
    if sys.version_info[:2] > high:
        return Finding(
            None,
            f"Python {version} is newer than the kata was tested with ({RANGE})",
            f"if something breaks, use {SUPPORTED[1][0]}.{SUPPORTED[1][1]}",
        )
    return Finding(True, f"Python {version} ({sys.executable})")


def check_dependencies() -> list[Finding]:
    from importlib import metadata

    found = []
    for module, distribution in DEPENDENCIES:
        try:
            importlib.import_module(module)
            version = metadata.version(distribution)
        except Exception as error:  # an install can be broken in many ways
            found.append(
                Finding(False, f"{distribution} cannot be imported ({type(error).__name__}: {error})", INSTALL)
            )
        else:
            found.append(Finding(True, f"{distribution} {version}"))
    plugins = {entry.name for entry in _entry_points("pytest11")}
    if "requests_mock" not in plugins:
        found.append(Finding(False, "requests-mock's pytest plugin is not registered", INSTALL))
    try:
        importlib.import_module("watchdog")
    except ImportError:
        found.append(
            Finding(None, "watchdog is missing: `kata watch` will look for changes every half second", INSTALL)
        )
    return found


def _entry_points(group: str) -> list:
    from importlib import metadata

    return list(metadata.entry_points(group=group))


def check_kata() -> list[Finding]:
    try:
        importlib.import_module("kata.testrun.plugin")
        catalogue = load()
    except (ImportError, CatalogueError) as error:
        return [Finding(False, f"the kata cannot be loaded: {error}", f"run kata from the kata's folder; {INSTALL}")]
    missing = [
        path.relative_to(catalogue.root).as_posix()
        for exercise in catalogue.exercises
        for path in (exercise.source("exercises"), *exercise.test_files())
        if not path.is_file()
    ]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        return [
            Finding(
                False,
                f"files of the kata are missing: {shown}",
                f"restore them: `git checkout -- <file>` or `{kata_command('reset N')}`",
            )
        ]
    return [Finding(True, f"the kata at {catalogue.root}: {len(catalogue.exercises)} exercises")]


def _ask_health(url: str) -> str:
    """GET url/health the way learner code does (with requests); returns what answered."""
    import requests

    response = host.call(lambda: requests.get(f"{url.rstrip('/')}/health", timeout=5))
    if response.status_code not in (200, 503):
        raise RuntimeError(f"GET /health answered {response.status_code}, not 200 (open) or 503 (closed)")
    return f"GET /health answered {response.status_code}"


def _short(error: Exception) -> str:
    import requests

    if isinstance(error, requests.exceptions.Timeout):
        return "no answer within 5 s"
    if isinstance(error, requests.exceptions.ConnectionError):
        return "no connection: nothing answers at that address"
    return f"{type(error).__name__}: {error}"


def _proxy_fix() -> str:
    proxies = host.proxies()
    if proxies:
        name, url = next(iter(proxies.items()))
        return f"a proxy is set ({name}={url}): set NO_PROXY=127.0.0.1,localhost,::1 so local requests skip it"
    serve = kata_command("serve")
    return f"check that a firewall or security tool allows connections to 127.0.0.1; then `{serve}` to see its errors"


def check_proxy() -> Finding | None:
    """A proxy in the environment or the system's settings (Windows' registry, macOS's System Settings)."""
    proxies = host.proxies()
    if not proxies:
        return None
    name, url = next(iter(proxies.items()))
    return Finding(
        None,
        f"a proxy is set ({name}={url}): the kata keeps 127.0.0.1, localhost and ::1 out of it (NO_PROXY)",
        "",
    )


def check_kitchen() -> Finding:
    # waitress logs to the root logger ("Task queue depth is 1" when a request waits): not one of our checks.
    logging.getLogger("waitress").setLevel(logging.CRITICAL)
    try:
        from kata.kitchen.live import LiveKitchen

        kitchen = LiveKitchen.start()
    except Exception as error:
        return Finding(False, f"the kitchen does not start ({type(error).__name__}: {error})", INSTALL)
    try:
        answer = _ask_health(kitchen.url)
    except Exception as error:
        return Finding(
            False, f"the kitchen started at {kitchen.url} but did not answer ({_short(error)})", _proxy_fix()
        )
    finally:
        kitchen.stop()
    return Finding(True, f"a kitchen starts on a free port ({kitchen.url}): {answer}")


def check_write_access() -> Finding:
    try:
        folder = load().root / "exercises"
        handle, name = tempfile.mkstemp(prefix=".kata-doctor-", suffix=".tmp", dir=str(folder))
        os.close(handle)
        os.unlink(name)
    except (OSError, CatalogueError) as error:
        return Finding(
            False,
            f"exercises/ is not writable ({error})",
            "copy the kata to a folder of your own (not a read-only share)",
        )
    return Finding(True, "exercises/ is writable")


def check_shared_kitchen() -> Finding | None:
    url = os.environ.get("KATA_SERVER")
    if not url:
        return None
    try:
        answer = _ask_health(url)
    except Exception as error:
        fix = "check the address (http://HOST:PORT) with the workshop's host, or unset KATA_SERVER for your own kitchen"
        return Finding(False, f"the shared kitchen KATA_SERVER={url} cannot be reached ({_short(error)})", fix)
    return Finding(True, f"the shared kitchen at {url}: {answer}")


def run(args: argparse.Namespace) -> int:
    out = Output()
    steps: list[Callable[[], Finding | list[Finding] | None]] = [
        check_python, check_dependencies, check_kata, check_proxy, check_kitchen, check_write_access,
        check_shared_kitchen,
    ]  # fmt: skip
    problems = 0
    for step in steps:
        result = step()
        for finding in result if isinstance(result, list) else ([result] if result else []):
            if finding.ok:
                out.line(f"{out.good(out.symbols['done'])} {finding.text}")
            elif finding.ok is None:
                out.line(f"{out.warn('!' if out.fancy else '[!]')} {finding.text}")
            else:
                problems += 1
                out.line(f"{out.bad('✗' if out.symbols['done'] == '✓' else '[X]')} {finding.text}")
            if finding.fix and not finding.ok:
                out.line(f"    fix: {finding.fix}")
    out.line("")
    if problems:
        out.line(
            out.bad(
                f"{problems} problem{'s' if problems > 1 else ''} to fix before the workshop (see the fixes above)."
            )
        )
        return 1
    out.line(out.good("Everything is ready. Start with ") + out.command("") + out.good("."))
    return 0
