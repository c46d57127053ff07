"""Wording shared by the tests' voice (kata.expect) and the CLI, importable without pytest."""

from __future__ import annotations


def sentence(text: str) -> str:
    """`text` ending as a sentence: a full stop added unless it ends with one already (or with ? or !)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def lead_in(text: str) -> str:
    """`text` introducing what follows: a colon added, unless it ends with ? or ! ("Is it open?", not "open?:")."""
    text = text.rstrip()
    return text if text.endswith(("?", "!", ":")) else text + ":"
