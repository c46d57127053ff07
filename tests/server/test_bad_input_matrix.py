"""The bad-input matrix: hundreds of hostile requests, each a 4xx problem+json that changes nothing.

Most go through Flask's test client (fast); the ones where the wire matters (huge headers, long URLs,
50 MB bodies, raw path tricks) go through a real waitress socket.
"""

from __future__ import annotations

import socket

import pytest

from kata.kitchen.live import LiveKitchen
from mock_server import create_app

from .conftest import CONFIG, snapshot

JSON = "application/json"
WRITES = [
    ("POST", "/tables"),
    ("POST", "/orders"),
    ("PUT", "/orders/{order}"),
    ("PATCH", "/orders/{order}"),
    ("POST", "/payments"),
    ("POST", "/reviews"),
    ("POST", "/__admin/faults"),
    ("POST", "/__admin/clock"),
    ("POST", "/__admin/state"),
]
SURROGATE, NUL = "\\ud800", "\\u0000"
BODIES = {
    # malformed JSON
    "truncated": b'{"name": "A",',
    "trailing comma": b'{"name": "A",}',
    "single quotes": b"{'name': 'A'}",
    "NaN": b'{"party_size": NaN}',
    "Infinity": b"Infinity",
    "minus Infinity": b'{"amount": -Infinity}',
    "two documents": b"{} {}",
    "extra brace": b'{"a": 1}}',
    "bare word": b"tru",
    "unterminated string": b'"abc',
    "missing colon": b'{"a" 1}',
    "latin-1 bytes": b'{"name": "caf\xe9"}',
    "utf-16": '{"name": "A"}'.encode("utf-16"),
    "NUL byte": b"\x00",
    "empty": b"",
    "only spaces": b"   \n\t ",
    "BOM": b'\xef\xbb\xbf{"name": "A"}',
    # deep and wide
    "deep arrays": b"[" * 5000 + b"]" * 5000,
    "deep objects": b'{"a":' * 3000 + b"1" + b"}" * 3000,
    "33 levels": b"[" * 33 + b"]" * 33,
    "wide array": b"[" + b"0," * 20_000 + b"0]",
    "many empty objects": b"[" + b"{}," * 100_000 + b"{}]",
    # wrong JSON types for the body
    "null": b"null",
    "true": b"true",
    "number": b"42",
    "string": b'"hello"',
    "array": b"[]",
    "empty object": b"{}",  # valid for POST /__admin/faults (disarms everything): see VALID
    # lone surrogates and control characters in every string field
    **{
        f"{kind} in {field}": ('{"' + field + '": "a' + char + 'b"}').encode()
        for kind, char in (("surrogate", SURROGATE), ("NUL", NUL), ("escape", "\\u001b"))
        for field in ("name", "notes", "text", "advance", "path")
    },
    "surrogate key": ('{"' + SURROGATE + '": 1}').encode(),
    # huge and odd numbers
    "1e400": b'{"party_size": 1e400, "amount": 1e400, "advance": 1e400}',
    "-1e400": b'{"party_size": -1e400}',
    "5000 digits": b'{"party_size": ' + b"9" * 5000 + b"}",
    "40 digits": b'{"table_id": ' + b"9" * 40 + b', "items": [{"dish_id": 1, "quantity": 1}]}',
    "tiny": b'{"amount": 1e-400}',
    "negative zero": b'{"party_size": -0, "amount": -0.0}',
    "float id": b'{"table_id": 1.5, "order_id": 1.5, "dish_id": 1.5}',
    # wrong field types
    "bool everywhere": b'{"name": true, "party_size": true, "items": true, "amount": true, "advance": true}',
    "objects everywhere": b'{"name": {}, "party_size": {}, "items": {}, "notes": {}, "open": {}}',
    "typo field": b'{"nmae": "A", "party_sise": 2}',
    "200 unknown fields": ("{" + ",".join(f'"f{n}": {n}' for n in range(200)) + "}").encode(),
    "long key": ('{"' + "k" * 100_000 + '": 1}').encode(),
    "duplicate keys": b'{"name": "A", "name": "B", "party_size": 99}',
    "2 MB": b'{"notes": "' + b"x" * (2 * 1024 * 1024) + b'"}',
}
VALID = {("/__admin/faults", "empty object")}  # bodies above that one endpoint rightly accepts
CONTENT_TYPES = {
    "text/plain": "text/plain",
    "form": "application/x-www-form-urlencoded",
    "none": None,
    "json-patch": "application/json-patch+json",
    "multipart": "multipart/form-data; boundary=x",
    "json in a parameter": "text/plain; type=application/json",
}


