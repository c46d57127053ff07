"""`kata notepad [EXERCISE]`: the waiter's notepad of the last run (of EXERCISE), opened in the browser.

The page is written to `.kata/notepad/` (kata.notepad.page draws it from what kata.notepad.record kept)
and opened at the first failing test that sent something. When no browser can be opened (a remote shell,
a container), the path is printed to open by hand; it is printed every time anyway.
"""

from __future__ import annotations

import argparse
import webbrowser
from typing import Any

from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.output import Output
from kata.command_line import kata_command
from kata.notepad.page import anchor, render
from kata.notepad.store import Notepad, folder_of, write_text


def first_to_look_at(runs: list[dict[str, Any]]) -> str:
    """The anchor of the first test that did not pass and sent something ("" when there is none)."""
    for run in runs:
        for test in run.get("tests", []):
            if test.get("verdict") not in ("passing", "skipped") and test.get("events"):
                return "#" + anchor(str(test.get("name", "")))
    return ""


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    notepad = Notepad(folder_of(catalogue.root))
    if args.exercise:
        exercise = catalogue.find(args.exercise)
        found = notepad.latest(exercise.name)
        runs = [found] if found else []
        page = notepad.folder / f"{exercise.name}.html"
        title = f"The waiter's notepad: exercise {exercise.number}, {exercise.title}"
        missing = f"No run of exercise {exercise.number} is in the notepad yet."
        check = kata_command(f"check {exercise.number}")
    else:
        runs = notepad.last_run()
        page = notepad.folder / "last-run.html"
        title = "The waiter's notepad: your last run"
        missing = "No run is in the notepad yet."
        check = kata_command("check")
    if not runs:
        out.line(f"{missing} Run the tests first ({out.code(check)}), then ask again.")
        return 1
    write_text(page, render(runs, title=title))
    address = page.resolve().as_uri() + first_to_look_at(runs)
    opened = not args.no_browser and _open(address)
    if opened:
        out.line(f"The notepad is open in your browser: {address}")
    else:
        out.line(f"The notepad is at {address}")
        out.line("Open that address in your browser.")
    return 0


def _open(address: str) -> bool:
    try:
        return bool(webbrowser.open(address))
    except webbrowser.Error:
        return False
