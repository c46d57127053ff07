"""Workshop mode during a test run: the team's kitchen on the shared server, and the report to the board.

Registered by `kata.testrun.plugin` when a workshop is configured (`kata join`,
or `KATA_SERVER` and `KATA_TEAM`, see `kata.workshop.room`). The
`kitchen_server` fixture then hands the tests the team's kitchen instead of
starting one, and every learner run (`--target exercises`) reports each
exercise's state when it ends. A server that cannot be reached costs one line
at the end of the output: the run then uses a kitchen of its own.

A team with its kitchen at home (`kata join --local-kitchen`) runs its tests against the
kitchen of a solo learner, on its laptop, and sends the room only its results, saying so
(`"kitchen": "local"`: the board shows it). When the room's kitchen cannot be reached but
its board can, a run does the same by itself, with one line saying so.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from kata.kitchen.client import KitchenClient
from kata.notepad.store import folder_of
from kata.testrun.results import Results
from kata.workshop import notepad_upload, tls
from kata.workshop.room import (
    TIMEOUT,
    TeamLogin,
    WorkshopCallFailed,
    auth_headers,
    call,
    configured,
    join,
    team_kitchen,
    whoami,
)


class WorkshopRun:
    """The workshop for one pytest run: the shared kitchen (joined on first use) and the report at the end."""

    def __init__(self, root: Path, team: TeamLogin | None, error: str | None = None) -> None:
        self.root = root
        self.team = team
        self.unreachable: str | None = error
        self.notes: list[str] = []
        self.notepad: Path | None = folder_of(root)  # where this run's notepad is kept (None: it keeps none)
        self.kitchen_used: str | None = None  # "room" or "local", once a test asked for a kitchen
        self.fell_back: str | None = None  # why the room's kitchen was not used, when its board was
        self.bundle_lent: str | None = None  # REQUESTS_CA_BUNDLE, set for this run (the room's private CA)...
        self.bundle_before: str | None = None  # ...and as it was before

    @classmethod
    def start(cls, root: Path, environ: Any = None) -> WorkshopRun:
        try:
            return cls(root, configured(root, environ))
        except WorkshopCallFailed as error:
            return cls(root, None, str(error))

    @property
    def active(self) -> bool:
        """A workshop is configured (or misconfigured: the run says so at the end)."""
        return self.team is not None or self.unreachable is not None

    def kitchen(self, url: str) -> KitchenClient:
        """The `KitchenClient` the tests get for `url`: the team's (with webhook relay) when it is the shared one."""
        if self.team is not None and self.team.token and url == self.team.kitchen:
            return team_kitchen(url, self.team)
        return KitchenClient(url)

    def kitchen_url(self) -> str | None:
        """The team's kitchen on the shared server; None (and a note) if it cannot be used."""
        if self.team is None or self.unreachable:
            return None
        try:
            if not self.team.token:
                self.team = join(self.root, self.team)
            if self.team.local:  # the kitchen at home: the fixture starts (or finds) the solo learner's
                self.kitchen_used = "local"
                return None
            # A reset, as each test makes anyway: GET /health would say 503 when a test left the kitchen closed.
            call("POST", f"{self.team.kitchen}/__admin/reset", timeout=TIMEOUT, ca_bundle=self.team.ca_bundle)
        except WorkshopCallFailed as error:
            if self.team.token and self._board_answers():
                self.fell_back, self.kitchen_used = str(error), "local"
            else:
                self.unreachable = str(error)
            return None
        self.kitchen_used = "room"
        self._lend_the_ca()
        return self.team.kitchen

    def _lend_the_ca(self) -> None:
        """The learner's own requests code meets the room's private CA too: for this run, REQUESTS_CA_BUNDLE names
        a bundle of that CA and of the ones requests trusted before (REQUESTS_CA_BUNDLE's, else certifi's)."""
        assert self.team is not None
        if not self.team.ca_bundle or not self.team.server.startswith("https://"):
            return
        self.bundle_before = os.environ.get("REQUESTS_CA_BUNDLE")
        lent = tls.combined_bundle(self.team.ca_bundle, self.bundle_before, self.root / ".kata" / "ca-bundle.pem")
        if lent is not None:
            os.environ["REQUESTS_CA_BUNDLE"] = self.bundle_lent = lent

    def close(self) -> None:
        """Give REQUESTS_CA_BUNDLE back as it was before the run."""
        if self.bundle_lent is not None and os.environ.get("REQUESTS_CA_BUNDLE") == self.bundle_lent:
            if self.bundle_before is None:
                del os.environ["REQUESTS_CA_BUNDLE"]
            else:
                os.environ["REQUESTS_CA_BUNDLE"] = self.bundle_before
        self.bundle_lent = None

    def _board_answers(self) -> bool:
        """The room's workshop API answers the team (its kitchen did not): results can still go to the board."""
        assert self.team is not None
        try:
            whoami(self.team, timeout=TIMEOUT)
        except WorkshopCallFailed:
            return False
        return True

    def report(self, results: Results, *, target: str) -> None:
        """Send a run's exercise states to the board; a note says how it went."""
        if self.team is None or not results.exercises or self.unreachable:
            return
        try:
            if not self.team.token:
                self.team = join(self.root, self.team)
            body: dict[str, Any] = {"results": results.states(), "target": target, "whole_kata": results.whole_kata}
            kitchen = self.kitchen_used or ("local" if self.team.local else None)
            if kitchen:
                body["kitchen"] = kitchen
            url = f"{self.team.server}/__workshop/reports"
            summary = call("POST", url, body, headers=auth_headers(self.team), ca_bundle=self.team.ca_bundle)
        except WorkshopCallFailed as error:
            self.unreachable = str(error)
            return
        done = f"({summary.get('done', '?')}/{summary.get('total', '?')} done)"
        if self.fell_back:
            self.notes.append(
                f"workshop: the room's kitchen could not be reached ({self.fell_back}): this run used a kitchen "
                f"on your laptop, and reported only its results to {self.team.server} as team {self.team.name!r} "
                f"{done}."
            )
            self._send_notepad(summary)
            return
        home = " Your kitchen is at home: only these results left your laptop." if kitchen == "local" else ""
        self.notes.append(f"workshop: reported to {self.team.server} as team {self.team.name!r} {done}.{home}")
        self._send_notepad(summary)

    def _send_notepad(self, summary: dict[str, Any]) -> None:
        if summary.get("notepad_wanted") is True and self.team:  # the facilitator opened this team's notepad
            self.notes.append(notepad_upload.send(self.team, self.notepad))

    def summary_lines(self) -> list[str]:
        if self.unreachable:
            where = f" as team {self.team.name!r}" if self.team else ""
            return [
                f"workshop: not reported{where}: {self.unreachable}. "
                "This run used a kitchen on your laptop (`kata join --leave` or KATA_SERVER=off: no workshop)."
            ]
        return list(self.notes)


class WorkshopReporter:
    """A pytest plugin object: the team in the header, the report when the results are in, and its line."""

    def __init__(self, run: WorkshopRun, target: str) -> None:
        self.run = run
        self.target = target

    def pytest_report_header(self) -> str | None:
        team = self.run.team
        if team is None:
            return None
        return f"workshop: team {team.name!r} at {team.server}" + (", kitchen at home" if team.local else "")

    def pytest_kata_results(self, config: pytest.Config, results: Results) -> None:
        if self.target == "exercises":  # the reference solutions' results are nobody's progress
            recorder = config.pluginmanager.get_plugin("kata-notepad")  # kata.notepad.record, if this run keeps one
            self.run.notepad = getattr(getattr(recorder, "notepad", None), "folder", None)
            self.run.report(results, target=self.target)

    def pytest_unconfigure(self) -> None:
        self.run.close()

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        for line in self.run.summary_lines():
            terminalreporter.write_line(line, yellow=bool(self.run.unreachable))
