"""The learner's machine (kata.host, issue 29): each platform decision asked directly, on Windows too.

`host.system` is the one place that reads sys.platform: these tests make it answer "win32" and check what the
kata would do there. What only a real Windows or macOS can show is in docs/windows-and-macos.md.
"""

from __future__ import annotations

import errno
import importlib
import io
import queue
import re
import sys
import sysconfig
import threading
import time
from pathlib import Path

import pytest

from kata import host
from kata.cli import keys as keys_module
from kata.command_line import kata_command

VERBS = (
    ("progress",),
    ("check", "1"),
    ("check",),
    ("next",),
    ("hint", "1"),
    ("hint", "2"),
    ("hint", "2"),
    ("compare", "1"),
    ("compare", "1", "--peek"),
    ("watch", "1", "--manual"),
    ("catch-up", "2", "--yes"),
    ("join",),
    ("join", "--leave"),
)
A_KATA_COMMAND = re.compile(r"(^|[\s/\\])kata(\.exe)?(\s|$)")
COMMAND_WORDS = re.compile(r"\bkata (check|hint|compare|next|reset|join|serve|catch-up|doctor|progress)\b")


@pytest.fixture
def windows(monkeypatch):
    monkeypatch.setattr(host, "system", lambda: "win32")


def setups() -> list[tuple[str, dict[str, str], str]]:
    """(name, environment, what every printed command must start with)."""
    scripts = Path(sysconfig.get_path("scripts"))
    script = scripts / host.script_name("kata")
    return [
        ("venv not active", {"PATH": "", "UV": "", "TOX_ENV_NAME": ""}, str(script)),
        ("venv active", {"PATH": str(scripts), "UV": "", "TOX_ENV_NAME": ""}, "kata"),
        ("uv run", {"UV": "/usr/bin/uv", "TOX_ENV_NAME": ""}, "uv run kata"),
    ]


@pytest.mark.parametrize(("setup", "environ", "launcher"), setups(), ids=[s[0] for s in setups()])
def test_every_command_a_verb_prints_starts_with_what_works_there(kata, cli, monkeypatch, setup, environ, launcher):
    """Issue 26.1: a bare `kata` gives `kata: command not found` where the venv is not active."""
    if launcher != "uv run kata" and not Path(launcher if launcher != "kata" else sys.executable).exists():
        pytest.skip("this environment has no kata script (not an installed kata)")
    import signal

    monkeypatch.setattr(signal, "signal", lambda number, handler: None)  # `watch`: not this test process's
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    kata.write(1, "    return a - b")
    printed = []
    for argv in VERBS:
        _, out, err = cli(*argv, input="q\n")
        printed.append(out + err)
    text = "\n".join(printed)
    spans = [span for span in re.findall(r"`([^`\n]+)`", text) if A_KATA_COMMAND.search(span)]
    assert len(spans) >= 12, text  # hint, compare, next, check, watch, join, progress: all of them say one
    for span in spans:
        assert span == launcher or span.startswith(launcher + " "), f"{setup}: `{span}` in\n{text}"
    outside = re.sub(r"`[^`\n]+`", "", text)
    assert not COMMAND_WORDS.search(outside), f"a command outside backticks: {COMMAND_WORDS.search(outside)}"


def test_doctor_says_start_with_the_command_that_works(cli, kata, monkeypatch):
    monkeypatch.setenv("UV", "/usr/bin/uv")
    monkeypatch.delenv("TOX_ENV_NAME", raising=False)
    _, out, _ = cli("doctor")
    assert "`uv run kata`" in out and "Start with `kata`" not in out


@pytest.mark.parametrize(
    ("environ", "path", "shown"),
    [
        ({"MSYSTEM": "MINGW64"}, r".venv\Scripts\kata.exe", ".venv/Scripts/kata.exe"),  # Git Bash eats backslashes
        ({"SHELL": "/usr/bin/bash"}, r"C:\My Kata\.venv\Scripts\kata.exe", '"C:/My Kata/.venv/Scripts/kata.exe"'),
        ({}, r".venv\Scripts\kata.exe", r".venv\Scripts\kata.exe"),  # PowerShell, cmd
        ({}, r"C:\My Kata\.venv\Scripts\kata.exe", r'& "C:\My Kata\.venv\Scripts\kata.exe"'),  # PowerShell
    ],
)
def test_paths_on_windows_are_as_its_shells_take_them(windows, environ, path, shown):
    assert host.shown_path(path, environ) == shown
    assert host.script_name("kata") == "kata.exe"


