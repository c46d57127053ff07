"""A request whose framing is ambiguous is refused by waitress' parser: 400, and the connection closes.

RFC 9112 §6.1 and §6.3: a request with both ``Content-Length`` and ``Transfer-Encoding`` may be an
attempt at request smuggling; a server may refuse it and must close the connection. ``chunked`` given
twice (``Transfer-Encoding: chunked, chunked``) is no valid framing either. waitress 3.0.2 reads both
as chunked and keeps the connection open (Pylons/waitress#464, fixed by #475 after 3.0.2, unreleased
at the time of writing), and decides before the application sees the request: so the check is made
where waitress reads the head, and its ``ParsingError`` gives the 400 and the closed connection.
"""

from __future__ import annotations

from waitress.parser import HTTPRequestParser, ParsingError


def framing_problem(head: bytes) -> str | None:
    """What is ambiguous in a request's head (the bytes up to the blank line), or None."""
    codings: list[bytes] = []
    lengths = 0
    for line in head.split(b"\n")[1:]:
        name, colon, value = line.partition(b":")
        if not colon:
            continue
        name = name.strip().lower()
        if name == b"transfer-encoding":
            codings += [coding.strip(b" \t\r").lower() for coding in value.split(b",") if coding.strip(b" \t\r")]
        elif name == b"content-length":
            lengths += 1
    if codings and lengths:
        return "both Content-Length and Transfer-Encoding"
    if codings.count(b"chunked") > 1:
        return "Transfer-Encoding names chunked more than once"
    return None


class FramingParser(HTTPRequestParser):
    """waitress' request parser, refusing ambiguous framing (400, then the connection closes)."""

    def parse_header(self, header_plus: bytes) -> None:
        wrong = framing_problem(header_plus)
        if wrong is not None:
            raise ParsingError(f"Ambiguous message framing: {wrong}")
        super().parse_header(header_plus)