@pytest.fixture
def kitchen(client, order, token):
    """(client, state snapshot function, ids) of a kitchen with a table, an order and a token."""
    return {"order": order["id"], "token": token}


def send(client, method, path, kitchen, **kwargs):
    headers = kwargs.pop("headers", {})
    if path == "/reviews":
        headers["Authorization"] = f"Bearer {kitchen['token']}"
    return client.open(path.format(**kitchen), method=method, headers=headers, **kwargs)


def assert_refused(response, state, before):
    __tracebackhide__ = True
    assert 400 <= response.status_code < 500, (response.status_code, response.get_data(as_text=True)[:300])
    assert response.mimetype == "application/problem+json", response.get_data(as_text=True)[:300]
    body = response.get_json()
    assert {"type", "title", "status", "detail", "hint"} <= set(body) and body["status"] == response.status_code
    assert snapshot(state) == before, "a refused request changed the kitchen"


@pytest.mark.parametrize("name", BODIES)
@pytest.mark.parametrize("method, path", WRITES, ids=[f"{m} {p}" for m, p in WRITES])
def test_bad_bodies(client, state, kitchen, method, path, name):
    before = snapshot(state)
    response = send(client, method, path, kitchen, data=BODIES[name], content_type=JSON)
    if (path, name) in VALID:
        assert response.status_code == 200
    else:
        assert_refused(response, state, before)


@pytest.mark.parametrize("name", CONTENT_TYPES)
@pytest.mark.parametrize("method, path", WRITES, ids=[f"{m} {p}" for m, p in WRITES])
def test_wrong_content_types(client, state, kitchen, method, path, name):
    before = snapshot(state)
    headers = {"Content-Type": CONTENT_TYPES[name]} if CONTENT_TYPES[name] else {}
    response = send(client, method, path, kitchen, data=b'{"name": "A"}', headers=headers)
    assert response.status_code == 415
    assert_refused(response, state, before)


READS = [
    "/menu?category=pizza&category=main",
    "/menu?max_price=1e400",
    "/menu?max_price=nan",
    "/menu?max_price=-1",
    "/menu?vegetarian=yes",
    "/menu?sort=random",
    "/menu?category=%ED%A0%80",
    "/menu?category=%00",
    "/menu?" + "a=1&" * 500,
    "/reviews?cursor=zz",
    "/reviews?cursor=" + "f" * 200,
    "/reviews?limit=-1",
    "/reviews?limit=0",
    "/reviews?limit=1e3",
    "/reviews?limit=" + "9" * 50,
    "/orders?table_id=" + "9" * 50,
    "/orders?status=cooked",
    "/orders?table_id=-1",
    "/payments?order_id=x",
    "/kitchen/specials?delay=11",
    "/kitchen/specials?delay=inf",
    "/kitchen/specials?delay=1&delay=2",
    "/tables?page=2",
    "/orders/abc",
    "/orders/%F0%9F%8D%95",
    "/orders/" + "9" * 19,
    "/orders/1.0",
    "/orders/-1",
    "/orders/0x1",
    "/tables/%00",
    "/tables/1%2F2",
    "/menu/%ED%A0%80",
    "/menu/99",
    "/menu/00000000000000000001",
    "/reviews/0",
    "/payments/1e3",
    "/guests/%ED%A0%80/bill",
    "/problems/%2e%2e",
    "/nowhere",
    "/menu/",
    "/orders/1/serve/extra",
    "/" + "x" * 5000,
    "/%ff%fe",
    "/__admin/nothing",
    "/openapi.json?x=1",
]


@pytest.mark.parametrize("path", READS)
def test_bad_reads(client, state, kitchen, path):
    before = snapshot(state)
    assert_refused(client.get(path), state, before)


def _routes():
    app = create_app(CONFIG)
    methods: dict[str, set] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static":
            methods.setdefault(rule.rule.replace("<", "{").replace(">", "}"), set()).update(rule.methods)
    return [
        (method, path)
        for path, allowed in methods.items()
        for method in sorted({"GET", "POST", "PUT", "PATCH", "DELETE"} - allowed)
    ]


@pytest.mark.parametrize("method, path", _routes())
def test_wrong_verbs(client, state, kitchen, method, path):
    before = snapshot(state)
    filled = path.format(
        order_id=kitchen["order"], table_id=1, dish_id=1, review_id=1, payment_id=1, username="ada", slug="not-found"
    )
    response = client.open(filled, method=method, json={})
    assert response.status_code == 405 and response.headers["Allow"]
    assert_refused(response, state, before)