def test_on_posix_a_path_is_quoted_only_with_a_space():
    assert host.shown_path(".venv/bin/kata", {"MSYSTEM": "MINGW64"}) == ".venv/bin/kata"  # MSYSTEM alone: not Windows
    assert host.shown_path("/home/a b/kata", {}) == '"/home/a b/kata"'


def test_the_launcher_on_windows_is_the_scripts_exe(windows, monkeypatch, tmp_path):
    (tmp_path / "kata.exe").write_text("", encoding="utf-8")
    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(tmp_path))
    assert kata_command("hint 1", {"PATH": "", "MSYSTEM": "MINGW64"}) == f"{tmp_path.as_posix()}/kata.exe hint 1"


# Proxies (26.2 / 29.4) ---------------------------------------------------------------------------------


def test_loopback_is_added_to_no_proxy_in_both_spellings():
    environ = {"HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": "intranet.example"}
    assert host.keep_loopback_direct(environ) is True
    assert environ["NO_PROXY"] == "intranet.example,127.0.0.1,localhost,::1"
    assert environ["no_proxy"] == "127.0.0.1,localhost,::1"
    assert host.keep_loopback_direct(environ) is False  # said once: the second time, nothing is missing


def test_the_system_proxies_count_too(monkeypatch):
    """Windows' registry and macOS's System Settings reach Python through urllib.request.getproxies()."""
    import urllib.request

    monkeypatch.setattr(urllib.request, "getproxies", lambda: {"http": "http://proxy.corp:8080", "no": "*.corp"})
    assert host.proxies({}) == {"http_proxy": "http://proxy.corp:8080"}
    environ: dict[str, str] = {}
    assert host.keep_loopback_direct(environ) is True and "127.0.0.1" in environ["no_proxy"]


def test_doctor_names_a_system_proxy(cli, kata, monkeypatch):
    import urllib.request

    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(urllib.request, "getproxies", lambda: {"http": "http://proxy.corp:8080"})
    _, out, _ = cli("doctor")
    assert "a proxy is set (http_proxy=http://proxy.corp:8080)" in out, out


def test_the_kitchen_client_never_goes_through_a_proxy(shared_kitchen, monkeypatch):
    from kata.kitchen.client import KitchenClient

    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.setenv("no_proxy", "")
    KitchenClient(shared_kitchen).reset()  # through the dead proxy: KitchenError


# Files, threads, pipes ---------------------------------------------------------------------------------


def test_replace_tries_again_while_another_program_holds_the_file(tmp_path, monkeypatch):
    import os

    source, target = tmp_path / "a.tmp", tmp_path / "a.json"
    source.write_text("new", encoding="utf-8")
    real, calls = os.replace, []

    def held_twice(a, b):
        calls.append(1)
        if len(calls) <= 2:
            raise PermissionError(13, "The process cannot access the file (OneDrive)")
        real(a, b)

    monkeypatch.setattr(os, "replace", held_twice)
    pauses: list[float] = []
    host.replace(source, target, sleep=pauses.append)
    assert target.read_text(encoding="utf-8") == "new" and pauses == [host.REPLACE_PAUSE] * 2


def test_replace_gives_up_after_about_a_second(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(PermissionError(13, "held")))
    pauses: list[float] = []
    with pytest.raises(PermissionError):
        host.replace(tmp_path / "a", tmp_path / "b", sleep=pauses.append)
    assert sum(pauses) <= 1.0


def test_a_join_waits_in_short_slices(monkeypatch):
    """On Windows (Python <= 3.13) one long Thread.join holds Ctrl+C for as long (cpython#74157)."""
    waits: list[float | None] = []
    done = threading.Event()

    class Slow(threading.Thread):
        def join(self, timeout=None):
            waits.append(timeout)
            if len(waits) == 3:
                done.set()
            super().join(timeout)

    thread = Slow(target=done.wait, daemon=True)
    thread.start()
    host.join(thread, 5.0)
    assert not thread.is_alive() and len(waits) >= 3 and max(w or 0 for w in waits) <= host.JOIN_SLICE


