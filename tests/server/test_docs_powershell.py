"""The docs page's PowerShell lines, read as PowerShell reads them, then run against a real kitchen.

No PowerShell can be installed here: Debian has none, and the npm package `pwsh` downloads it at install time
from outside the registries. So a PowerShell grammar (tree-sitter-powershell) reads each line: it must parse
whole, call `curl.exe` (in Windows PowerShell `curl` is Invoke-WebRequest), hold no POSIX-only `$(...)` and
pipe into nothing after curl. The arguments PowerShell would hand to curl.exe, and what it would pipe to its
input, are then worked out from the parsed line, and the real curl runs with them, in page order, against a
live kitchen: each answers the status its example promises.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from typing import Any

import pytest

from mock_server.docs import openapi
from mock_server.resources.order_model import ORDER_EXAMPLE
from tests.server.test_docs_curl import EXPECTED, blocks, fresh_kitchen

if sys.version_info >= (3, 15):  # tree-sitter has no wheel for 3.15 yet; the page is the same on every Python
    pytest.importorskip("tree_sitter", reason="no tree-sitter wheel for this Python")
import tree_sitter
import tree_sitter_powershell

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))
EXPRESSION_PARTS = {"string_literal", "variable", "+", "(", ")"}


def nodes(node: Any) -> list[Any]:
    found = [node]
    for child in node.children:
        found += nodes(child)
    return found


def string_value(literal: Any, variables: dict[str, str]) -> str:
    """A string literal's value: '...' as it is ('' for '), "..." with its $VARIABLES filled in."""
    (inner,) = literal.children
    text = inner.text.decode()
    if inner.type == "verbatim_string_characters":
        return text[1:-1].replace("''", "'")
    assert inner.type == "expandable_string_literal", inner.type
    assert "`" not in text and '""' not in text[1:-1], f"an escape in {text}: keep the page's strings plain"
    return re.sub(r"\$([A-Za-z]+)", lambda found: variables[found.group(1).upper()], text[1:-1])


def read(line: str, variables: dict[str, str]) -> tuple[list[str], str | None]:
    """(the arguments PowerShell hands to curl.exe, what it pipes to its input) for one line of the page."""
    tree = PARSER.parse(line.encode())
    every = nodes(tree.root_node)
    assert not tree.root_node.has_error, f"PowerShell cannot parse: {line}"
    assert not [n for n in every if n.type == "sub_expression"], f"$(...) in {line}"
    commands = [n for n in every if n.type == "command"]
    assert len(commands) == 1, f"one command, curl.exe, and nothing piped after it: {line}"
    (command,) = commands
    assert command.child_by_field_name("command_name").text.decode() == "curl.exe", line
    arguments = ["curl.exe"]
    elements = command.child_by_field_name("command_elements")
    for element in elements.children if elements else []:
        if element.type == "command_argument_sep":
            continue
        if element.type in ("command_parameter", "generic_token"):
            assert "$" not in element.text.decode(), f"a bare {element.text.decode()} in {line}"
            arguments.append(element.text.decode())
        else:
            (literal,) = [n for n in nodes(element) if n.type == "string_literal"]
            arguments.append(string_value(literal, variables))
    chain = command.parent
    before = [child for child in chain.children if child.end_byte <= command.start_byte and child.type != "|"]
    if not before:
        return arguments, None
    (piped,) = before
    leaves = [n for n in nodes(piped) if n.child_count == 0 or n.type == "string_literal"]
    assert {n.type for n in leaves} <= EXPRESSION_PARTS | {"verbatim_string_characters"}, piped.text.decode()
    value = "".join(
        string_value(n, variables) if n.type == "string_literal" else variables[n.text.decode()[1:].upper()]
        for n in leaves
        if n.type in ("string_literal", "variable")
    )
    return arguments, value


def powershell_lines(page: str) -> list[str]:
    return blocks(page, "ps")


def test_each_endpoint_has_its_powershell_line_after_the_posix_one(client):
    page = client.get("/", base_url="http://127.0.0.1:8000").get_data(as_text=True)
    assert len(powershell_lines(page)) == len([op for _, _, op in openapi.operations() if "x-example" in op])
    assert page.count("<pre class='sh'>") == page.count("<pre class='ps'>")
    assert page.index("curl (POSIX shell)") < page.index("curl in PowerShell")


@pytest.mark.parametrize(
    "line",
    [
        "curl -i http://127.0.0.1:8000/health",  # Invoke-WebRequest in Windows PowerShell
        "curl.exe -i http://127.0.0.1:8000/menu?category=pizza&vegetarian=true",  # & unquoted
        "ID=$(curl.exe -s http://127.0.0.1:8000/tables)",  # POSIX
        "curl.exe -si http://127.0.0.1:8000/tables | tail -n 1",  # no tail in PowerShell
        "curl.exe -i 'http://127.0.0.1:8000/tables/$TABLE'",  # not filled in between single quotes
    ],
)
def test_the_reading_refuses_what_breaks_in_powershell(line):
    with pytest.raises(AssertionError):
        arguments, _ = read(line, {"TABLE": "4"})
        assert "$TABLE" not in " ".join(arguments)


def test_no_argument_holds_a_quote_and_the_input_is_ascii(client):
    """Windows PowerShell 5.1 drops the `"` inside a program's arguments: a JSON body goes in through stdin,
    which 5.1 writes in ASCII."""
    page = client.get("/", base_url="http://127.0.0.1:8000").get_data(as_text=True)
    variables = dict.fromkeys(("TABLE", "ORDER", "PAYMENT", "ID"), "7") | {"TOKEN": "abc"}
    for line in powershell_lines(page):
        arguments, piped = read(line, variables)
        assert not [a for a in arguments if '"' in a or not a], line
        assert piped is None or (piped.isascii() and "-d" in arguments and arguments[-1] == "@-"), line


def _fresh(base: str, what: str, table: str) -> str:
    """A new table or order, made as the page says before an example that changes or removes one."""
    body = {"name": "Grace", "party_size": 4} if what == "table" else ORDER_EXAMPLE
    body = json.loads(json.dumps(body).replace('"$TABLE"', table))
    request = urllib.request.Request(
        f"{base}/{what}s", json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return str(json.load(answer)["id"])


@pytest.mark.skipif(not shutil.which("curl"), reason="needs curl (Windows 10 and 11 ship curl.exe)")
def test_the_powershell_lines_work_in_order():
    """Each line, with the arguments PowerShell gives curl.exe, on a fresh kitchen; ids kept as the page says."""
    answered, variables = [], {}
    with fresh_kitchen() as (base, page):
        examples = [op.get("x-example", {}) for _, _, op in openapi.operations() if "x-example" in op]
        for line, example in zip(powershell_lines(page), examples):
            if example.get("fresh"):
                variables["ID"] = _fresh(base, example["fresh"], variables.get("TABLE", "1"))
            if example.get("wait"):
                time.sleep(3)  # this kitchen cooks in 2 s
            arguments, piped = read(line, variables)
            done = subprocess.run(
                ["curl", "-s", *arguments[1:]],
                input=None if piped is None else (piped + "\r\n").encode("ascii"),  # PowerShell ends it so
                capture_output=True,
                timeout=60,
            )
            output = done.stdout.decode("utf-8", "replace")
            answered.append(int(re.match(r"HTTP/1\.1 (\d{3}) ", output).group(1)))
            body = output.replace("\r\n", "\n").split("\n\n", 1)[-1]
            if example.get("keep"):
                variables[example["keep"]] = str(json.loads(body)["id"])
            elif example.get("auth") == "basic":
                variables["TOKEN"] = json.loads(body)["access_token"]
    assert answered == EXPECTED
