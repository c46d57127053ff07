"""The HTML docs page at / and the pages of /problems/<slug> (``openapi`` serves them).

The page is generated from the spec (``openapi.operations()``, handed in), so the endpoint
list is written once. It works offline: inline CSS, no scripts, no fonts.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from mock_server.contract.declare import JSON
from mock_server.contract.problems import PROBLEMS, ProblemType
from mock_server.contract.schema import MODELS
from mock_server.docs.examples import PYTHON_START, curl_line, curl_script, powershell_line, python_example
from mock_server.state.data import GUESTS

CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#222;background:#fffdf8}
h1{font-size:2rem;margin-bottom:0}h2{border-bottom:2px solid #e8dcc8;padding-bottom:.2rem;margin-top:2.5rem}
.lede{color:#555;margin-top:.2rem}.story{background:#f6efe2;border-radius:8px;padding:.8rem 1.2rem}
.op{border:1px solid #e8dcc8;border-radius:8px;padding:.6rem 1rem;margin:1rem 0;background:#fff}
.op h3{font-size:1.05rem;margin:.2rem 0}.verb{display:inline-block;min-width:4.2rem;font:bold .8rem monospace;
text-align:center;border-radius:4px;padding:.1rem .3rem;color:#fff;margin-right:.4rem}
.GET{background:#2f7d4f}.POST{background:#2f5f9d}.PUT{background:#8a5a12}.PATCH{background:#7a4d9a}
.DELETE{background:#a33a2a}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88rem}
pre{background:#2b2b2b;color:#f3f3f3;padding:.6rem .8rem;border-radius:6px;overflow-x:auto;white-space:pre-wrap;
overflow-wrap:anywhere;margin:.3rem 0 .8rem}code{overflow-wrap:anywhere}
.lang{font-size:.8rem;color:#666;margin:.4rem 0 0}nav ol{padding-left:1.4rem}nav li{margin:.3rem 0}
nav .eps{font-size:.85rem;color:#555}nav .eps a{white-space:nowrap}
.codes{color:#555;font-size:.9rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #e8dcc8;
padding:.25rem .6rem;text-align:left;vertical-align:top}
"""

STORY = """
<div class="story">
<p><strong>You are the client.</strong> You sit at a table and ask for things: that is an HTTP
<em>request</em>, made with <code>requests</code>.</p>
<p><strong>The API is the waiter.</strong> It knows the menu (the endpoints below), takes your order to the
kitchen and brings back an answer: a <em>status code</em> (201: your order is in; 404: no such dish;
409: too late, it is cooking), some <em>headers</em> and usually a JSON <em>body</em>.</p>
<p><strong>The server is the kitchen.</strong> You never walk in. Orders take time to cook
(<code>received</code> &rarr; <code>cooking</code> &rarr; <code>ready</code>), so you ask again now and then.
When something goes wrong the waiter says so in a <em>problem</em> (application/problem+json) with a
<code>hint</code> for you.</p>
</div>
"""


