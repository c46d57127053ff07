"""Headers read as their RFCs write them, not as a forgiving parser reads them.

`requests.utils.parse_header_links` strips quotes and brackets of any kind, and a check that only looks at
the first word of a WWW-Authenticate accepts `Bearer realm=reservations`. These parsers follow the ABNF:
`links` the Link header of RFC 8288 section 3, `challenges` the WWW-Authenticate header of RFC 9110
section 11.6.1 (with RFC 6750 section 3's rule that a Bearer challenge's attributes are quoted strings).
Each returns None for a value that does not follow the grammar.
"""

from __future__ import annotations

import re

TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
QUOTED = r'"(?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\[\t\x20-\x7e\x80-\xff])*"'
OWS = r"[ \t]*"
# RFC 3986's URI-reference, as characters: what may appear between the angle brackets of a link.
URI_REFERENCE = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*"

_PARAM = re.compile(rf"{OWS};{OWS}({TOKEN}){OWS}(?:={OWS}({TOKEN}|{QUOTED}))?")
_LINK_START = re.compile(rf"<({URI_REFERENCE})>")
_AUTH_PARAM = re.compile(rf"({TOKEN}){OWS}={OWS}({TOKEN}|{QUOTED})")
QUOTED_ATTRIBUTES = {"realm", "scope", "error", "error_description", "error_uri"}
_TOKEN68 = re.compile(r"[A-Za-z0-9\-._~+/]+=*")


def _unquote(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value[1:-1]) if value.startswith('"') else value


def links(value: str) -> list[tuple[str, dict[str, str]]] | None:
    """The (target, {param: value}) of each link of a Link header value (RFC 8288), or None when it is malformed.

    A parameter's name is lower-cased; a repeated one keeps its first value (RFC 8288 section 3).
    """
    found: list[tuple[str, dict[str, str]]] = []
    rest = value.strip(" \t")
    while rest:
        start = _LINK_START.match(rest)
        if start is None:
            return None
        target, rest = start.group(1), rest[start.end() :]
        params: dict[str, str] = {}
        while (param := _PARAM.match(rest)) is not None:
            params.setdefault(param.group(1).lower(), _unquote(param.group(2) or ""))
            rest = rest[param.end() :]
        found.append((target, params))
        rest = rest.lstrip(" \t")
        if not rest:
            break
        if not rest.startswith(","):
            return None
        rest = rest[1:].lstrip(" \t,")
    return found


def challenges(value: str) -> list[tuple[str, dict[str, str] | str]] | None:
    """The (scheme, params or token68) of each challenge of a WWW-Authenticate value (RFC 9110), or None.

    Scheme names are lower-cased, as are parameter names; a parameter that appears twice makes the value
    malformed (RFC 9110 section 11.2: each name only once).
    """
    found: list[tuple[str, dict[str, str] | str]] = []
    rest = value.strip(" \t")
    while rest:
        scheme = re.match(TOKEN, rest)
        if scheme is None:
            return None
        rest = rest[scheme.end() :]
        params: dict[str, str] | str = {}
        if rest.startswith(" "):
            after = rest.lstrip(" ")
            token68 = _TOKEN68.match(after)
            if token68 and not _AUTH_PARAM.match(after) and re.match(rf"{OWS}(,|$)", after[token68.end() :]):
                params, rest = token68.group(0), after[token68.end() :]
            else:
                named: dict[str, str] = {}
                while (param := _AUTH_PARAM.match(after)) is not None:
                    name = param.group(1).lower()
                    if name in named:
                        return None
                    named[name] = param.group(2)  # still quoted: the caller may insist on quotes
                    after = after[param.end() :]
                    comma = re.match(rf"{OWS},{OWS}", after)
                    if comma is None or not _AUTH_PARAM.match(after[comma.end() :]):
                        break
                    after = after[comma.end() :]
                params, rest = named, after
        found.append((scheme.group(0).lower(), params))
        rest = rest.lstrip(" \t")
        if not rest:
            break
        if not rest.startswith(","):
            return None
        rest = rest[1:].lstrip(" \t,")
    return found or None


def bearer_challenge(value: str | None) -> dict[str, str] | None:
    """The attributes (unquoted) of the Bearer challenge in a WWW-Authenticate value, or None when there is no
    well-formed one: realm, scope, error, error_description and error_uri are quoted strings (RFC 6750 section 3)."""
    parsed = challenges(value or "")
    for scheme, params in parsed or ():
        if scheme == "bearer" and isinstance(params, dict):
            if not all(raw.startswith('"') for name, raw in params.items() if name in QUOTED_ATTRIBUTES):
                return None
            return {name: _unquote(raw) for name, raw in params.items()}
    return None
