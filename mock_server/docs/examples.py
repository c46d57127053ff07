"""The docs page's examples of each operation, made from its ``x-example``: Python first, then curl.

``python_example``: a few lines of ``requests``, the course's own language, that run anywhere (PowerShell
included); ids kept by an earlier example are Python variables (``table_id``, ``order_id``, ``payment_id``,
``token``). ``curl_line``: the one curl command of the operation, for a POSIX shell, the ids as shell variables
(``$TABLE``...). ``curl_script``: the same with the lines that keep those ids, for pasting every example in
order (the page's last section; ``tests/server/test_docs_curl.py`` pastes it, and runs the Python examples).
``powershell_line``: the curl command in PowerShell, with ``curl.exe`` (``tests/server/test_docs_powershell.py``).
"""

from __future__ import annotations

import json
import re
import shlex
from urllib.parse import parse_qsl

from mock_server.state.data import GUESTS

KEPT = {"TABLE": "table_id", "ORDER": "order_id", "PAYMENT": "payment_id"}  # shell variable: Python variable
PYTHON_START = 'import requests\n\nBASE = "{base}"'


def example_request(op: dict) -> dict:
    """The concrete request of an operation's ``x-example`` (path with ids filled in)."""
    example = dict(op["x-example"])
    example.setdefault("headers", {})
    example.setdefault("status", 200)
    return example


def _guest() -> tuple[str, str]:
    username = next(iter(GUESTS))
    return username, GUESTS[username][0]


# Python ----------------------------------------------------------------------------------------------


def _py_value(value: object) -> str:
    """A Python literal of a JSON value, with "$TABLE" (and the other kept ids) as the variable that holds it."""
    if isinstance(value, str) and value.startswith("$") and value[1:] in KEPT:
        return KEPT[value[1:]]
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_py_value(k)}: {_py_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_py_value(item) for item in value) + "]"
    return repr(value)


def _py_path(path: str) -> tuple[str, dict]:
    """The f-string of a path (kept ids as {table_id}...) and its query as params."""
    path, _, query = path.partition("?")
    for name, variable in KEPT.items():
        path = path.replace(f"${name}", "{" + variable + "}")
    return path.replace("{id}", "{new_id}"), dict(parse_qsl(query))


def python_example(method: str, op: dict) -> str:
    """A few lines of requests for the operation's example; the answer's status first in what it prints."""
    example = example_request(op)
    lines = []
    if example.get("fresh") == "table":
        lines.append('new_id = requests.post(f"{BASE}/tables", json={"name": "Grace", "party_size": 4}).json()["id"]')
    elif example.get("fresh") == "order":
        from mock_server.resources.order_model import ORDER_EXAMPLE

        lines.append(f'new_id = requests.post(f"{{BASE}}/orders", json={_py_value(ORDER_EXAMPLE)}).json()["id"]')
    if example.get("wait"):
        lines += ["import time", "", f"time.sleep({example['wait']})  # the kitchen cooks it first"]
    path, params = _py_path(example["path"])
    arguments = [f'f"{{BASE}}{path}"']
    if params:
        arguments.append(f"params={_py_value(params)}")
    headers = {name: repr(value) for name, value in example["headers"].items()}
    if example.get("auth") == "bearer":
        headers["Authorization"] = 'f"Bearer {token}"'
    if headers:
        arguments.append("headers={" + ", ".join(f"{name!r}: {value}" for name, value in headers.items()) + "}")
    if example.get("auth") == "basic":
        arguments.append(f"auth={_guest()!r}")
    if "body" in example:
        arguments.append(f"json={_py_value(example['body'])}")
    lines.append(f"r = requests.{method.lower()}({', '.join(arguments)})")
    status = str(example["status"])
    content = op["responses"].get(status, {}).get("content", {})
    lines.append("print(r.status_code, r.json())" if "application/json" in content else "print(r.status_code)")
    if example.get("keep"):
        lines.append(f'{KEPT[example["keep"]]} = r.json()["id"]  # for the next examples')
    elif example.get("auth") == "basic":
        lines.append('token = r.json()["access_token"]  # for the next examples')
    return "\n".join(lines)


# curl ------------------------------------------------------------------------------------------------


def _json_arg(body: object) -> str:
    """The body as one shell word; a "$TABLE" or "$ORDER" value becomes that variable's number."""
    quoted = shlex.quote(json.dumps(body, ensure_ascii=False))
    for name in KEPT:
        quoted = quoted.replace(f'"${name}"', f"'\"${name}\"'")
    return quoted


