"""Chapter 9's reservation fields, every form a test sends: those the rules accept and those they refuse.

The refused forms are the ones a lenient reading lets through: `datetime.date.fromisoformat` takes `20261224`
and `2026-W52-4` (Python 3.11+), `strptime("%Y-%m-%d")` takes `2026-1-5`, `time.fromisoformat` takes `19:30:00`
and `1930`, `\\d` matches digits of every script, `$` matches before a final newline, `int(x) == x` takes 2.0.
Each entry is (value, why) so that a test id says what the form is.
"""

from __future__ import annotations

import json
from typing import Any


class Raw(str):
    """A JSON value written as it stands in the body (`1e1`), where json.dumps would write `10.0`."""


def body_text(fields: dict[str, Any]) -> str:
    """The JSON object text of `fields`, Raw values written as they are."""
    members = [
        f"{json.dumps(name)}: {value if isinstance(value, Raw) else json.dumps(value)}"
        for name, value in fields.items()
    ]
    return "{" + ", ".join(members) + "}"


NAME_OK: list[tuple[Any, str]] = [
    ("A", "one character"),
    ("A" * 100, "100 characters"),
    ("é" * 100, "100 accented characters (200 bytes)"),
    ("Zoë Ñúñez-O'Brien", "accents and punctuation"),
]
NAME_WRONG: list[tuple[Any, str]] = [
    ("", "empty"),
    ("   ", "only spaces"),
    ("A" * 101, "101 characters"),
    ("é" * 101, "101 accented characters"),
    (42, "a number"),
    (["Ada"], "a list"),
    (None, "null"),
]
PARTY_OK: list[tuple[Any, str]] = [(1, "1"), (12, "12"), (7, "7")]
PARTY_WRONG: list[tuple[Any, str]] = [
    (0, "0"),
    (13, "13"),
    (-2, "-2"),
    (10**20, "a huge number"),
    (True, "true"),
    (False, "false"),
    ("2", 'the string "2"'),
    (2.5, "2.5"),
    (2.0, "2.0 (a float, even a whole one)"),
    (Raw("1e1"), "1e1 (JSON's 10.0)"),
    (Raw("12.0"), "12.0"),
    (None, "null"),
    ([2], "a list"),
]
DATE_OK: list[tuple[Any, str]] = [
    ("2028-02-29", "a leap day"),
    ("2026-01-01", "new year"),
    ("2026-12-31", "new year's eve"),
]
DATE_WRONG: list[tuple[Any, str]] = [
    ("2026-02-30", "February 30th"),
    ("2027-02-29", "a leap day of a common year"),
    ("2026-13-01", "month 13"),
    ("24/12/2026", "day first"),
    ("20261224", "no dashes (fromisoformat takes it)"),
    ("2026-W52-4", "an ISO week date (fromisoformat takes it)"),
    ("2026-1-5", "one-digit month and day (strptime takes it)"),
    ("2026-12-24T19:30", "a date and a time"),
    ("2026-12-24\n", "a newline after it ($ takes it)"),
    (" 2026-12-24", "a space before it"),
    ("٢٠٢٦-١٢-٢٤", "Arabic-Indic digits (a regex digit class takes them)"),
    (20261224, "a number"),
    (None, "null"),
]
TIME_OK: list[tuple[Any, str]] = [("00:00", "midnight"), ("23:59", "23:59"), ("09:05", "09:05")]
TIME_WRONG: list[tuple[Any, str]] = [
    ("24:00", "24:00"),
    ("19:60", "19:60"),
    ("9:30", "one-digit hour (strptime takes it)"),
    ("19:5", "one-digit minute (strptime takes it)"),
    ("19:30:00", "with seconds (fromisoformat takes it)"),
    ("1930", "no colon (fromisoformat takes it)"),
    ("19", "an hour alone (fromisoformat takes it)"),
    ("19:30Z", "with a zone (fromisoformat takes it)"),
    ("7pm", "7pm"),
    ("19:30\n", "a newline after it ($ takes it)"),
    ("١٩:٣٠", "Arabic-Indic digits (a regex digit class and int() take them)"),
    ("１９:３０", "full-width digits (a regex digit class and int() take them)"),
    (1930, "a number"),
    (None, "null"),
]

ACCEPTED = {"name": NAME_OK, "party_size": PARTY_OK, "date": DATE_OK, "time": TIME_OK}
REFUSED = {"name": NAME_WRONG, "party_size": PARTY_WRONG, "date": DATE_WRONG, "time": TIME_WRONG}


def cases(table: dict[str, list[tuple[Any, str]]]) -> tuple[list[tuple[str, Any]], list[str]]:
    """(field, value) pairs of a table, and their test ids, for `pytest.mark.parametrize`."""
    pairs = [(field, value) for field, forms in table.items() for value, _ in forms]
    ids = [f"{field} {why}" for field, forms in table.items() for _, why in forms]
    return pairs, ids
