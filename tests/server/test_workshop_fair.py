"""Fair to every team: a cap on the requests one team has in its kitchen at once, whatever they are."""

from __future__ import annotations

import gzip
import socket

import pytest

from mock_server.admin.journal import Budget, Journal
from mock_server.workshop import registry_of

from .conftest import assert_problem
from .test_workshop import CODE, workshop_app
from .test_workshop_slow_clients import Served


def test_a_team_past_its_requests_at_once_gets_a_429_and_others_are_served():
    client = workshop_app().test_client()
    registry = registry_of(client.application)
    ada, bob = (client.post("/__workshop/teams", json={"name": n, "code": CODE}).get_json() for n in ("Ada", "Bob"))
    tenant = registry.by_name("Ada").tenant
    for _ in range(registry.in_flight.per_team):  # Ada's places, all taken (say, by heavy GETs being sent)
        assert registry.in_flight.enter(tenant)
    refused = client.get("/menu", headers={"X-Kata-Team-Token": ada["token"]})
    assert (
        f"at most {registry.in_flight.per_team}" in assert_problem(refused, 429)["detail"]
        and refused.headers["Retry-After"] == "1"
    )
    assert client.get("/menu", headers={"X-Kata-Team-Token": bob["token"]}).status_code == 200
    registry.in_flight.leave(tenant)
    assert client.get(f"/t/{ada['token']}/menu").status_code == 200


def test_every_answer_gives_its_place_back_once_sent():
    client = workshop_app().test_client()
    registry = registry_of(client.application)
    ada = client.post("/__workshop/teams", json={"name": "Ada", "code": CODE}).get_json()
    headers = {"X-Kata-Team-Token": ada["token"]}
    for path in ("/menu", "/orders", "/nowhere", "/__admin/journal"):
        client.get(path, headers=headers)
    client.post("/orders", data="{not json", headers={**headers, "Content-Type": "application/json"})
    assert registry.in_flight._count == {}


@pytest.mark.parametrize("coding", ["gzip", "br", "identity, gzip", "x-made-up"])
@pytest.mark.parametrize("path", ["/orders", "/__workshop/reports"])
def test_a_body_in_a_coding_the_kitchen_does_not_apply_is_a_415(path, coding):
    client = workshop_app().test_client()
    ada = client.post("/__workshop/teams", json={"name": "Ada", "code": CODE}).get_json()
    body = gzip.compress(b'{"table_id": 1, "items": []}')
    headers = {"X-Kata-Team-Token": ada["token"], "Content-Encoding": coding, "Content-Type": "application/json"}
    refused = client.post(path, data=body, headers=headers)
    assert coding in assert_problem(refused, 415)["detail"]
    assert refused.headers["Accept-Encoding"] == "identity"


def test_identity_is_the_body_as_it_is(client):
    answer = client.get("/menu", headers={"Content-Encoding": "identity"})
    assert answer.status_code == 200


def exchange(port: int, request: bytes) -> tuple[bytes, bool]:
    """Send ``request`` and read until the server closes (True) or stays silent for a second (False)."""
    with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            return b"".join(chunks), False
        except ConnectionResetError:
            pass
    return b"".join(chunks), True


BODY = b'{"table_id": 1, "items": [{"dish_id": 11, "quantity": 1}]}'
CHUNKED = b"%x\r\n%s\r\n0\r\n\r\n" % (len(BODY), BODY)


@pytest.mark.parametrize(
    "framing",
    [
        b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n" % len(CHUNKED),
        b"Transfer-Encoding: chunked\r\ncontent-length: 5\r\n",
        b"Transfer-Encoding: chunked, chunked\r\n",
        b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
    ],
    ids=["cl-then-te", "te-then-cl", "chunked-twice", "two-te-headers"],
)
def test_ambiguous_framing_is_a_400_and_the_connection_closes(framing):
    served = Served()
    try:
        head = b"POST /orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        then = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"  # a second request on the same connection
        answer, closed = exchange(served.port, head + framing + b"\r\n" + CHUNKED + then)
    finally:
        served.stop()
    assert answer.split(b"\r\n", 1)[0].split()[1] == b"400" and b"Ambiguous message framing" in answer, answer
    assert closed and answer.count(b"HTTP/1.") == 1  # the second request was never read


def test_plain_chunked_is_still_served():
    served = Served()
    try:
        head = b"POST /orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
        answer, _ = exchange(served.port, head + b"Transfer-Encoding: chunked\r\n\r\n" + CHUNKED)
    finally:
        served.stop()
    assert b"there is no table 1" in answer, answer[:300]  # the body was read whole, and judged


def test_each_journal_keeps_its_fair_share_whatever_the_others_do():
    budget = Budget(3000)  # an entry below costs 300: ten entries for the room
    greedy, late, later = (Journal(1000, 10_000, budget) for _ in range(3))
    for number in range(50):
        greedy.append("x" * 99 + str(number % 10))
    assert len(greedy) == 10 and budget.used == 3000  # alone, it may use the whole room
    for _ in range(20):
        late.append("y" * 100)
    assert len(late) == 3 and late.bytes <= budget.fair_share()  # its share (1000 bytes: 3 entries), taken
    later.append("z" * 100)
    assert len(later) == 1 and budget.used <= 3000
    assert greedy.bytes >= later.bytes  # taken from the largest first
    greedy.clear()
    late.clear()
    later.clear()
    assert budget.used == 0
