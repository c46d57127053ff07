"""`kata serve` and `kata doctor`, run as a learner runs them, in a copy of the kata."""

from __future__ import annotations

import os
import socket
import sys
import urllib.request
from pathlib import Path


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_starts_the_restaurant_and_prints_the_docs_address(small_kata: Path, serving):
    with serving(small_kata, "--port", "0", env={**os.environ, "NO_COLOR": "1"}) as served:
        opened = served.wait_for("Restaurant open at ")
        assert opened, served.text
        url = opened.split(" at ", 1)[1].strip()
        assert served.wait_for("Docs:"), served.text  # printed just after: wait for it, do not race it
        with urllib.request.urlopen(f"{url}health", timeout=5) as answer:
            assert answer.status == 200
    if sys.platform != "win32":
        assert served.process.returncode == 0  # Ctrl+C is the way to stop it, not a crash


def test_doctor_passes_on_a_healthy_kata(small_kata: Path, run_kata):
    result = run_kata(small_kata, "doctor", env={"KATA_SERVER": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    for found in ("Python 3.", "requests ", "flask ", "a kitchen starts on a free port", "exercises/ is writable"):
        assert found in result.stdout
    assert "Everything is ready" in result.stdout


def test_doctor_fails_with_a_fix_when_the_shared_kitchen_is_unreachable(small_kata: Path, run_kata):
    url = f"http://127.0.0.1:{closed_port()}"
    result = run_kata(small_kata, "doctor", env={"KATA_SERVER": url})
    assert result.returncode == 1
    assert f"the shared kitchen KATA_SERVER={url} cannot be reached" in result.stdout
    assert "fix: check the address" in result.stdout
    assert "1 problem to fix" in result.stdout
