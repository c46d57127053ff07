"""Team names: what a name may hold, how it is written down, and when two names are the same name.

A name is learner input shown on a projector, so it must be something a room can read and tell
apart. It is normalized (NFKC, surrounding space stripped, runs of space made one) and refused
when it holds control, format (zero-width, bidi override...) or lone surrogate characters, or
when nothing in it is visible. Two names are the same when they differ only by case, by
compatibility forms (NFKC) or by such invisible characters: ``key()`` is what the room compares.

The refused characters are declared once, here, from the running Python's Unicode database, and
the same set builds the OpenAPI pattern (``PATTERN``) and the check (``problem()``).
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 40
REFUSED_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")  # control, format (bidi, zero-width), surrogates, separators
# Characters that draw nothing although their category says they are letters or marks.
INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)


def _refused(code: int) -> bool:
    return unicodedata.category(chr(code)) in REFUSED_CATEGORIES


def _ranges(codes: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def _escape(code: int) -> str:
    # BMP as \\uXXXX (a lone surrogate must never be a literal: the spec is UTF-8 JSON); others literally.
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)


def _char_class(codes: list[int]) -> str:
    return "".join(_escape(low) if low == high else f"{_escape(low)}-{_escape(high)}" for low, high in _ranges(codes))


# Where the refused categories live (Unicode 13 to 16); scanning all 1.1 million code points costs 0.2 s at import.
_BLOCKS: tuple[tuple[int, int], ...] = (
    (0, 0x3100),
    (0xD800, 0xE000),
    (0xFE00, 0x10000),
    (0x11000, 0x14000),
    (0x1BC00, 0x1BD00),
)
_BLOCKS += ((0x1D100, 0x1D200), (0xE0000, 0xE0100))
_REFUSED = [code for low, high in _BLOCKS for code in range(low, high) if _refused(code)]
_BLANK = sorted({ord(c) for c in INVISIBLE} | {c for c in range(0x3001) if chr(c).isspace()} | {0x3000})
# A name: 1 to 40 characters, none of them refused, at least one of them visible (JSON Schema / Python re).
PATTERN = f"^(?=.*[^{_char_class(sorted(set(_BLANK) | set(_REFUSED)))}])[^{_char_class(_REFUSED)}]{{1,{MAX_LENGTH}}}$"
_NAME = re.compile(PATTERN, re.DOTALL)


def normalize(name: str) -> str:
    """The name as the room shows it: NFKC, with surrounding space stripped and inner runs of space made one."""
    try:
        name = unicodedata.normalize("NFKC", name)
    except UnicodeError:  # pragma: no cover - normalize does not raise on lone surrogates today
        pass
    return " ".join(name.split())


def problem(name: str) -> str | None:
    """What is wrong with a name as sent (None when it can join)."""
    if not 1 <= len(name) <= MAX_LENGTH:
        return f"must be 1 to {MAX_LENGTH} characters, got {len(name)}"
    if len(normalize(name)) > MAX_LENGTH:  # U+FDFA is one character, and 18 once normalized
        return f"must be at most {MAX_LENGTH} characters once normalized (NFKC), got {len(normalize(name))}"
    for char in name:
        if unicodedata.category(char) in REFUSED_CATEGORIES:
            return f"must not hold control, invisible or bidi-override characters (it holds U+{ord(char):04X})"
    if not _NAME.fullmatch(name) or not normalize(name):
        return "must have at least one visible character"
    return None


def key(name: str) -> str:
    """What two names that are the same name share: invisible characters dropped, NFKC, case folded."""
    kept = "".join(
        char for char in name if unicodedata.category(char) not in REFUSED_CATEGORIES and char not in INVISIBLE
    )
    return unicodedata.normalize("NFKC", normalize(kept).casefold())


# Letters of other scripts that look like Latin ones (Unicode TS #39's confusables for the common scripts:
# Cyrillic, Greek, Armenian, full-width forms are NFKC's already), and the digits that pass for letters.
_LOOKALIKES = str.maketrans(
    {
        **dict.fromkeys("аαɑ", "a"),  # Cyrillic a, Greek alpha, Latin alpha
        **dict.fromkeys("вβ", "b"),
        **dict.fromkeys("сϲ", "c"),
        **dict.fromkeys("ԁ", "d"),
        **dict.fromkeys("еε", "e"),
        **dict.fromkeys("ɡ", "g"),
        **dict.fromkeys("нһηհ", "h"),
        **dict.fromkeys("іιıɩɪ", "i"),
        **dict.fromkeys("ј", "j"),
        **dict.fromkeys("кκ", "k"),
        **dict.fromkeys("1|ӏ", "l"),
        **dict.fromkeys("мμ", "m"),
        **dict.fromkeys("ո", "n"),
        **dict.fromkeys("0оοօ", "o"),
        **dict.fromkeys("рρ", "p"),
        **dict.fromkeys("ѕս", "s"),
        **dict.fromkeys("тτ", "t"),
        **dict.fromkeys("υ", "u"),
        **dict.fromkeys("ν", "v"),
        **dict.fromkeys("хχ", "x"),
        **dict.fromkeys("уγ", "y"),
        **dict.fromkeys("ζ", "z"),
    }
)


def skeleton(name: str) -> str:
    """What two names that look alike share (TS #39's idea, on a compact table): ``key()``, lookalikes mapped."""
    return key(name).translate(_LOOKALIKES).replace("rn", "m").replace("vv", "w")


def printable(name: str) -> str:
    """The name safe to put in JSON and on the board: a lone surrogate becomes U+FFFD."""
    return "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in name)
