"""The team's notepad for the facilitator: the last run's, masked on this laptop and bounded, sent only when asked.

Nothing of the learner's traffic leaves the laptop unless the facilitator opens the team's notepad on
the board (issue 28): the report that ends a run then answers `notepad_wanted: true`, and only then
does `send` read the last run from the notepad (kata.notepad.store), mask it
(mock_server.workshop.masking: Authorization values, the team's token, passwords, tokens, cookies
and API keys in headers, bodies, paths and messages), bound it to `UPLOAD_LIMIT` bytes, and send it
(`PUT /__workshop/notepad`). The team's own notepad is not changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kata.notepad.store import Notepad
from kata.workshop.room import TeamLogin, WorkshopCallFailed, auth_headers, call

UPLOAD_LIMIT = 192 * 1024  # bytes of JSON sent (the room takes at most 256 KiB)
SHORT_BODY = 1000  # characters of a body preview kept when the run is too big to send whole
SHORT_MESSAGE = 400  # characters of a test's message kept when even its skeleton is too big


def _size(data: Any) -> int:
    return len(json.dumps(data, ensure_ascii=False).encode("utf-8", "replace"))


def _tests(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [test for run in runs for test in run.get("tests", []) if isinstance(test, dict)]


def _shorten_bodies(runs: list[dict[str, Any]]) -> None:
    for test in _tests(runs):
        for event in test.get("events", []):
            for part in (event.get("request"), event.get("response")):
                body = (part or {}).get("body")
                if isinstance(body, dict) and len(str(body.get("text", ""))) > SHORT_BODY:
                    body["text"], body["cut"] = str(body["text"])[:SHORT_BODY], True


def bounded(runs: list[dict[str, Any]], limit: int = UPLOAD_LIMIT) -> tuple[list[dict[str, Any]], str]:
    """`runs` cut down to `limit` bytes of JSON, and a note saying what was left out ("" when nothing was).

    First the bodies are previewed shorter; then the exchanges of tests are left out, those of passing
    tests first (a test that fails is what a facilitator comes to see); then the last exercises.
    """
    if _size(runs) <= limit:
        return runs, ""
    _shorten_bodies(runs)
    notes = [f"bodies shown up to {SHORT_BODY} characters"]
    tests = _tests(runs)
    budget = limit - 1024 - _size(runs) + sum(_size(test.get("events", [])) for test in tests)
    left_out = 0
    for test in sorted(tests, key=lambda test: test.get("verdict") == "passing"):  # stable: run order kept
        events = test.get("events", [])
        cost = _size(events)
        if cost <= budget - 2:  # what `[]` costs
            budget -= cost
            continue
        budget -= 2
        test["dropped"] = int(test.get("dropped") or 0) + len(events)
        test["events"] = []
        left_out += 1
    if left_out:
        notes.append(f"the exchanges of {left_out} test(s) left out, passing ones first")
    while len(runs) > 1 and _size(runs) > limit:
        runs.pop()
        notes.append("the last exercises left out")
    if _size(runs) > limit:
        for test in _tests(runs):
            test["message"] = str(test.get("message") or "")[-SHORT_MESSAGE:] or None
    return runs, f"The run was too big to send whole ({limit // 1024} KiB at most): {'; '.join(dict.fromkeys(notes))}."


def upload_of(runs: list[dict[str, Any]], secrets: list[str]) -> tuple[dict[str, Any], int]:
    """What the room gets: the runs masked, then bounded; and how many values were masked."""
    from mock_server.workshop.masking import Masker  # only now: the package's __init__ imports flask (~70 ms)

    masker = Masker(secrets)
    masked = masker.record(runs)
    kept, note = bounded(masked if isinstance(masked, list) else [])
    return {"runs": kept, "note": note}, masker.count


def send(team: TeamLogin, folder: Path | None) -> str:
    """Send the last run's notepad of `folder` (None: this kata keeps none) to the room; the line that says so."""
    runs = Notepad(folder).last_run() if folder is not None else []
    body, masked = upload_of(runs, [team.token or ""])
    if folder is None:
        body["note"] = "This team's kata keeps no notepad (KATA_NOTEPAD=off, or --kata-notepad off)."
    try:
        call("PUT", f"{team.server}/__workshop/notepad", body, headers=auth_headers(team))
    except WorkshopCallFailed as error:
        return f"workshop: your notepad could not be sent to the facilitator: {error}"
    exchanges = sum(
        1 for test in _tests(body["runs"]) for event in test.get("events", []) if event.get("kind") == "exchange"
    )
    return (
        f"workshop: the facilitator asked to see your notepad: this run's {exchanges} exchange(s) were sent "
        f"({_size(body) / 1024:.0f} KiB; {masked} token(s), password(s) and such masked on this laptop)."
    )
