"""One exchange as the notepad keeps it: the request and the answer, bounded and safe to store.

Bodies are previewed up to BODY_LIMIT characters (their full size is kept), headers up to a count and a
length, and every text is made valid UTF-8 (a lone surrogate becomes U+FFFD), so that what a learner's
code sent can always be written, read back and shown.
"""

from __future__ import annotations

import http
import json
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

BODY_LIMIT = 4000  # characters of a body kept for the page
PARSE_LIMIT = 65536  # bytes of a body parsed as JSON (for the problem's title) or pretty-printed
HEADER_LIMIT = 60  # headers kept per message
VALUE_LIMIT = 500  # characters of a header value


def clean(text: str) -> str:
    """`text` as valid UTF-8: a lone surrogate (which no file or page can hold) becomes U+FFFD."""
    return _text(text)


def _odd(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _text(data: bytes | str) -> str:
    if isinstance(data, bytes):
        return data.decode("utf-8", "replace")
    if _odd(data):
        return data.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return data


def body(data: Any) -> dict[str, Any] | None:
    """A body's preview: `text` (at most BODY_LIMIT characters), `size` (bytes), `cut` when shortened."""
    if data is None or data == b"" or data == "":
        return None
    if not isinstance(data, (bytes, str)):
        return {"text": "(a stream: the notepad does not read it)", "size": None, "cut": False}
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    text = _text(data[: BODY_LIMIT * 4])
    cut = len(text) > BODY_LIMIT or size > BODY_LIMIT * 4
    return {"text": text[:BODY_LIMIT], "size": size, "cut": cut}


def pretty(body: dict[str, Any]) -> str:
    """A previewed body to show: indented when it is whole and JSON (the page does this, not the recorder)."""
    text = str(body.get("text", ""))
    if body.get("cut") or text.lstrip()[:1] not in ("{", "["):
        return text
    parsed = parse_json(text)
    shown = json.dumps(parsed, indent=2, ensure_ascii=False) if parsed is not None else text
    return clean(shown) if len(shown) <= BODY_LIMIT * 2 else text


def reason(status: int) -> str:
    """The standard reason phrase of a status (a stand-in kitchen often gives none)."""
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def parse_json(data: bytes | str) -> Any:
    try:
        return json.loads(data)
    except (ValueError, TypeError, RecursionError):
        return None


def headers(pairs: Iterable[tuple[Any, Any]]) -> list[list[str]]:
    kept: list[list[str]] = []
    for name, value in pairs:
        if len(kept) == HEADER_LIMIT:
            kept.append(["…", "more headers left out"])
            break
        kept.append([_text(str(name))[:VALUE_LIMIT], _text(str(value))[:VALUE_LIMIT]])
    return kept


def problem_of(content_type: str, data: Any) -> dict[str, str] | None:
    """The RFC 9457 problem an answer carries (title, detail, hint, type), if it is one."""
    if not isinstance(data, (bytes, str)) or len(data) > PARSE_LIMIT:
        return None
    if "json" not in content_type.lower():
        return None
    parsed = parse_json(data)
    if not isinstance(parsed, Mapping) or "title" not in parsed:
        return None
    if "problem" not in content_type.lower() and "status" not in parsed:
        return None
    return {k: _text(str(parsed[k]))[: VALUE_LIMIT * 2] for k in ("title", "detail", "hint", "type") if k in parsed}


def target(url: str) -> tuple[str, str]:
    """(origin, path with query) of a URL."""
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "", _text(path)[: VALUE_LIMIT * 2]


def timeout_text(timeout: Any) -> str | None:
    """The `timeout=` a request was sent with, in words (None: the code would wait for ever)."""
    if timeout is None:
        return None
    if isinstance(timeout, tuple):
        connect, read = [*timeout, None][:2]
        return f"connect {connect:g} s, read {read:g} s" if connect is not None and read is not None else str(timeout)
    try:
        return f"{float(timeout):g} s"
    except (TypeError, ValueError):
        return _text(str(timeout))[:60]