def _inline_code(text: str) -> str:
    """Escaped text with `backtick spans` as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text)))


def _operation_html(method: str, path: str, op: dict, base: str) -> str:
    codes = ", ".join(code for code in op["responses"])
    anchor = op["operationId"]
    parts = [
        f'<div class="op" id="{escape(anchor)}"><h3><span class="verb {method}">{method}</span>'
        f"<code>{escape(path)}</code> &mdash; {escape(op['summary'])}</h3>"
    ]
    if op.get("description"):
        parts.append(f"<p>{_inline_code(op['description'])}</p>")
    if "requestBody" in op:
        schema = op["requestBody"]["content"][JSON]["schema"]["$ref"].rsplit("/", 1)[-1]
        fields = MODELS[schema]["properties"]
        required = set(MODELS[schema]["required"])
        names = ", ".join(f"<code>{escape(name)}</code>{'' if name in required else ' (optional)'}" for name in fields)
        parts.append(f"<p>JSON body: {names}.</p>")
    parts.append(f'<p class="codes">Answers: {escape(codes)}.</p>')
    if "x-example" in op:
        parts.append(f"<p class='lang'>Python</p><pre class='py'>{escape(python_example(method, op))}</pre>")
        parts.append(
            f"<p class='lang'>curl (POSIX shell)</p><pre class='sh'>{escape(curl_line(method, base, op))}</pre>"
            f"<p class='lang'>curl in PowerShell</p><pre class='ps'>{escape(powershell_line(method, base, op))}</pre>"
        )
    parts.append("</div>")
    return "".join(parts)


def _tag_id(name: str) -> str:
    return "tag-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _contents(document: dict, operations: list[tuple[str, str, dict]]) -> str:
    items = ["<li><a href='#start'>How to read this menu</a></li>"]
    for tag in document["tags"]:
        links = " &middot; ".join(
            f"<a href='#{escape(op['operationId'])}'>{method} {escape(path)}</a>"
            for method, path, op in operations
            if op["tags"][0] == tag["name"]
        )
        items.append(
            f"<li><a href='#{_tag_id(tag['name'])}'>{escape(tag['name'])}</a>: {escape(tag['description'])}"
            f"<br><span class='eps'>{links}</span></li>"
        )
    items += [
        "<li><a href='#all-curl'>Every curl example as one script</a></li>",
        "<li><a href='#problems'>Problem types</a></li>",
    ]
    return "<nav id='contents'><h2>Contents</h2><ol>" + "".join(items) + "</ol></nav>"


def render_page(base: str, document: dict, operations: list[tuple[str, str, Any]]) -> str:
    """The docs page of ``document``, its ``operations`` in docs order, with examples for a kitchen at ``base``."""
    sections: dict[str, list[str]] = {tag["name"]: [] for tag in document["tags"]}
    for method, path, op in operations:
        sections[op["tags"][0]].append(_operation_html(method, path, op, base))
    guests = ", ".join(f"<code>{escape(name)}</code> / <code>{escape(pw)}</code>" for name, (pw, _) in GUESTS.items())
    body = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>The Restaurant API</title><style>{CSS}</style></head><body>",
        "<h1>The Restaurant API</h1>",
        f"<p class='lede'>{escape(document['info']['summary'])} Served at <code>{escape(base)}/</code>; "
        "machine-readable spec: <a href='/openapi.json'>/openapi.json</a> (OpenAPI 3.1).</p>",
        _contents(document, operations),
        STORY,
        "<h2 id='start'>How to read this menu</h2><p>Every endpoint below has an example in Python, with "
        "<code>requests</code> as in the exercises, then the same request with <code>curl</code>. Start Python "
        "(<code>python</code>, or <code>py</code> on Windows) and type these first:</p>"
        f"<pre class='py'>{escape(PYTHON_START.format(base=base))}</pre>"
        "<p>then paste the examples <em>in order</em>, on a fresh kitchen (<code>kata serve</code>, or after "
        "<code>POST /__admin/reset</code>): <code>POST /tables</code> keeps the new table's id in "
        "<code>table_id</code>, <code>POST /orders</code> the order's in <code>order_id</code>, "
        "<code>POST /auth/token</code> the token in <code>token</code>, and the later examples use them.</p>"
        "<p>Each curl line comes twice: for a POSIX shell (bash, zsh, the macOS Terminal, Git Bash on Windows), "
        "then for PowerShell, where it calls <code>curl.exe</code> (in Windows PowerShell <code>curl</code> is "
        "another command) and pipes the JSON body in. Both name the ids the same way, as <code>$TABLE</code>, "
        "<code>$ORDER</code>, <code>$PAYMENT</code>, <code>$TOKEN</code> and <code>$ID</code> (a table or an "
        "order made to be changed or removed): set each to what the kitchen answered (<code>TABLE=4</code> in "
        "a POSIX shell, <code>$TABLE = 4</code> in PowerShell), or, in a POSIX shell, paste "
        "<a href='#all-curl'>the script at the end</a>, which keeps them for you. "
        f"Demo guests: {guests}. Errors are "
        "<code>application/problem+json</code> with <code>type</code>, <code>title</code>, <code>status</code>, "
        "<code>detail</code> and a <code>hint</code>; every endpoint except the docs and <code>/__admin/</code> "
        "may answer 429 or 503 with <code>Retry-After</code>; a wrong verb gets 405 with "
        "<code>Allow</code>.</p>",
    ]
    for tag in document["tags"]:
        body.append(f"<h2 id='{_tag_id(tag['name'])}'>{escape(tag['name'])}</h2><p>{escape(tag['description'])}</p>")
        body.extend(sections[tag["name"]])
    script = "\n".join(curl_script(method, base, op) for method, _, op in operations if "x-example" in op)
    body.append(
        "<h2 id='all-curl'>Every curl example as one script</h2><p>For a POSIX shell with curl and python3, on a "
        "fresh kitchen: it keeps each id in a shell variable (<code>TABLE=$(curl ... | python3 -c ...)</code>) "
        "for the examples after it.</p>"
        f"<details><summary>Show the script</summary><pre class='sh' id='script'>{escape(script)}</pre></details>"
    )
    body.append("<h2 id='problems'>Problem types</h2><table><tr><th>type</th><th>status</th><th>meaning</th></tr>")
    for slug, kind in PROBLEMS.items():
        body.append(
            f"<tr><td><a href='/problems/{slug}'><code>/problems/{slug}</code></a></td>"
            f"<td>{kind.status}</td><td>{escape(kind.explanation)}</td></tr>"
        )
    body.append("</table></body></html>")
    return "\n".join(body)


def problem_html(kind: ProblemType) -> str:
    """The page about one problem type (``/problems/<slug>``)."""
    page = Markup(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title><style>{css}</style>"
        "</head><body><h1>{title}</h1><p>Status {status}. {explanation}</p><p><strong>Hint:</strong> {hint}</p>"
        "<p><a href='/#problems'>All problem types</a></p></body></html>"
    ).format(title=kind.title, css=Markup(CSS), status=kind.status, explanation=kind.explanation, hint=kind.hint)
    return str(page)
