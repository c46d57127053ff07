"""The request journal of one kitchen (``GET /__admin/journal``), bounded in entries and in bytes.

Each entry keeps the request line, the headers and at most ``JOURNAL_BODY_LIMIT`` bytes of the body
(a preview: ``truncated`` and ``size`` say when it was cut, and ``json`` is then null). The JSON of a
body is parsed only when the journal is read, so a large body costs no more than its preview. When a
kitchen's entries pass ``JOURNAL_LIMIT`` entries or ``JOURNAL_BYTES`` bytes, the oldest are forgotten;
in workshop mode the kitchens also share ``JOURNAL_TOTAL_BYTES``.
"""

from __future__ import annotations

import collections
import threading
import weakref
from typing import Any, Iterator, NamedTuple
from urllib.parse import parse_qsl

from mock_server.contract.schema import integer, model, nullable, obj, ref
from mock_server.contract.validation import parse_json

JOURNAL_DOC = (
    "Each entry keeps the method, path, query, headers and the first JOURNAL_BODY_LIMIT (10 000) bytes of the "
    "body; a longer body is marked `truncated` with its `size`, and its `json` is null. A kitchen keeps the "
    "newest 1000 entries within 4 MiB (a workshop: 64 MiB for all kitchens); older ones are forgotten."
)
model(
    "JournalEntry",
    obj(
        {
            "method": {"type": "string"},
            "path": {"type": "string"},
            "query": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            "headers": {"type": "object", "additionalProperties": {"type": "string"}},
            "body": nullable({"type": "string", "description": "The body as text (its first 10 000 bytes)."}),
            "json": {"description": "The body parsed as JSON (any JSON value); null when it is not JSON or was cut."},
            "status": nullable(integer(100, 599, description="null when the connection was dropped.")),
            "at": {"type": "number", "description": "Kitchen clock seconds when the request arrived."},
        },
        {
            "truncated": {"type": "boolean", "description": "true when the body was longer than what is kept."},
            "size": integer(0, description="Bytes of the body as received (with truncated)."),
            "dropped": {"type": "boolean", "description": "true when the connection was dropped on purpose."},
            "direction": {"type": "string", "enum": ["outgoing"], "description": "Only on webhook calls."},
            "url": {"type": "string", "description": "Outgoing calls: the address called."},
            "error": {"type": "string", "description": "Outgoing calls: why the receiver could not be reached."},
        },
    ),
)
model("Journal", obj({"entries": {"type": "array", "items": ref("JournalEntry")}, "count": integer(0)}))


class JournalEntry(NamedTuple):
    """One request as received, stored raw; ``show()`` decodes it only when the journal is read."""

    method: str
    path: str
    query_string: str
    environ_headers: list
    body: bytes | str  # bytes: at most the body limit; str: a note such as "<body could not be read>"
    size: int  # bytes of the body as received
    content_type: str
    status: int | None
    at: float
    dropped: bool

    def cost(self) -> int:
        """Roughly the bytes this entry holds."""
        headers = sum(len(key) + len(value) for key, value in self.environ_headers)
        return 200 + len(self.path) + len(self.query_string) + headers + len(self.body)


def show(entry: Any, body_limit: int) -> dict[str, Any]:
    """The JSON view of a journal entry (request entries are decoded here; webhook entries are dicts)."""
    if not isinstance(entry, JournalEntry):
        return dict(entry)
    query: dict[str, list[str]] = {}
    for name, value in parse_qsl(entry.query_string, keep_blank_values=True, errors="replace"):
        query.setdefault(name, []).append(value)
    headers = {}
    for key, value in entry.environ_headers:
        if not value and not key.startswith("HTTP_"):
            continue  # an empty CONTENT_TYPE or CONTENT_LENGTH is no header at all
        name = key[5:] if key.startswith("HTTP_") else key
        headers[name.replace("_", "-").title()] = value  # as werkzeug shows it: latin-1, the WSGI default
    truncated = entry.size > len(entry.body) if isinstance(entry.body, bytes) else False
    parsed = None
    if isinstance(entry.body, bytes):
        body = entry.body[:body_limit].decode("utf-8", errors="replace") if entry.body else None
        if not truncated and _is_json(entry.content_type) and entry.body:
            try:
                parsed = parse_json(entry.body)
            except ValueError:
                parsed = None
    else:
        body = entry.body
    shown = {
        "method": entry.method,
        "path": entry.path,
        "query": query,
        "headers": headers,
        "body": body,
        "json": parsed,
        "status": entry.status,
        "at": entry.at,
    }
    if truncated:
        shown.update(truncated=True, size=entry.size)
    if entry.dropped:
        shown["dropped"] = True
    return shown