def curl_line(method: str, base: str, op: dict) -> str:
    """The operation's one curl command (POSIX shell); kept ids as $TABLE, $ORDER, $PAYMENT, $TOKEN, $ID."""
    example = example_request(op)
    path = example["path"].replace("{id}", "$ID")
    parts = ["curl", "-i"]
    if method != "GET":
        parts += ["-X", method]
    parts.append(f'"{base}{path}"' if "$" in path else shlex.quote(base + path))  # "$ORDER": the shell fills it in
    if example.get("auth") == "basic":
        parts += ["-u", ":".join(_guest())]
    if example.get("auth") == "bearer":
        parts += ["-H", '"Authorization: Bearer $TOKEN"']
    for name, value in example["headers"].items():
        parts += ["-H", shlex.quote(f"{name}: {value}")]
    if "body" in example:
        parts += ["-H", "'Content-Type: application/json'", "-d", _json_arg(example["body"])]
    return " ".join(parts)


def _capture(command: str, field: str) -> str:
    # write, not print: no line end at all, so no \r in the id where Python ends lines with \r\n (Windows, Git Bash)
    return f"{command} | python3 -c 'import json,sys; sys.stdout.write(str(json.load(sys.stdin)[\"{field}\"]))'"


def _show_and_keep(command: str, field: str) -> str:
    """Run ``command`` (curl -i), show its whole answer, and print ``field`` of its JSON body (the last line)."""
    return _capture(f"{command.replace('curl -i', 'curl -si', 1)} | tee /dev/stderr | tail -n 1", field)


def curl_script(method: str, base: str, op: dict) -> str:
    """The operation's curl command with the lines that make and keep the ids it needs, for pasting in order."""
    from mock_server.resources.order_model import ORDER_EXAMPLE

    example = example_request(op)
    lines = []
    if example.get("fresh") == "table":
        create = f"curl -s -X POST {base}/tables -H 'Content-Type: application/json' -d " + _json_arg(
            {"name": "Grace", "party_size": 4}
        )
        lines.append(f"ID=$({_capture(create, 'id')})")
    elif example.get("fresh") == "order":
        create = f"curl -s -X POST {base}/orders -H 'Content-Type: application/json' -d " + _json_arg(ORDER_EXAMPLE)
        lines.append(f"ID=$({_capture(create, 'id')})   # a new order: it can change only while received")
    if example.get("wait"):
        lines.append(
            f"sleep {example['wait']}   # the kitchen cooks it: ready about {example['wait'] - 1} s after ordering"
        )
    command = curl_line(method, base, op)
    if example.get("keep"):
        lines.append(f"{example['keep']}=$({_show_and_keep(command, 'id')})")
    elif example.get("auth") == "basic":
        lines.append(f"TOKEN=$({_show_and_keep(command, 'access_token')})")
    else:
        lines.append(command)
    return "\n".join(lines)


# PowerShell ------------------------------------------------------------------------------------------

_BARE = re.compile(r"[A-Za-z0-9_./:-]+")  # a word PowerShell passes on as it is, unquoted


def _ps_word(word: str) -> str:
    """One argument as PowerShell reads it: "$TABLE" inside double quotes, anything else plain or in single quotes."""
    if re.search(r"\$[A-Z]+\b", word):
        return f'"{word}"'  # the generator's words hold no `"`, `` ` `` or other `$` (the test checks)
    if _BARE.fullmatch(word):
        return word
    return "'" + word.replace("'", "''") + "'"


def _ps_body(body: object) -> str:
    """The body as a PowerShell string, ASCII only; a kept id ("$TABLE") is added to it with `+`."""
    text = json.dumps(body)  # \\u escapes: Windows PowerShell 5.1 pipes ASCII to a program
    pieces = re.split(r'"\$([A-Z]+)"', text)
    parts = [("$" + piece if index % 2 else "'" + piece.replace("'", "''") + "'") for index, piece in enumerate(pieces)]
    return "(" + " + ".join(part for part in parts if part != "''") + ")" if len(parts) > 1 else parts[0]


def powershell_line(method: str, base: str, op: dict) -> str:
    """The curl line for PowerShell: `curl.exe` (in Windows PowerShell `curl` is Invoke-WebRequest), the body
    piped in (`-d '@-'`): a `"` in an argument does not reach a program intact in Windows PowerShell 5.1."""
    example = example_request(op)
    words = ["-i"]
    if method != "GET":
        words += ["-X", method]
    words.append(base + example["path"].replace("{id}", "$ID"))
    if example.get("auth") == "basic":
        words += ["-u", ":".join(_guest())]
    if example.get("auth") == "bearer":
        words += ["-H", "Authorization: Bearer $TOKEN"]
    for name, value in example["headers"].items():
        words += ["-H", f"{name}: {value}"]
    command = "curl.exe " + " ".join(_ps_word(word) for word in words)
    if "body" not in example:
        return command
    return f"{_ps_body(example['body'])} | {command} -H {_ps_word('Content-Type: application/json')} -d '@-'"
