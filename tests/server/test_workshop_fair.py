"""Fair to every team: a cap on the requests one team has in its kitchen at once, whatever they are."""

from __future__ import annotations

import gzip
import json
import socket
import sys
import threading

import pytest

from kata.kitchen.live import LiveKitchen
from mock_server.admin.journal import Budget, Journal
from mock_server.serving.waitress_server import create_server
from mock_server.workshop import at_the_door, registry_of
from mock_server.workshop.budgets import ADDRESSES_KEPT, InFlight

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


def exchange(port: int, request: bytes, source: str = "127.0.0.1") -> tuple[bytes, bool]:
    """Send ``request`` (from ``source``, a laptop) and read until the server closes (True) or stays silent
    for a second (False)."""
    with socket.create_connection(("127.0.0.1", port), timeout=1, source_address=(source, 0)) as sock:
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


def test_an_address_is_full_only_while_every_team_seen_from_it_is():
    places = InFlight(per_team=2)
    assert not places.full_at("10.0.0.7")  # never seen: whatever comes is read
    places.seen("10.0.0.7", "ada")
    assert places.enter("ada") and not places.full_at("10.0.0.7")
    assert places.enter("ada") and places.full_at("10.0.0.7")
    places.seen("10.0.0.7", "bob")  # a second team at the same address, with its places free
    assert not places.full_at("10.0.0.7") and not places.full_at("10.0.0.8")
    places.leave("ada")
    for number in range(ADDRESSES_KEPT + 10):  # bounded, whoever sends from wherever
        places.seen(f"10.1.{number // 250}.{number % 250}", "ada")
    assert len(places._teams_at) == ADDRESSES_KEPT


def test_a_team_at_its_cap_is_answered_at_the_door_and_the_others_are_served():
    app = workshop_app()
    registry = registry_of(app)
    client = app.test_client()
    ada, bob = (client.post("/__workshop/teams", json={"name": n, "code": CODE}).get_json() for n in ("Ada", "Bob"))
    server = create_server(app, host="127.0.0.1", port=0, threads=2, at_the_door=at_the_door(app))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    room = LiveKitchen(server, thread, f"http://127.0.0.1:{server.effective_port}", app)
    menu = b"GET /menu HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Kata-Team-Token: %s\r\n\r\n"
    try:
        assert exchange(server.effective_port, menu % ada["token"].encode())[0].startswith(b"HTTP/1.1 200")
        tenant = registry.by_name("Ada").tenant
        for _ in range(registry.in_flight.per_team):  # Ada's places, all taken (her code's heavy GETs)
            assert registry.in_flight.enter(tenant)
        refused, closed = exchange(server.effective_port, menu % ada["token"].encode())
        head, _, body = refused.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 429") and b"Retry-After: 1" in head and closed
        assert json.loads(body)["detail"].startswith("Your team already has 8 requests in the kitchen at once")
        journal = app.extensions["mock_server.state.store"].state(tenant).journal
        assert [entry.path for entry in journal] == ["/menu"]  # refused at the door: the kitchen never saw it
        bobs = "127.0.0.2" if sys.platform.startswith("linux") else "127.0.0.1"  # Bob's laptop (all of 127/8: Linux)
        if bobs != "127.0.0.1":  # from Ada's address, Bob would be taken for her (one team a laptop: the docs)
            assert exchange(server.effective_port, menu % bob["token"].encode(), bobs)[0].startswith(b"HTTP/1.1 200")
        for _ in range(registry.in_flight.per_team):
            registry.in_flight.leave(tenant)
        assert exchange(server.effective_port, menu % ada["token"].encode())[0].startswith(b"HTTP/1.1 200")
    finally:
        room.stop()
