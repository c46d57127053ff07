"""A failure's hint is the first level of help: it nudges, it never hands over the solution's code.

`kata hint N` shows the later levels (the catalogue's `hints`, from a question to nearly the answer); a
failure's own hint (`hint=` in the exercise tests, the one voice's, the waiter's and the desks' checks, each
desk's `hint`) says where to look and what to ask. Naming things is a nudge: an endpoint (`GET /menu/{id}`),
a header (`Retry-After`), a status (`404`), a parameter or a function (`vegetarian`, `raise_for_status`), a
query string or a header as it goes on the wire (`?vegetarian=true`, `Retry-After: 2`). Writing them into
code is the answer: a call, an assignment or a keyword argument, an f-string, a statement, `requests.`
anything, a dict or list literal, a subscript, an operator between names.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((ROOT / "tests" / "exercises").rglob("*.py")),
    *sorted((ROOT / "kata" / "expect").glob("*.py")),
    *sorted((ROOT / "kata" / "waiter").glob("*.py")),
    *sorted((ROOT / "kata" / "desks").rglob("*.py")),
    ROOT / "kata" / "learner" / "errors.py",
]

QUERY_STRING = re.compile(r"^\?[\w.~%-]+=[^\s'\"(){}]*(&[\w.~%-]+=[^\s'\"(){}]*)*$")  # `?vegetarian=true&page=2`
HEADER_LINE = re.compile(r"^[A-Z][\w-]*: \S")  # a header as it goes on the wire: `Retry-After: 2`
CODE_IN_BACKTICKS = [
    ("a call", re.compile(r"[\w\])]\(")),
    ("an assignment or a keyword argument", re.compile(r"(?<![=!<>])=(?!=)")),
    ("an f-string", re.compile(r"\bf['\"]")),
    ("`requests.`", re.compile(r"\brequests\.")),
    ("a statement", re.compile(r"^(return|raise|if|elif|for|while|with|import|from|def|try|except|yield|assert)\b")),
    ("a dict or list literal", re.compile(r"[{\[]\s*['\"\d{\[]|\{\s*\w+\s*:")),
    ("a subscript", re.compile(r"\w\[")),
    ("an operator between names", re.compile(r"\w\s+(==|!=|<=|>=|//|%|\+|-|\*|<|>|and|or|is|in|not in)\s+\w")),
]
CODE_ANYWHERE = [
    ("an f-string", re.compile(r"(?<![\w`])f['\"]\{")),
    ("a call of requests", re.compile(r"\brequests\.\w+\(")),
    ("a keyword argument", re.compile(r"(?<![\w?&`])(json|headers|params|data|timeout|auth)=\S")),
]


def solution_code(hint: str) -> str | None:
    """What in the hint is the solution's code (a short reason), None for a nudge."""
    for span in re.findall(r"`([^`]+)`", hint):
        span = span.strip()
        if QUERY_STRING.match(span) or HEADER_LINE.match(span):
            continue
        for reason, pattern in CODE_IN_BACKTICKS:
            if pattern.search(span):
                return f"{reason}: `{span}`"
    outside = re.sub(r"`[^`]*`", "``", hint)
    for reason, pattern in CODE_ANYWHERE:
        found = pattern.search(outside)
        if found:
            return f"{reason}: {found.group(0)!r}"
    return None


def _text(node: ast.AST, constants: dict[str, str]) -> str | None:
    """The text of a hint as written: literals, f-strings (each value `{...}`), `+`, and the module's constants."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = [_text(value, constants) if isinstance(value, ast.Constant) else "{...}" for value in node.values]
        return "".join(part or "" for part in parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left, constants), _text(node.right, constants)
        return None if left is None and right is None else (left or "") + (right or "")
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.BoolOp):
        found = [_text(value, constants) for value in node.values]
        return " ".join(text for text in found if text) or None
    if isinstance(node, ast.IfExp):
        found = [_text(node.body, constants), _text(node.orelse, constants)]
        return " / ".join(text for text in found if text) or None
    return None


def failure_hints(path: Path) -> list[tuple[int, str]]:
    """Each failure hint a module writes (`hint=...`, `"hint": ...`, a `hint` or `*_HINT` constant), by line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            text = _text(node.value, constants)
            if text is not None:
                constants[node.targets[0].id] = text
    found = []
    for node in ast.walk(tree):
        values: list[ast.AST] = []
        if isinstance(node, ast.keyword) and node.arg == "hint":
            values.append(node.value)
        elif isinstance(node, ast.Dict):
            values += [v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant) and k.value == "hint"]
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and (t.id == "hint" or t.id.endswith("_HINT")) for t in node.targets
        ):
            values.append(node.value)
        for value in values:
            text = _text(value, constants)
            if text:
                found.append((getattr(value, "lineno", 0), text))
    return found


def all_failure_hints() -> list[tuple[str, str]]:
    return [
        (f"{path.relative_to(ROOT).as_posix()}:{line}", text) for path in SOURCES for line, text in failure_hints(path)
    ]


def test_the_hints_are_found():
    assert len(all_failure_hints()) > 300  # the finder still reads the tests: a rename would hide every hint


def test_no_failure_hint_gives_the_solutions_code():
    answers = [
        f"{where}: {reason}\n    {text}" for where, text in all_failure_hints() if (reason := solution_code(text))
    ]
    assert not answers, (
        f"{len(answers)} failure hint(s) hand over code: a first hint nudges (a question, a name, where to look); "
        "the code belongs to the later levels of `kata hint`.\n" + "\n".join(answers)
    )


@pytest.mark.parametrize(
    "hint",
    [
        "Send `headers={'Authorization': f'Bearer {token}'}`.",
        "Return `response.json()['items']`.",
        "Use `params=` for the filters.",
        "`status // 100` is the class.",
        "`return app` at the end.",
        "Send headers={'Accept': 'application/json'} with it.",
        "Build the URL with f'{base_url}/menu'.",
        "Call requests.get(url) once.",
        "`{'category': category}` is the query.",
    ],
)
def test_code_is_told_from_a_nudge_code(hint):
    assert solution_code(hint) is not None


@pytest.mark.parametrize(
    "hint",
    [
        "Which endpoint answers `GET /menu/{id}`?",
        "Look at the `Retry-After` header of the answer, and at its status (`429`).",
        "The kitchen spells booleans `true` and `false`: `?vegetarian=true&max_price=12` on the wire.",
        "Which method of the response says whether the status was an error (`raise_for_status`)?",
        "Does `Authorization` carry the token after the word `Bearer`?",
        "A 404 is an answer: which exception does `look_up_dish` raise then?",
    ],
)
def test_code_is_told_from_a_nudge_nudge(hint):
    assert solution_code(hint) is None
