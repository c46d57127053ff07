"""Issue 29.1 and 26.2 in real processes: Python opens the pipes itself, in the encoding it is told, and the
learner's test run meets a dead proxy as a company laptop would set it. (Every verb in this process:
test_encoding.py; the proxy, decided: test_host.py.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .processes import environment, run_kata
from .test_encoding import UNSHOWABLE
from .tiny_kata import CATALOGUE, TinyKata

SETTINGS = {
    "cp1252": {"PYTHONIOENCODING": "cp1252"},  # Windows' pipes and files, western Europe
    "cp1251": {"PYTHONIOENCODING": "cp1251"},  # the same in Cyrillic
    "ascii locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""},
}
DEAD_PROXY = "http://127.0.0.1:9"  # nothing listens on port 9 (discard): a proxy that never answers


@pytest.fixture
def tiny(tmp_path: Path) -> TinyKata:
    kata = TinyKata(tmp_path)
    text = CATALOGUE.replace('title = "Add two numbers"', f'title = "Add two numbers ({UNSHOWABLE})"')
    (tmp_path / "catalogue.toml").write_text(text, encoding="utf-8")
    kata.write(1, f"    # {UNSHOWABLE}\n    return a - b")
    return kata


def raw(root: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kata", *args], cwd=root, env=env, capture_output=True, timeout=120, check=False
    )


@pytest.mark.parametrize("setting", SETTINGS, ids=list(SETTINGS))
@pytest.mark.parametrize("argv", [("hint", "1"), ("compare", "1", "--peek"), ("check", "1")], ids=" ".join)
def test_a_pipe_that_cannot_show_everything(tiny, setting, argv):
    env = environment(**SETTINGS[setting], KATA_KITCHEN="")
    ran = raw(tiny.root, *argv, env=env)
    text = (ran.stdout + ran.stderr).decode("ascii", "replace")
    assert ran.returncode in (0, 1), text
    assert "Traceback" not in text and "UnicodeEncodeError" not in text, text
    assert "\\u2713" in text or "\\xf9" in text, text  # ✓ or ù, escaped: not lost, not a crash


def test_a_dead_proxy_gives_a_red_run_without_a_traceback(tiny):
    """HTTP_PROXY set as a company laptop sets it: the learner's test run still reaches the local kitchen."""
    proxied = {"HTTP_PROXY": DEAD_PROXY, "HTTPS_PROXY": DEAD_PROXY, "ALL_PROXY": DEAD_PROXY, "http_proxy": DEAD_PROXY}
    env = environment(**proxied, KATA_KITCHEN="")
    for name in ("NO_PROXY", "no_proxy"):
        env.pop(name, None)
    stub = run_kata(tiny.root, "check", "2", env=env)
    shown = stub.stdout + stub.stderr
    assert stub.returncode == 1, shown
    assert "Traceback" not in shown and "KitchenError" not in shown and "cannot be reached" not in shown, shown
    assert "A proxy is set: the kata reaches the kitchen on 127.0.0.1 directly" in shown, shown
    tiny.solve(2)
    solved = run_kata(tiny.root, "check", "2", env=env)
    assert solved.returncode == 0, solved.stdout + solved.stderr  # the learner's requests reached the kitchen


def test_a_plain_pytest_behind_a_dead_proxy_reaches_the_kitchen_too(tiny):
    env = environment(HTTP_PROXY=DEAD_PROXY, http_proxy=DEAD_PROXY, KATA_KITCHEN="")
    for name in ("NO_PROXY", "no_proxy"):
        env.pop(name, None)
    tiny.solve(2)
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "requests_mock", "tests/exercises", "-k", "open"],
        cwd=tiny.root,
        env={**env, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "A proxy is set" in ran.stdout, ran.stdout
