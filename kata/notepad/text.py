"""The waiter's notepad as text under a failure: each exchange one line, then the kitchen's answer in its own words.

Like a browser's Network panel: `GET /menu?veggie=true -> 400 Bad Request`, then what the kitchen said
(a problem's `title`, `detail` and `hint`, RFC 9457; a preview of any other JSON body) and the headers that
matter (`Location`, `Retry-After`, `WWW-Authenticate`, `ETag`, `Link`, `Allow`). The lines come from the
kitchen's journal (what it received) and, where the test watched the wire, the answers that came back.
Plain text only: no kata import, so every part of the kata can use it. The kitchen's words are one line each,
never wrapped here: the screen that shows them wraps them once, to its own width (kata.testrun.focus).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Collection, Mapping, Sequence

HEADERS_THAT_MATTER = ("Location", "Retry-After", "WWW-Authenticate", "ETag", "Link", "Allow")
PREVIEW = 70  # characters of a JSON body shown in a preview
SAID = 400  # characters of the kitchen's own words shown (a title, a detail, a hint): in full, one line each


@dataclass(frozen=True)
class Answer:
    """An HTTP answer as the waiter reports it: status, reason, the headers, the body."""

    status: int
    reason: str = ""
    headers: Mapping[str, str] | None = None
    body: bytes = b""

    @classmethod
    def of(cls, response: Any) -> Answer:
        """From a `requests.Response` (the real one or requests-mock's)."""
        reason = response.reason or ""
        if isinstance(reason, bytes):  # pragma: no cover - urllib3 gives str
            reason = reason.decode("latin-1")
        return cls(int(response.status_code), str(reason), dict(response.headers), bytes(response.content or b""))

    def header(self, name: str) -> str | None:
        for key, value in (self.headers or {}).items():
            if key.lower() == name.lower():
                return value
        return None

    def problem(self) -> Mapping[str, Any] | None:
        """The body as an RFC 9457 problem (a JSON object with a `title` or a `detail`), else None."""
        parsed = self.json()
        if isinstance(parsed, dict) and ("detail" in parsed or "title" in parsed):
            return parsed
        return None

    def problem_slug(self) -> str | None:
        """`invalid-query` for a problem of type `/problems/invalid-query`."""
        problem = self.problem()
        kind = str(problem.get("type") or "") if problem else ""
        return kind.rstrip("/").rsplit("/", 1)[-1] or None

    def json(self) -> Any:
        kind = (self.header("Content-Type") or "").lower()
        if not self.body or "json" not in kind:
            return None
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def status_line(self) -> str:
        """`400 Bad Request` (the standard reason when the answer had none, or an odd case of it)."""
        try:
            standard = HTTPStatus(self.status).phrase
        except ValueError:
            standard = ""
        reason = standard or self.reason
        return f"{self.status} {reason}".rstrip()

    def lines(self) -> list[str]:
        """What the kitchen said, beyond its status: a problem's words, a body's preview, the headers that matter."""
        found = []
        problem = self.problem()
        if problem is not None:
            for member in ("title", "detail", "hint"):
                if problem.get(member):
                    found.append(f"{member}: {_short(str(problem[member]), SAID)}")
        elif self.body:
            kind = self.header("Content-Type") or "no Content-Type"
            parsed = self.json()
            if parsed is not None:
                found.append("body: " + _short(json.dumps(parsed, ensure_ascii=False), PREVIEW))
            else:
                found.append(f"body: {len(self.body)} bytes of {kind.split(';')[0]}, not JSON")
        for name in HEADERS_THAT_MATTER:
            value = self.header(name)
            if value is not None:
                found.append(f"{name}: {_short(value, PREVIEW)}")
        return found


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def exchange_lines(request_line: str, answer: Answer | None, *, indent: str = "  ") -> list[str]:
    """`GET /menu -> 400 Bad Request`, then the kitchen's words indented under it."""
    if answer is None:
        return [f"{request_line} -> no answer"]
    return [f"{request_line} -> {answer.status_line()}", *(indent + line for line in answer.lines())]


def target_of(entry: Mapping[str, Any]) -> str:
    """A journal entry's path and query, as the request line had them."""
    query = entry.get("query") or ""
    if isinstance(query, Mapping):
        query = "&".join(f"{k}={v}" for k, vs in query.items() for v in (vs if isinstance(vs, list) else [vs]))
    return str(entry["path"]) + (f"?{query}" if query else "")


def journal_text(
    entries: Sequence[Mapping[str, Any]],
    answers: Mapping[int, Answer] | None = None,
    last: int = 5,
    *,
    said_above: Collection[int] = (),
) -> str:
    """The last requests the kitchen received, one line each, with the answers the test saw (by entry index)."""
    if not entries:
        return "The kitchen received no request at all."
    answers = answers or {}
    blocks: list[list[str]] = []
    first = max(len(entries) - last, 0)
    for index in range(first, len(entries)):
        lines: list[str] = []
        entry = entries[index]
        line = f"{entry['method']} {target_of(entry)}"
        body = entry.get("body")
        answer = answers.get(index)
        if answer is None:
            status = entry.get("status")
            lines.append(f"{line} -> {status if status is not None else 'no answer (connection dropped)'}")
        elif index in said_above:
            lines.append(f"{line} -> {answer.status_line()} (its words are above)")
        else:
            lines.extend(exchange_lines(line, answer))
        if body:
            lines.append(f"  sent body: {_short(str(body), PREVIEW)}")
        blocks.append(lines)
    head = f"(and {first} earlier)\n" if first else ""
    return head + "\n".join(once_each(blocks))


def once_each(blocks: Sequence[list[str]]) -> list[str]:
    """The lines of each exchange, the same exchange again and again said once: `GET /orders/1 -> 200 OK (x3)`."""
    lines: list[str] = []
    previous, times = None, 0
    for block in [*blocks, None]:
        if block == previous:
            times += 1
            continue
        if previous:
            lines.append(previous[0] + (f" (x{times}, the same each time)" if times > 1 else ""))
            lines.extend(previous[1:])
        previous, times = block, 1
    return lines