def _is_json(content_type: str) -> bool:
    mimetype = content_type.split(";", 1)[0].strip().lower()
    return mimetype == "application/json" or mimetype.endswith("+json")


class Budget:
    """Bytes shared by several journals (the kitchens of a workshop); ``limit`` None: no shared bound.

    Fair to every kitchen: a journal within its fair share (the limit over the journals there are) always
    gets room, taken from the journals above their share, the largest first.
    """

    def __init__(self, limit: int | None) -> None:
        self.limit, self.used, self.lock = limit, 0, threading.Lock()
        self._journals: weakref.WeakValueDictionary[int, Journal] = weakref.WeakValueDictionary()  # by id()

    def join(self, journal: Journal) -> None:
        with self.lock:
            self._journals[id(journal)] = journal

    def fair_share(self) -> int | None:
        with self.lock:
            return None if self.limit is None else self.limit // max(1, len(self._journals))

    def take(self, size: int) -> bool:
        """Count ``size`` bytes in; False (and nothing counted) when that would pass the limit."""
        with self.lock:
            if self.limit is not None and self.used + size > self.limit:
                return False
            self.used += size
            return True

    def give(self, size: int) -> None:
        with self.lock:
            self.used -= size

    def make_room(self, asking: Journal, size: int) -> bool:
        """Free ``size`` bytes for ``asking`` (within its fair share) from the largest journals above theirs."""
        share = self.fair_share()
        if share is None or asking.bytes + size > share:
            return False
        with self.lock:
            others = sorted(
                (j for j in list(self._journals.values()) if j is not asking), key=lambda j: j.bytes, reverse=True
            )
        freed = 0
        for victim in others:
            if victim.bytes <= share or freed >= size:
                break
            if victim.lock.acquire(blocking=False):  # never wait for another kitchen: no deadlock, no stall
                try:
                    while victim.bytes > share and freed < size and victim._entries:
                        freed += victim._forget_oldest()
                finally:
                    victim.lock.release()
        return freed > 0


class Journal:
    """The newest entries within ``max_entries`` and ``max_bytes`` (and a fair share of a shared budget)."""

    def __init__(self, max_entries: int, max_bytes: int, budget: Budget | None = None) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.budget = budget or Budget(None)
        self.lock = threading.Lock()  # its own: another kitchen may take its oldest entries (Budget.make_room)
        self._entries: collections.deque = collections.deque()
        self.bytes = 0
        self.budget.join(self)

    def append(self, entry: Any) -> None:
        size = entry.cost() if isinstance(entry, JournalEntry) else 200 + len(str(entry))
        if size > self.max_bytes:
            return  # cannot be kept at all (cannot happen with the default limits)
        with self.lock:
            while self._entries and (len(self._entries) >= self.max_entries or self.bytes + size > self.max_bytes):
                self._forget_oldest()
            while not self.budget.take(size):
                if self.budget.make_room(self, size):
                    continue
                if not self._entries:
                    return  # over its fair share and nothing of its own to forget: not kept
                self._forget_oldest()
            self._entries.append((entry, size))
            self.bytes += size

    def _forget_oldest(self) -> int:
        _, size = self._entries.popleft()
        self.bytes -= size
        self.budget.give(size)
        return int(size)

    def clear(self) -> None:
        with self.lock:
            while self._entries:
                self._forget_oldest()

    def __iter__(self) -> Iterator[Any]:
        with self.lock:
            kept = list(self._entries)
        return (entry for entry, _ in kept)

    def __len__(self) -> int:
        return len(self._entries)

    def __eq__(self, other: object) -> bool:  # same entries and limits (the shared budget aside)
        if not isinstance(other, Journal):
            return NotImplemented
        return (self.max_entries, self.max_bytes, list(self)) == (other.max_entries, other.max_bytes, list(other))

    __hash__ = None  # type: ignore[assignment]
