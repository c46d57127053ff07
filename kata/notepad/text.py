"""The kitchen's journal as a learner reads it under a failed test: the last requests it received, one line each."""

from __future__ import annotations

from typing import Any, Mapping, Sequence


def journal_text(entries: Sequence[Mapping[str, Any]], last: int = 5) -> str:
    """The last requests the kitchen received, one line each, for failure messages."""
    if not entries:
        return "The kitchen received no request at all."
    lines = []
    for entry in list(entries)[-last:]:
        query = entry.get("query") or ""
        if isinstance(query, Mapping):
            query = "&".join(f"{k}={v}" for k, vs in query.items() for v in (vs if isinstance(vs, list) else [vs]))
        target = entry["path"] + (f"?{query}" if query else "")
        body = entry.get("body")
        shown = f"  body: {body[:120]}" if body else ""
        lines.append(f"{entry['method']} {target} -> {entry['status']}{shown}")
    skipped = len(entries) - last
    head = f"(and {skipped} earlier)\n" if skipped > 0 else ""
    return head + "\n".join(lines)
