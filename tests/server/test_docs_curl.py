"""The docs page's curl examples, pasted in order into a real POSIX shell against a real kitchen."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import threading

import pytest

from mock_server import create_app
from mock_server.docs import openapi
from mock_server.docs.page import example_request

COOK = {"received": 1.0, "cooking": 1.0}  # this kitchen cooks in 2 s, so the serve example's wait is cut to 3 s


@pytest.mark.skipif(not (shutil.which("sh") and shutil.which("curl")), reason="needs a POSIX shell and curl")
def test_the_pasted_examples_work(tmp_path):
    from waitress.server import create_server

    app = create_app({"CLOCK": "real", "RATE_LIMIT": None, "COOK_SECONDS": COOK, "SPECIALS_MAX_DELAY": 0.05})
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.effective_port}"
        page = app.test_client().get("/", base_url=base).get_data(as_text=True)
        blocks = [html.unescape(block) for block in re.findall(r"<pre>(.*?)</pre>", page, re.S)]
        script = "\n".join(re.sub(r"^sleep \d+", "sleep 3", block, flags=re.M) for block in blocks)
        (tmp_path / "python3").write_text(f'#!/bin/sh\nexec {sys.executable} "$@"\n')  # the python3 of the docs
        (tmp_path / "python3").chmod(0o755)
        env = dict(os.environ, PATH=f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
        done = subprocess.run(
            ["sh", "-ec", script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, timeout=120
        )
    finally:
        server.close()
        thread.join(5)
    answered = [int(status) for status in re.findall(r"HTTP/1\.1 (\d{3}) ", done.stdout)]
    expected = [example_request(op)["status"] for _, _, op in openapi.operations()]
    assert done.returncode == 0, done.stdout[-2000:]
    assert answered == expected, (answered, expected, done.stdout[-3000:])