HEADERS = {
    "bearer without token": {"Authorization": "Bearer"},
    "basic instead of bearer": {"Authorization": "Basic YWRhOmxvdmVsYWNl"},
    "unknown token": {"Authorization": "Bearer nope"},
    "latin-1 token": {"Authorization": "Bearer caf\xe9"},
    "two idempotency keys": {"Idempotency-Key": "a, b"},
    "empty idempotency key": {"Idempotency-Key": ""},
    "quoted empty key": {"Idempotency-Key": '""'},
    "foreign origin": {"Origin": "https://evil.example"},
    "null origin": {"Origin": "null"},
    "foreign host": {"Host": "evil.example"},
    "rebinding host": {"Host": "127.0.0.1.nip.io:8000"},
}


# Reset reads no body and no credentials: only a foreign Origin or Host can refuse it.
BAD_HEADER_CASES = [
    (path, name)
    for path in ["/payments", "/reviews", "/tables", "/__admin/reset"]
    for name in HEADERS
    if path != "/__admin/reset" or "Origin" in HEADERS[name] or "Host" in HEADERS[name]
]


@pytest.mark.parametrize(("path", "name"), BAD_HEADER_CASES)
def test_bad_headers(client, state, kitchen, path, name):
    before = snapshot(state)
    body = {"order_id": kitchen["order"], "amount": 0.01}
    response = client.post(path, json=body, headers=HEADERS[name])
    assert_refused(response, state, before)


# Through a real socket --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served():
    kitchen = LiveKitchen.start(CONFIG)
    yield kitchen.app, int(kitchen.url.rsplit(":", 1)[1])
    kitchen.stop()


def exchange(port, raw: bytes) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            sock.sendall(raw)
            sock.shutdown(socket.SHUT_WR)  # all sent: a server waiting for more sees the end
        except OSError:  # EPIPE, ECONNRESET, ENOTCONN: the server answered and closed before it read it all
            pass
        answer = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except OSError:  # a reset after the answer, or a timeout
                break
            if not chunk:
                break
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0]
    return (int(head.split(b" ", 2)[1]) if head else 0), head  # 0: closed without an answer


def request(method: str, target: str, headers: str = "", body: bytes = b"") -> bytes:
    length = f"Content-Length: {len(body)}\r\n" if body else ""
    return (
        f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}{length}Connection: close\r\n\r\n".encode() + body
    )


WIRE = {
    "huge header": request("GET", "/menu", "X-Big: " + "x" * 300_000 + "\r\n"),
    "many headers": request("GET", "/menu", "".join(f"X-{n}: {n}\r\n" for n in range(5000))),
    "long URL": request("GET", "/menu?category=" + "x" * 100_000),
    "long path": request("GET", "/" + "a" * 100_000),
    "dot segments": request("GET", "/menu/../__admin/journal/../../tables"),
    "double slash": request("GET", "//menu"),
    "absolute form": request("GET", "http://evil.example/menu"),
    "percent-encoded slash": request("GET", "/orders%2F1"),
    "raw latin-1 path": request("GET", "/men\xe9".encode("latin-1").decode("latin-1")),
    "NUL in path": b"GET /menu\x00 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    "two Content-Types": request(
        "POST",
        "/tables",
        "Content-Type: application/json\r\nContent-Type: text/plain\r\n",
        b'{"name": "A", "party_size": 2}',
    ),
    "two Hosts": b"GET /menu HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    "no Host": b"GET /menu HTTP/1.1\r\nConnection: close\r\n\r\n",
    "50 MB body": request("POST", "/orders", "Content-Type: application/json\r\n", b"[" * (50 * 1024 * 1024)),
    "chunked 2 MB": (
        b"POST /orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n200000\r\n" + b"[" * 0x200000 + b"\r\n0\r\n\r\n"
    ),
    "lying Content-Length": b"POST /tables HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    b"Content-Length: 5\r\nConnection: close\r\n\r\n{}",
    "bad method": request("BREW", "/menu"),
    "lower-case method": request("get", "/menu"),
}


SERVED = ("dot segments", "double slash", "lower-case method", "absolute form", "many headers")  # odd, but fine


@pytest.mark.parametrize("name", WIRE)
def test_on_the_wire(served, name):
    app, port = served
    state = app.extensions["mock_server.state.store"].state()
    before = snapshot(state)
    status, head = exchange(port, WIRE[name])
    if name == "lying Content-Length":  # the body never comes: the server may close without an answer
        assert status in (0, 400), head[:300]
    else:
        assert 400 <= status < 500 or name in SERVED, head[:300]
    assert status < 500, head[:300]
    kitchen_answered = b"problem+json" in head or b"application/json" in head or b"text/html" in head
    if status >= 400 and kitchen_answered:
        assert b"application/problem+json" in head, head[:300]
    assert snapshot(state) == before
