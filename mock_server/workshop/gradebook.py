"""The room's results for a gradebook or a CI-based classroom (issue 28): CSV, and JUnit XML per team.

- ``csv_export``: one row per team (id, name, joined, last run, idle, kitchen, done, total), then
  one column per exercise with its status (done, failing, not-started). Times are ISO 8601 in UTC.
  A cell a spreadsheet would run as a formula (a team name starting with ``=``, ``+``, ``-``,
  ``@``) gets a leading ``'`` (OWASP's advice on CSV injection).
- ``junit_xml``: one ``<testsuite>`` per team, one ``<testcase>`` per exercise: done passes,
  failing is a ``<failure>``, not-started is ``<skipped>``; what CI dashboards and GitHub Classroom's
  reporters read. ``junit_zip`` holds one such file per team.

Only the facilitator reads these (``views``); team names are learner input and are escaped.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime, timezone
from typing import Any
from xml.sax.saxutils import quoteattr

FORMULA = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"
ZIP_TYPE = "application/zip"


def iso(moment: float | None) -> str:
    return "" if moment is None else datetime.fromtimestamp(moment, timezone.utc).isoformat(timespec="seconds")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA) else text


def csv_export(board: dict[str, Any]) -> str:
    """The board (``Registry.board()``) as CSV, one row per team."""
    columns = [exercise["name"] for exercise in board["exercises"]]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "team", "joined", "last_run", "idle", "kitchen", "done", "total", *columns])
    for team in board["teams"]:
        writer.writerow(
            [
                team["id"],
                _cell(team["name"]),
                iso(team["joined_at"]),
                iso(team["last_report_at"]),
                "yes" if team.get("idle") else "no",
                team.get("kitchen") or "",
                team["done"],
                team["total"],
                *team["cells"],
            ]
        )
    return out.getvalue()


def junit_xml(board: dict[str, Any], team: dict[str, Any]) -> str:
    """One team's results as a JUnit XML report (one testsuite, one testcase per exercise)."""
    cases = []
    failures = skipped = 0
    for exercise, status in zip(board["exercises"], team["cells"]):
        name = quoteattr(str(exercise["name"]))
        classname = quoteattr(str(exercise.get("chapter") or "kata"))
        if status == "done":
            cases.append(f"    <testcase classname={classname} name={name}/>")
        elif status == "failing":
            failures += 1
            cases.append(
                f"    <testcase classname={classname} name={name}>\n"
                '      <failure message="failing on the team\'s latest run"/>\n    </testcase>'
            )
        else:
            skipped += 1
            cases.append(
                f'    <testcase classname={classname} name={name}>\n      <skipped message="not started"/>\n'
                "    </testcase>"
            )
    attributes = (
        f'name={quoteattr(str(team["name"]))} tests="{len(cases)}" failures="{failures}" errors="0" '
        f'skipped="{skipped}" timestamp={quoteattr(iso(team["last_report_at"] or team["joined_at"]))}'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="kata" tests="{len(cases)}" failures="{failures}" errors="0" skipped="{skipped}">\n'
        f"  <testsuite {attributes}>\n" + "\n".join(cases) + "\n  </testsuite>\n</testsuites>\n"
    )


def file_name(team: dict[str, Any]) -> str:
    """``team-7-ada-and-linus.xml``: the id keeps names apart, the rest is for a person reading the list."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(team["name"]).lower()).strip("-")[:40]
    return f"team-{team['id']}" + (f"-{slug}" if slug else "") + ".xml"


def junit_zip(board: dict[str, Any]) -> bytes:
    """Every team's JUnit XML report in one zip file."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for team in board["teams"]:
            archive.writestr(file_name(team), junit_xml(board, team))
    return out.getvalue()
