"""Secrets masked in a team's notepad before the facilitator sees it: on the team's laptop, and again in the room.

A notepad is what a learner's code sent and got: Authorization headers, the team's token (in the
`/t/<token>/` path of the shared kitchen and in its header), passwords and tokens in bodies and query
strings, cookies, API keys. The facilitator needs to see that a request carried them, and their shape
(`Bearer` and a space, or `Bearer None`), never their value. `Masker` walks a notepad record
(kata.notepad.record's shape) and replaces each value with `‹masked: N characters›`, counting what it masked.

Used twice on purpose (defence in depth): the laptop masks before anything leaves it
(kata.workshop.notepad_upload), and the room masks again what it receives (notepad_views), with
every team's token and the facilitator's secret as known secrets. Standard library only.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

# Header names whose value is a credential, and names (in bodies and query strings) whose value is one.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie", "x-kata-team-token"})
SECRET_WORDS = r"password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|session|cookie|credential|authorization"
NOT_SECRET = frozenset({"token_type", "expires_in", "www-authenticate", "authentication-info"})
_SECRET_NAME = re.compile(rf"(?i)^[\w.-]*(?:{SECRET_WORDS})[\w.-]*$")
# Values that are no secret and teach something when shown (`Authorization: Bearer None`).
PLAIN = frozenset({"", "none", "null", "undefined", "nil", "bearer", "basic"})
SCHEMES = r"bearer|basic|token|digest|apikey"
TEAM_TOKEN = "‹team token›"  # what `/t/<token>/` shows

_SCHEME = re.compile(rf"(?i)^\s*({SCHEMES})(\s*)(.*)$", re.DOTALL)
_IN_TEXT = re.compile(rf"(?i)\b({SCHEMES})([ \t]+)([^\s\"',;<>=]{{6,}}={{0,2}})(?![^\s\"',;<>])(?!\")")
_TEAM_PATH = re.compile(r"(/t/)([^/\s?#\"'<>]{6,})")
_JSON_PAIR = re.compile(r'"([^"\\]{1,80})"(\s*:\s*)"((?:[^"\\]|\\.)*)"')
_FORM_PAIR = re.compile(r"(?<![\w.\-\[\]])([\w.\-\[\]]{1,80})=([^&\s\"'#<>;]*)")


def is_secret_name(name: str) -> bool:
    """A header, JSON member or form field whose value is a credential (`X-Api-Key`, `password`, `access_token`)."""
    lowered = name.strip().lower()
    return lowered not in NOT_SECRET and (lowered in SECRET_HEADERS or _SECRET_NAME.match(lowered) is not None)


class Masker:
    """Masks secrets in the strings of a notepad record; `count` says how many values it masked."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        found = sorted({secret for secret in known if secret and len(secret) >= 8}, key=len, reverse=True)
        self._known = re.compile("|".join(map(re.escape, found))) if found else None
        self.count = 0

    def _hidden(self, value: str) -> str:
        if value.strip().lower() in PLAIN or value.startswith("‹masked"):
            return value
        self.count += 1
        return f"‹masked: {len(value)} characters›"

    def header(self, name: str, value: str) -> str:
        """A header's value: a credential masked, the scheme of an Authorization kept (`Bearer ‹masked…›`)."""
        if not is_secret_name(name):
            return self.text(value)
        scheme = _SCHEME.match(value) if "auth" in name.lower() else None
        if scheme is not None:
            return scheme.group(1) + scheme.group(2) + self._hidden(scheme.group(3))
        return self._hidden(value)

    def text(self, text: str) -> str:
        """Free text (a path, a body, a message): known secrets, `/t/<token>`, credentials after a scheme or a name."""
        text = _TEAM_PATH.sub(self._team_path, text)
        if self._known is not None:
            text = self._known.sub(lambda m: self._hidden(m.group(0)), text)
        text = _IN_TEXT.sub(lambda m: m.group(1) + m.group(2) + self._hidden(m.group(3)), text)
        text = _JSON_PAIR.sub(self._json_pair, text)
        return _FORM_PAIR.sub(self._form_pair, text)

    def _team_path(self, match: re.Match[str]) -> str:
        if match.group(2).startswith("‹"):
            return match.group(0)
        self.count += 1
        return match.group(1) + TEAM_TOKEN

    def _json_pair(self, match: re.Match[str]) -> str:
        if not is_secret_name(match.group(1)):
            return match.group(0)
        return f'"{match.group(1)}"{match.group(2)}"{self._hidden(match.group(3))}"'

    def _form_pair(self, match: re.Match[str]) -> str:
        if not is_secret_name(match.group(1)):
            return match.group(0)
        return f"{match.group(1)}={self._hidden(match.group(2))}"

    def record(self, data: Any, depth: int = 0) -> Any:
        """A copy of `data` (JSON-like) with every string masked; a `headers` list of pairs by header name."""
        if depth > 40:  # a record is a few levels deep: anything deeper is not one
            return None
        if isinstance(data, str):
            return self.text(data)
        if isinstance(data, list):
            return [self.record(item, depth + 1) for item in data]
        if isinstance(data, dict):
            copy: dict[str, Any] = {}
            for key, value in data.items():
                if key == "headers" and isinstance(value, list):
                    copy[key] = [self._pair(pair, depth) for pair in value]
                else:
                    copy[key] = self.record(value, depth + 1)
            return copy
        return data

    def _pair(self, pair: Any, depth: int) -> Any:
        if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and isinstance(pair[1], str):
            return [pair[0], self.header(pair[0], pair[1])]
        return self.record(pair, depth + 2)
