"""One exchange of the notepad opened: the whole request and answer (`details`), and `esc`, through which every
text of a run goes into the page."""

from __future__ import annotations

import html
from typing import Any, Mapping

from kata.notepad.wire import clean, pretty

WHERE = {"kitchen": "", "stand-in": "stand-in kitchen (requests-mock)", "your-app": "your app"}


def esc(value: Any) -> str:
    """Any text of a run, safe in HTML text and in a quoted attribute (a lone surrogate becomes U+FFFD)."""
    return html.escape(clean(str(value)), quote=True)


def details(event: Mapping[str, Any], frm: str, to: str) -> str:
    """An exchange opened: the whole request and answer, headers and bodies, a problem's fields."""
    request = event.get("request") or {}
    where = WHERE.get(str(event.get("where")), "")
    line = f"{event.get('method', '?')} {event.get('origin', '')}{event.get('path', '')}"
    facts = [f"from {frm} to {where or to}"]
    if event.get("timeout"):
        facts.append(f"timeout {event['timeout']}")
    elif event.get("where") == "kitchen":
        facts.append("no timeout: your code would wait for ever for an answer")
    if event.get("ms") is not None:
        facts.append(f"answered in {event['ms']} ms of real time")
    out = [
        '<div class="details">',
        f'<h4>Request</h4><p><code>{esc(line)}</code></p><p class="meta">{esc("; ".join(facts))}</p>',
        _headers(request.get("headers"), "Request headers"),
        _body(request.get("body")),
        "<h4>Answer</h4>",
    ]
    if "error" in event:
        out.append(f"<p>No answer: <code>{esc(event['error'])}</code></p>")
    else:
        answer = event.get("response") or {}
        out.append(f"<p><strong>{esc(answer.get('status', '?'))} {esc(answer.get('reason', ''))}</strong></p>")
        out.append(_headers(answer.get("headers"), "Answer headers"))
        problem = answer.get("problem") or {}
        if problem:
            out.append('<dl class="problem-detail">')
            for key in ("title", "detail", "hint", "type"):
                if problem.get(key):
                    out.append(f"<dt>{esc(key)}</dt><dd>{esc(problem[key])}</dd>")
            out.append("</dl>")
        out.append(_body(answer.get("body")))
    out.append("</div>")
    return "\n".join(out)


def _headers(pairs: Any, caption: str) -> str:
    if not pairs:
        return f'<p class="meta">{esc(caption)}: none</p>'
    rows = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{esc(v)}</td></tr>' for k, v in pairs)
    return f'<table class="headers"><caption class="sr">{esc(caption)}</caption>{rows}</table>'


def _body(body: Any) -> str:
    if not body:
        return '<p class="meta">Body: none</p>'
    text = pretty(body)
    note = ""
    if body.get("cut"):
        shown = len(body.get("text", ""))
        note = f'<p class="meta">Body cut: the first {shown} characters of {esc(body.get("size"))} bytes.</p>'
    return f'<pre tabindex="0" aria-label="body">{esc(text)}</pre>{note}'
