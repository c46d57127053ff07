"""Output that is not UTF-8 never stops the kata (issue 29.1): Windows' pipes and files get the ANSI code page
(cp1252, cp1251), and an ASCII locale gives ascii. Each verb runs here with its stdout and stderr strict streams
in that encoding, on a tiny kata whose titles, hints and learner's file hold what those encodings cannot show.
The same in real processes: test_encoding_processes.py.
"""

from __future__ import annotations

import io
import signal
import sys

import pytest

from kata import host

from .tiny_kata import CATALOGUE

ENCODINGS = ("cp1252", "cp1251", "ascii")
UNSHOWABLE = "Tiramisù ✓ Пицца 🍕"  # ù: not cp1251; ✓ and 🍕: no code page; Пицца: not cp1252
VERBS = (
    ("progress",),
    ("check", "1"),
    ("check",),
    ("next",),
    ("hint", "1"),
    ("hint", "2"),
    ("compare", "1", "--peek"),
    ("reset", "1", "--yes"),
    ("watch", "1", "--manual"),
    ("catch-up", "3", "--yes"),
    ("join",),
    ("pair", "--help"),
)


@pytest.fixture
def unshowable(kata):
    """The tiny kata with UNSHOWABLE in a title and a hint, and a learner who typed it in a comment."""
    text = CATALOGUE.replace('title = "Add two numbers"', f'title = "Add two numbers ({UNSHOWABLE})"')
    text = text.replace('"`return a + b`"', f'"`return a + b`, {UNSHOWABLE}"')
    (kata.root / "catalogue.toml").write_text(text, encoding="utf-8")
    kata.write(1, f"    # {UNSHOWABLE}\n    return a - b")
    return kata


def strict(encoding: str) -> io.TextIOWrapper:
    """A stream as Python opens a pipe in that encoding: errors="strict" (cp1252 on Windows' pipes)."""
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", write_through=True)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("argv", VERBS, ids=" ".join)
def test_every_verb_writes_through_a_stream_that_cannot_show_everything(unshowable, cli, monkeypatch, encoding, argv):
    monkeypatch.setattr(signal, "signal", lambda number, handler: None)  # `watch`: not this test process's
    out, err = strict(encoding), strict(encoding)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    try:
        code, _, _ = cli(*argv, input="q\n")
    except SystemExit as exit:  # --help
        code = int(exit.code or 0)
    out.flush()
    shown = out.buffer.getvalue().decode(encoding)  # type: ignore[attr-defined]
    assert code in ((0, 1, 2) if argv[0] == "reset" else (0, 1)), shown  # reset: 2, no git in the tiny kata
    assert "Traceback" not in shown and "UnicodeEncodeError" not in shown
    if argv in (("hint", "1"), ("compare", "1", "--peek"), ("progress",)):
        assert "\\u" in shown or "\\x" in shown or "\\U" in shown, shown  # what it cannot show, escaped, not lost


def test_safe_streams_keeps_what_the_encoding_can_show():
    stream = strict("cp1251")
    host.safe_streams(stream)
    stream.write("Пицца ✓\n")
    assert stream.buffer.getvalue().decode("cp1251") == "Пицца \\u2713\n"  # type: ignore[attr-defined]


def test_a_utf8_stream_shows_everything_as_it_is():
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    host.safe_streams(stream)
    stream.write(UNSHOWABLE)
    stream.flush()
    assert stream.buffer.getvalue().decode("utf-8") == UNSHOWABLE  # type: ignore[attr-defined]
    host.safe_streams(io.StringIO())  # not a TextIOWrapper (capsys, an IDE's console): nothing to do


def test_joining_as_an_emoji_team_through_a_cp1252_pipe(small_kata, fresh_copy, monkeypatch):
    """Issue 29.1: `kata join URL "Pizza 🍕 team"` crashed after joining, when it printed the name."""
    from kata import cli
    from kata.kitchen.live import LiveKitchen
    from kata.workshop import room as workshop

    joins = {"burst": 100, "room_burst": 100}
    room = {"secret": "facilitator-secret", "join_code": "TEA-TIME", "joins": joins}
    live = LiveKitchen.start({"WORKSHOP": room})  # from the kata's folder, as test_join_code starts its room
    monkeypatch.chdir(fresh_copy(small_kata))
    for name in (workshop.SERVER_ENV, workshop.TEAM_ENV, workshop.CODE_ENV):
        monkeypatch.delenv(name, raising=False)
    out = strict("cp1252")
    monkeypatch.setattr(sys, "stdout", out)
    try:
        assert cli.main(["join", live.url, "Pizza 🍕 team", "--code", "TEA-TIME"]) == 0
    finally:
        live.stop()
    shown = out.buffer.getvalue().decode("cp1252")  # type: ignore[attr-defined]
    assert "Pizza \\U0001f355 team" in shown, shown
