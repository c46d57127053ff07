"""The notepad as a page: each test's exchanges drawn as a sequence diagram, with a table of the same.

Three lanes: your code, the waiter (the API), the kitchen (the server). A request is an arrow out (solid),
its answer an arrow back (dashed; dotted when no answer came). Each exchange is a `<details>`: clicking
either arrow, or Enter on it, opens the whole request and answer. Waits on the kata's clock sit between
them. In chapter 9 the lanes are the test guest and the learner's app. The page is self-contained: its
style and script are inline and allowed by hash in a strict Content-Security-Policy, and every text from a
run is escaped in one place (`opened.esc`). An exchange opened is drawn by `opened.details`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any, Iterable, Mapping, Sequence

from kata.notepad.assets import CSS, JS
from kata.notepad.opened import WHERE, details, esc

VERDICTS = {
    "passing": "✓ passing",
    "failing": "✗ failing",
    "broken": "✗ broken",
    "not started": "○ not started",
    "not run": "– not run",
    "skipped": "– skipped",
}
LANES = {
    "kitchen": ("your code", "the waiter (API)", "the kitchen (server)"),
    "your-app": ("a test guest", "your app: the waiter (API)", "the kitchen"),
}
HEAD_OUT = '<svg class="head" viewBox="0 0 12 12" aria-hidden="true"><path d="M0 0L12 6L0 12z"/></svg>'
HEAD_BACK = '<svg class="head" viewBox="0 0 12 12" aria-hidden="true"><path d="M12 0L0 6L12 12z"/></svg>'


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = (
    f"default-src 'none'; style-src {_hash(CSS)}; script-src {_hash(JS)}; connect-src 'self'; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def anchor(test_name: str) -> str:
    """The id of a test's part of the page (`#test-...`), from its name."""
    return "test-" + re.sub(r"[^A-Za-z0-9_-]+", "-", test_name).strip("-")


def render(
    runs: Sequence[Mapping[str, Any]],
    *,
    live: bool = False,
    stamp: str = "",
    title: str = "",
    note: str = "",
    empty: str = "",
) -> str:
    """The whole page for these runs (one record per exercise, as kata.notepad.store keeps them).

    `note`: a line above the exchanges (the facilitator's copy says whose it is); `empty`: what to say without a run.
    """
    tests = [t for run in runs for t in run.get("tests", [])]
    exchanges = sum(1 for t in tests for e in t.get("events", []) if e.get("kind") == "exchange")
    failing = sum(1 for t in tests if t.get("verdict") not in ("passing", "skipped", None))
    summary = f"{len(tests)} test(s), {failing} not passing, {exchanges} exchange(s)."
    heading = title or "The waiter's notepad"
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(heading)}</title><style>{CSS}</style></head>",
        f'<body data-live="{1 if live else 0}" data-stamp="{esc(stamp)}">',
        '<a class="skip" href="#notepad">Skip to the exchanges</a>',
        f"<header><h1>{esc(heading)}</h1>",
        '<p class="note">What your code said to the waiter, and what came back: each request is an arrow out '
        "(solid line), each answer an arrow back (dashed; dotted when no answer came). "
        "Press Enter on an arrow, or click it, to read the whole request and answer.</p>",
        '<p id="live" role="status" aria-live="polite"></p></header>',
        '<main id="notepad">',
        *([f'<p id="shared" class="note">{esc(note)}</p>'] if note else []),
        f'<p id="summary" class="meta">{esc(summary)}</p>',
    ]
    if not runs:
        parts.append(
            f'<p id="empty">{esc(empty)}</p>'
            if empty
            else "<p>No run recorded yet. Run an exercise's tests (for example <code>kata check 1</code>), then "
            "look again.</p>"
        )
    ids: set[str] = set()
    for run in runs:
        parts.append(_exercise(run, ids))
    if tests:
        parts.append(_table(runs))
    parts.append("</main>")
    parts.append(f"<script>{JS}</script></body></html>")
    return "\n".join(parts)


def _exercise(run: Mapping[str, Any], ids: set[str]) -> str:
    name = str(run.get("exercise", "?"))
    out = [f'<section aria-labelledby="ex-{esc(name)}"><h2 id="ex-{esc(name)}">{esc(name)}</h2>']
    for test in run.get("tests", []):
        out.append(_test(test, ids))
    out.append("</section>")
    return "\n".join(out)


def _unique(wanted: str, ids: set[str]) -> str:
    found, n = wanted, 1
    while found in ids:
        n += 1
        found = f"{wanted}-{n}"
    ids.add(found)
    return found


