"""The docs page's examples, pasted in order against a real kitchen: the Python ones, and the curl script in a POSIX
shell (not on Windows; each line's PowerShell form is run by test_docs_powershell.py)."""

from __future__ import annotations

import contextlib
import html
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from kata.kitchen.live import LiveKitchen
from mock_server.docs import openapi
from mock_server.docs.examples import curl_line, example_request

COOK = {"received": 1.0, "cooking": 1.0}  # this kitchen cooks in 2 s, so the serve example's wait is cut to 3 s
EXPECTED = [example_request(op)["status"] for _, _, op in openapi.operations()]


@contextlib.contextmanager
def fresh_kitchen() -> Iterator[tuple[str, str]]:
    """A real kitchen on a loopback port: (its base URL, its docs page)."""
    kitchen = LiveKitchen.start({"CLOCK": "real", "RATE_LIMIT": None, "COOK_SECONDS": COOK, "SPECIALS_MAX_DELAY": 0.05})
    try:
        page = kitchen.app.test_client().get("/", base_url=kitchen.url).get_data(as_text=True)
        yield kitchen.url, page
    finally:
        kitchen.stop()


def blocks(page: str, kind: str) -> list[str]:
    return [html.unescape(block) for block in re.findall(rf"<pre class='{kind}'[^>]*>(.*?)</pre>", page, re.S)]


def test_the_pasted_python_examples_work(tmp_path):
    with fresh_kitchen() as (base, page):
        script = "\n".join(blocks(page, "py"))  # the start (import requests, BASE), then each endpoint's example
        assert f'BASE = "{base}"' in script
        (tmp_path / "examples.py").write_text(re.sub(r"time\.sleep\(\d+\)", "time.sleep(3)", script), "utf-8")
        done = subprocess.run(
            [sys.executable, "examples.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    answered = [int(line[:3]) for line in done.stdout.splitlines() if re.match(r"\d{3}( |$)", line)]
    assert answered == EXPECTED, (answered, EXPECTED, done.stdout[-3000:])


@pytest.mark.skipif(
    sys.platform == "win32", reason="the curl script is for a POSIX shell (PowerShell: test_docs_powershell.py)"
)
@pytest.mark.skipif(not (shutil.which("sh") and shutil.which("curl")), reason="needs a POSIX shell and curl")
def test_the_pasted_curl_script_works(tmp_path):
    with fresh_kitchen() as (_, page):
        (script,) = [
            html.unescape(found) for found in re.findall(r"<pre class='sh' id='script'>(.*?)</pre>", page, re.S)
        ]
        shim = tmp_path / "python3"  # the python3 of the docs, quoted: a path may hold spaces
        shim.write_text(f'#!/bin/sh\nexec {shlex.quote(Path(sys.executable).as_posix())} "$@"\n')
        shim.chmod(0o755)
        env = dict(os.environ, PATH=f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
        done = subprocess.run(
            ["sh", "-ec", re.sub(r"^sleep \d+", "sleep 3", script, flags=re.M)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            timeout=120,
        )
    answered = [int(status) for status in re.findall(r"HTTP/1\.1 (\d{3}) ", done.stdout)]
    assert done.returncode == 0, done.stdout[-2000:]
    assert answered == EXPECTED, (answered, EXPECTED, done.stdout[-3000:])


def test_each_endpoints_curl_line_is_the_one_the_script_runs(client):
    page = html.unescape(client.get("/", base_url="http://127.0.0.1:8000").get_data(as_text=True))
    (script,) = re.findall(r"<pre class='sh' id='script'>(.*?)</pre>", page, re.S)
    lines = blocks(page, "sh")
    assert len(lines) == len(openapi.operations()) + 1  # each endpoint's, and the script
    for method, _, op in openapi.operations():
        line = curl_line(method, "http://127.0.0.1:8000", op)
        assert line in lines and (line in script or line.replace("curl -i", "curl -si", 1) in script), line
        assert "$(" not in line and "|" not in line  # no chained-id idiom where a beginner reads


def test_the_first_examples_a_beginner_reads_are_plain(client):
    page = html.unescape(client.get("/").get_data(as_text=True))
    first = page.index("<h2 id='tag-")
    assert "$(" not in page[:first] and "$(" not in page[first : page.index("<h2 id='all-curl'>")]
    assert page.index("<p class='lang'>Python</p>") < page.index("<p class='lang'>curl (POSIX shell)</p>")