def test_the_time_limit_waits_in_slices(monkeypatch):
    from kata.learner import time_limit

    held = threading.Lock()
    held.acquire()
    slices: list[float] = []

    class Spy:
        def acquire(self, timeout: float) -> bool:
            slices.append(timeout)
            return held.acquire(timeout=timeout)

    assert not time_limit._wait(Spy(), 0.35)  # type: ignore[arg-type]
    assert len(slices) >= 3 and max(slices) <= host.JOIN_SLICE
    waited: list[float] = []
    real = time_limit._wait
    monkeypatch.setattr(time_limit, "_wait", lambda done, seconds: waited.append(seconds) or real(done, seconds))
    time_limit.run_with_time_limit(lambda: time.sleep(0), seconds=5)
    assert waited == [5]


@pytest.mark.parametrize(
    ("error", "on_windows", "quiet"),
    [
        (BrokenPipeError(errno.EPIPE, "Broken pipe"), False, True),
        (OSError(errno.EINVAL, "Invalid argument"), True, True),  # Git Bash's `kata | head` on Windows
        (OSError(errno.EINVAL, "Invalid argument"), False, False),
        (OSError(errno.ENOSPC, "No space left"), True, False),
    ],
)
def test_a_closed_pipe_is_told_apart(monkeypatch, error, on_windows, quiet):
    monkeypatch.setattr(host, "system", lambda: "win32" if on_windows else "linux")
    assert host.closed_pipe(error) is quiet


def test_kata_into_a_closed_pipe_on_windows_leaves_quietly(windows, kata, monkeypatch, capsys, tmp_path):
    from kata import cli

    def closed(args):
        raise OSError(errno.EINVAL, "Invalid argument")

    progress = importlib.import_module("kata.cli.commands.progress")  # the module main() will import
    monkeypatch.setattr(progress, "run", closed)
    with open(tmp_path / "stdout", "w", encoding="utf-8") as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)
        assert cli.main([]) == 1
    assert capsys.readouterr().err == ""


# Keys (29.10) ---------------------------------------------------------------------------------------------


def test_the_key_reader_for_each_system(monkeypatch):
    assert host.key_reader(False) == "lines"
    monkeypatch.setattr(host, "system", lambda: "win32")
    assert host.key_reader(True) == "msvcrt"
    monkeypatch.setattr(host, "system", lambda: "darwin")
    assert host.key_reader(True) == "cbreak"


def test_stdin_at_its_end_quits_the_watch(monkeypatch):
    """`kata watch --manual </dev/null`: no key will ever come, so it quits."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    events: queue.Queue = queue.Queue()
    keys_module.Keys(events)
    event = events.get(timeout=5)
    assert (event.kind, event.value) == ("key", "q")


def test_git_bash_says_keys_need_enter(windows, monkeypatch):
    assert host.keys_need_enter(False, {"MSYSTEM": "MINGW64"})
    assert not host.keys_need_enter(True, {"MSYSTEM": "MINGW64"})
    assert not host.keys_need_enter(False, {})


def test_the_old_windows_console_gets_ascii_symbols(windows, monkeypatch):
    """Issue 29.12: conhost's fonts show ✓ and ✗ as boxes; Windows Terminal, VS Code and mintty show them."""
    from kata.cli.output import PLAIN_SYMBOLS, Output

    assert not host.console_shows_symbols({})
    assert host.console_shows_symbols({"WT_SESSION": "1"}) and host.console_shows_symbols({"TERM_PROGRAM": "vscode"})
    for name in ("WT_SESSION", "TERM_PROGRAM", "ConEmuANSI", "MSYSTEM", "SHELL"):
        monkeypatch.delenv(name, raising=False)
    console = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # the console writes UTF-16: it could encode them
    assert Output(console, colour=True).symbols is PLAIN_SYMBOLS
    monkeypatch.setenv("WT_SESSION", "1")
    assert Output(console, colour=True).symbols is not PLAIN_SYMBOLS