def _test(test: Mapping[str, Any], ids: set[str]) -> str:
    name = str(test.get("name", "?"))
    verdict = str(test.get("verdict") or "not run")
    ident = _unique(anchor(name), ids)
    events = list(test.get("events", []))
    out = [
        f'<article class="test" id="{esc(ident)}" aria-labelledby="{esc(ident)}-h">',
        f'<h3 id="{esc(ident)}-h"><span class="verdict v-{esc(verdict.replace(" ", "-"))}">'
        f"{esc(VERDICTS.get(verdict, verdict))}</span><code>{esc(name)}</code></h3>",
    ]
    if test.get("message") and verdict != "passing":
        out.append(
            f'<details class="said"><summary>What the test said</summary><pre>{esc(test["message"])}</pre></details>'
        )
    if not events:
        out[0] = out[0].replace('class="test"', 'class="test quiet"')
        said = "no request: this test checks your code without the waiter"
        if test.get("dropped"):  # the facilitator's copy of a run too big to send whole
            said = f"its {test['dropped']} exchange(s) were left out, to keep the page small"
        out.append(f'<p class="note">{esc(said)}</p></article>')
        return "\n".join(out)
    app = all(e.get("where") == "your-app" for e in events if e.get("kind") == "exchange")
    lanes = list(LANES["your-app" if app else "kitchen"])
    if not app and any(e.get("where") == "stand-in" for e in events):
        only = all(e.get("where") == "stand-in" for e in events if e.get("kind") == "exchange")
        lanes[2] = "a stand-in kitchen (requests-mock)" if only else "the kitchen, or a stand-in"
    out.append('<div class="lanes" aria-hidden="true">' + "".join(f"<span>{esc(lane)}</span>" for lane in lanes))
    out.append("</div>")
    out.append(f'<div class="diagram{" two" if app else ""}" role="group" aria-label="exchanges of {esc(name)}">')
    previous: Mapping[str, Any] | None = None
    number = 0
    for event in events:
        if event.get("kind") == "wait":
            out.append(_wait(event, previous))
        elif event.get("kind") == "exchange":
            number += 1
            out.append(_exchange(event, number, lanes, f"{ident}-x{number}"))
            previous = event
    if test.get("dropped"):
        out.append(f'<p class="note">… and {esc(test["dropped"])} more, left out.</p>')
    out.append("</div></article>")
    return "\n".join(out)


def _wait(event: Mapping[str, Any], previous: Mapping[str, Any] | None) -> str:
    seconds = float(event.get("seconds", 0))
    why = ""
    answer = (previous or {}).get("response") or {}
    asked = _header(answer.get("headers", []), "Retry-After")
    if asked is not None:
        why = f"; the kitchen's last answer said Retry-After: {asked}"
    at = float(event.get("at", 0))
    return (
        f'<p class="wait">… your code waited {seconds:g} s{esc(why)} '
        f'<span class="meta">(kata clock: +{at:g} s)</span></p>'
    )


def _header(pairs: Iterable[Any], name: str) -> str | None:
    for pair in pairs or []:
        if len(pair) == 2 and str(pair[0]).lower() == name.lower():
            return str(pair[1])
    return None


def answer_text(event: Mapping[str, Any]) -> str:
    """The answer's label: status, reason and a problem's title; or why no answer came."""
    if "error" in event:
        return f"no answer: {event['error']}"
    answer = event.get("response") or {}
    text = f"{answer.get('status', '?')} {answer.get('reason', '')}".strip()
    problem = answer.get("problem") or {}
    if problem.get("title"):
        text += f" — problem: {problem['title']}"
    return text


def _exchange(event: Mapping[str, Any], number: int, lanes: list[str], ident: str) -> str:
    where = str(event.get("where", "kitchen"))
    to = lanes[1] if where == "your-app" else lanes[2]
    frm = lanes[0]
    request = f"{event.get('method', '?')} {event.get('path', '')}"
    tags = []
    if where == "stand-in":
        tags.append("stand-in")
    if event.get("retried"):
        tags.append("retried by urllib3")
    if where == "kitchen" and not event.get("timeout"):
        tags.append("no timeout")
    elif event.get("timeout"):
        tags.append(f"timeout {event['timeout']}")
    if float(event.get("at") or 0):
        tags.append(f"at +{float(event['at']):g} s")
    tag_html = "".join(f' <span class="tag">{esc(t)}</span>' for t in tags)
    answer = answer_text(event)
    lost = "error" in event
    problem = bool((event.get("response") or {}).get("problem"))
    return "\n".join(
        [
            f'<details class="exchange {esc(where)}" id="{esc(ident)}">',
            "<summary>",
            f'<span class="arrow out"><span class="label"><span class="sr">Exchange {number}, request from {esc(frm)} '
            f'to {esc(to)}: </span><span class="mono">{esc(request)}</span>{tag_html}</span>'
            f'<span class="shaft" aria-hidden="true">{HEAD_OUT}</span></span>',
            f'<span class="arrow back{" lost" if lost else ""}"><span class="label'
            f'{" problem" if problem or lost else ""}"><span class="sr">; answer from {esc(to)} to {esc(frm)}: </span>'
            f"{'⚠ ' if problem or lost else ''}{esc(answer)}</span>"
            f'<span class="shaft" aria-hidden="true">{HEAD_BACK}</span></span>',
            "</summary>",
            details(event, frm, to),
            "</details>",
        ]
    )


def _table(runs: Sequence[Mapping[str, Any]]) -> str:
    rows = []
    for run in runs:
        for test in run.get("tests", []):
            verdict = VERDICTS.get(str(test.get("verdict")), str(test.get("verdict")))
            for event in test.get("events", []):
                if event.get("kind") == "wait":
                    cells = ["", "", f"waited {float(event.get('seconds', 0)):g} s", ""]
                else:
                    where = WHERE.get(str(event.get("where")), "") or "the kitchen"
                    cells = [
                        f"{event.get('method', '?')} {event.get('path', '')}",
                        where,
                        answer_text(event),
                        f"+{float(event.get('at') or 0):g} s",
                    ]
                rows.append(
                    f"<tr><td>{esc(run.get('exercise', ''))}</td><td><code>{esc(test.get('name', ''))}</code></td>"
                    f"<td>{esc(verdict)}</td>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>"
                )
    return (
        '<details class="table-view"><summary>The same exchanges as a table</summary>'
        '<table><caption class="sr">Every exchange of the run, in order</caption><thead><tr>'
        '<th scope="col">exercise</th><th scope="col">test</th><th scope="col">verdict</th>'
        '<th scope="col">request</th><th scope="col">to</th><th scope="col">answer</th>'
        '<th scope="col">kata clock</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></details>"
    )
