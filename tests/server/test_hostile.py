"""Each defect of issue 14, one test apiece: hostile input gets a clear 4xx and changes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from mock_server import create_app
from mock_server.resources import payments

from .conftest import CONFIG, advance, assert_problem, snapshot

JSON = "application/json"
READERS = ["/tables", "/orders", "/reviews", "/__admin/faults", "/__admin/journal", "/payments"]


@pytest.mark.parametrize(
    "path, body",
    [
        ("/tables", '{"name": "A\\ud800", "party_size": 2}'),
        ("/tables", '{"name": "A\\u0000B", "party_size": 2}'),
        ("/orders", '{"table_id": 1, "items": [{"dish_id": 1, "quantity": 1}], "notes": "\\udfff"}'),
        ("/orders", '{"table_id": 1, "items": [{"dish_id": 1, "quantity": 1}], "notes": "bell\\u0007"}'),
        ("/__admin/faults", '{"next": [{"status": 503, "path": "/\\ud800"}]}'),
        ("/__admin/faults", '{"next": [{"status": 503, "method": "G\\ud800T"}]}'),
    ],
)
def test_lone_surrogates_and_control_characters_are_refused_and_every_reader_answers(client, table, path, body):
    response = client.post(path, data=body, content_type=JSON)
    errors = assert_problem(response, 422)["errors"]
    assert any("surrogate" in error["message"] or "control" in error["message"] for error in errors), errors
    for reader in READERS:
        assert client.get(reader).status_code == 200, reader


def test_a_surrogate_that_got_stored_anyway_does_not_break_its_readers(client, state, table):
    with state.lock:
        state.tables[table]["name"] = "\ud800"
    response = client.get("/tables")
    assert response.status_code == 200 and json.loads(response.data)["items"][0]["name"] == "\ud800"
    client.post("/orders", data='{"notes": "\\ud800"', content_type=JSON)  # journaled, raw
    client.post("/nowhere", data='["\\ud800"]', content_type=JSON)
    assert client.get("/__admin/journal").status_code == 200


def test_tab_and_line_breaks_are_fine_in_notes(client, table):
    body = {"table_id": table, "items": [{"dish_id": 1, "quantity": 1}], "notes": "no onions\n\tplease"}
    assert client.post("/orders", json=body).status_code == 201


@pytest.mark.parametrize("path", ["/orders", "/tables", "/payments", "/__admin/faults", "/menu", "/nowhere"])
def test_deep_json_is_a_400_and_the_journal_still_answers(client, path):
    deep = "[" * 5000 + "]" * 5000
    response = client.post(path, data=deep, content_type=JSON)
    assert response.status_code in (400, 404, 405) and response.mimetype == "application/problem+json"
    if path in ("/orders", "/tables", "/payments", "/__admin/faults"):
        assert "nested more than" in assert_problem(response, 400)["detail"]
    journal = client.get("/__admin/journal")
    assert journal.status_code == 200
    assert all(entry["json"] is None for entry in journal.get_json()["entries"])  # admin calls are not journaled


def test_json_nested_as_deep_as_allowed_is_read(client):
    from mock_server.contract.validation import MAX_DEPTH, parse_json

    assert parse_json(("[" * MAX_DEPTH + "]" * MAX_DEPTH).encode()) is not None
    with pytest.raises(ValueError):
        parse_json(("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)).encode())
    assert parse_json(b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}') == {"a": "[" * 40}  # text, not nesting


def rss_mib() -> float:
    from pathlib import Path

    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("resident memory is read from /proc (Linux)")
    line = next(line for line in status.read_text().splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def test_twenty_bodies_of_one_mib_grow_memory_under_40_mib(client):
    body = ("[" + ",".join(["{}"] * (1024 * 1024 // 3 - 1)) + "]").encode()
    assert 1000_000 < len(body) <= 1024 * 1024
    client.post("/nowhere", data=body, content_type=JSON)  # warm up
    before = rss_mib()
    for _ in range(20):
        client.post("/orders", data=body, content_type=JSON)
        client.post("/nowhere", data=body, content_type=JSON)
    grown = rss_mib() - before
    print(f"40 bodies of 1 MiB: resident memory grew {grown:.1f} MiB")
    assert grown < 40
    last = client.get("/__admin/journal").get_json()["entries"][-1]
    assert last["truncated"] is True and last["size"] == len(body) and len(last["body"]) == 10_000


def test_the_journal_is_bounded_in_bytes(app, client, state):
    app.config["JOURNAL_BYTES"] = 100_000
    state.reset()
    for number in range(50):
        client.post("/nowhere", data="x" * 10_000, content_type="text/plain", headers={"X-N": str(number)})
    assert state.journal.bytes <= 100_000 and 5 <= len(state.journal) < 50
    assert client.get("/__admin/journal").get_json()["entries"][-1]["headers"]["X-N"] == "49"


def test_the_kitchens_of_a_workshop_share_one_journal_budget():
    from mock_server.admin.journal import Budget, Journal, JournalEntry

    budget = Budget(50_000)
    first, second = Journal(1000, 40_000, budget), Journal(1000, 40_000, budget)
    entry = JournalEntry("POST", "/x", "", [], b"x" * 5_000, 5_000, "", 200, 0.0, False)
    for _ in range(20):
        first.append(entry)
        second.append(entry)
    assert budget.used <= 50_000 and first.bytes + second.bytes == budget.used
    first.clear()
    assert budget.used == second.bytes


def test_a_full_collection_is_a_409_that_says_so(client, monkeypatch):
    from mock_server.state import caps

    monkeypatch.setitem(caps.LIMITS, "tables", 2)
    for _ in range(2):
        client.post("/tables", json={"name": "A", "party_size": 2})
    body = assert_problem(client.post("/tables", json={"name": "A", "party_size": 2}), 409)
    assert body["type"] == "/problems/limit-reached" and "/__admin/reset" in body["hint"]


def test_tokens_expire_and_are_capped(client, state, monkeypatch):
    from mock_server.state import caps

    monkeypatch.setitem(caps.LIMITS, "tokens", 3)
    for _ in range(5):
        client.post("/auth/token", auth=("ada", "lovelace"))
    assert len(state.tokens) == 3
    advance(client, 3601)
    client.post("/auth/token", auth=("ada", "lovelace"))
    assert len(state.tokens) == 1


def test_a_paid_order_cannot_be_cancelled(client, order):
    assert client.post("/payments", json={"order_id": order["id"], "amount": order["total"]}).status_code == 201
    body = assert_problem(client.delete(f"/orders/{order['id']}"), 409)
    assert "paid" in body["detail"] and body["hint"]


def test_a_cancelled_order_cannot_be_paid(client, order):
    assert client.delete(f"/orders/{order['id']}").status_code == 204
    body = assert_problem(client.post("/payments", json={"order_id": order["id"], "amount": order["total"]}), 409)
    assert "cancelled" in body["detail"] and body["hint"]


@pytest.mark.parametrize("amount", [0.01, 21.49, 21.51, 100.0])
def test_a_payment_must_match_what_is_owed(client, state, order, amount):
    before = snapshot(state)
    errors = assert_problem(client.post("/payments", json={"order_id": order["id"], "amount": amount}), 422)["errors"]
    assert errors == [{"field": "amount", "message": f"must be what order {order['id']} still owes: 21.5"}]
    assert snapshot(state) == before


def test_a_table_with_open_orders_cannot_be_left(client, table, order):
    assert "open orders" in assert_problem(client.delete(f"/tables/{table}"), 409)["detail"]
    advance(client, 8)
    assert client.post(f"/orders/{order['id']}/serve").status_code == 200
    assert client.delete(f"/tables/{table}").status_code == 204


def pay(client, order, *keys, token=None):
    headers = [("Idempotency-Key", key) for key in keys]
    if token:
        headers.append(("Authorization", f"Bearer {token}"))
    return client.post("/payments", json={"order_id": order["id"], "amount": order["total"]}, headers=headers)


@pytest.mark.parametrize("keys", [("a", "b"), ("a, b",), ("a", "a")])
def test_two_idempotency_keys_are_a_400(client, state, order, keys):
    before = snapshot(state)
    assert "exactly one key" in assert_problem(pay(client, order, *keys), 400)["detail"]
    assert snapshot(state) == before


def test_a_quoted_key_and_a_bare_key_are_the_same_key(client, order):
    first = pay(client, order, '"pay-1"')
    replay = pay(client, order, "pay-1")
    assert first.status_code == replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"


@pytest.mark.parametrize(("key", "status"), [('"a,b"', 201), ("a,b", 400), ('""', 400), ('"open', 400), ('a"b', 201)])
def test_a_key_is_one_bare_value_or_one_quoted_string_as_its_spec_pattern_says(client, order, key, status):
    """The server's rule and the spec's pattern are one (KEY_PATTERN): a comma is a list unless it is quoted."""
    from mock_server.resources.payments import KEY_RULE

    assert bool(KEY_RULE.fullmatch(key)) == (status == 201)
    assert pay(client, order, key).status_code == status


def test_a_key_is_scoped_to_its_client(client, order, token):
    assert pay(client, order, "k", token=token).status_code == 201
    other = pay(client, order, "k")  # no token: another client's key, so a new payment (refused: paid already)
    assert_problem(other, 409)
    assert "Idempotent-Replayed" not in other.headers


def test_a_key_expires_after_24_hours_of_kitchen_time(client, state, order):
    assert pay(client, order, "k").status_code == 201
    advance(client, 24 * 3600 + 1)
    assert_problem(pay(client, order, "k"), 409)  # forgotten: a new payment, and the order is paid already
    assert state.idempotency == {}


def test_the_same_key_while_the_first_is_in_flight_is_a_409(app, client, order, monkeypatch):
    started, release = threading.Event(), threading.Event()
    charge = payments.charge

    def slow_charge(*args):
        started.set()
        release.wait(5)
        return charge(*args)

    monkeypatch.setattr(payments, "charge", slow_charge)
    answers = []
    first = threading.Thread(target=lambda: answers.append(pay(app.test_client(), order, "k")))
    first.start()
    assert started.wait(5)
    body = assert_problem(pay(client, order, "k"), 409)
    release.set()
    first.join(5)
    assert "still being charged" in body["detail"] and answers[0].status_code == 201


def test_an_unquoted_if_none_match_is_not_a_match(client):
    etag = client.get("/menu").headers["ETag"]
    assert client.get("/menu", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/menu", headers={"If-None-Match": etag.strip('"')}).status_code == 200
    assert client.get("/menu", headers={"If-None-Match": f'"x", W/{etag}'}).status_code == 304


@pytest.mark.parametrize("path", ["/tables?page=2", "/orders?page=2", "/kitchen/queue?x=1", "/health?x=1", "/me?a=b"])
def test_unknown_query_parameters_are_a_400_on_every_route(client, path):
    assert "Unknown query parameter" in assert_problem(client.get(path), 400)["detail"]


@pytest.mark.parametrize("value, status", [("1", 200), ("1.0", 200), ("1.5", 400), ("-1", 400), ("1e0", 400)])
def test_a_whole_number_in_the_query_is_read_as_json_schema_reads_it(client, value, status):
    """The spec says `integer`, and JSON Schema's integers include 1.0 (schemathesis sends it): the same number."""
    response = client.get(f"/orders?table_id={value}")
    assert response.status_code == status, response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path, nearest", [("/table/3", "/tables/{table_id}"), ("/menus", "/menu"), ("/order", "/orders")]
)
def test_a_404_suggests_the_nearest_route(client, path, nearest):
    assert nearest in assert_problem(client.get(path), 404)["hint"]


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://localhost:9999"])
def test_a_foreign_web_page_cannot_change_the_kitchen(client, state, order, origin):
    before = snapshot(state)
    for method, path in [("POST", "/__admin/reset"), ("POST", "/tables"), ("DELETE", f"/orders/{order['id']}")]:
        response = client.open(path, method=method, headers={"Origin": origin}, json={"name": "A", "party_size": 2})
        assert assert_problem(response, 403)["type"] == "/problems/foreign-origin"
    assert snapshot(state) == before
    assert client.get("/menu", headers={"Origin": origin}).status_code == 200  # reading is fine
    same = client.post("/tables", headers={"Origin": "http://localhost"}, json={"name": "A", "party_size": 2})
    assert same.status_code == 201


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "192.168.1.20:8000", "127.0.0.1.evil.example"])
def test_a_foreign_host_is_refused(client, host):
    body = assert_problem(client.get("/menu", headers={"Host": host}), 403)
    assert body["type"] == "/problems/unknown-host" and "127.0.0.1" in body["detail"]


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:8000", "[::1]:8000", "kitchen.localhost"])
def test_loopback_hosts_are_served(client, host):
    assert client.get("/health", headers={"Host": host}).status_code == 200


def test_an_allowed_host_is_served():
    app = create_app({**CONFIG, "ALLOWED_HOSTS": ["192.168.1.20"]})
    assert app.test_client().get("/health", headers={"Host": "192.168.1.20:8000"}).status_code == 200


def test_without_its_dependencies_the_server_says_what_to_install(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('flask', 'waitress', 'werkzeug', 'markupsafe'):\n"
        "            raise ModuleNotFoundError(name=name)\n"
        "sys.meta_path.insert(0, Block())\n"
    )
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(root)]))
    done = subprocess.run([sys.executable, "-m", "mock_server"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "pip install" in done.stderr and "flask" in done.stderr and "Traceback" not in done.stderr


def workshop(**config):
    exercises = [{"name": "ex01_anatomy_of_a_request", "number": 1, "title": "Anatomy", "chapter": "ch0"}]
    settings = {"secret": "s3cret-for-tests", "join_code": "ROOM-42", "exercises": exercises, "stuck_after": 600}
    return create_app({**CONFIG, "WORKSHOP": settings, **config})


@pytest.mark.parametrize("name", ['"Ada\\ud800"', '"Ada\\u0000"'])
def test_a_team_name_cannot_hold_a_surrogate_or_a_nul_and_the_board_still_answers(name):
    client = workshop().test_client()
    response = client.post("/__workshop/teams", data='{"name": ' + name + "}", content_type=JSON)
    assert 400 <= response.status_code < 500 and response.mimetype == "application/problem+json"
    listed = client.get("/__workshop/teams", headers={"Authorization": "Bearer s3cret-for-tests"})
    assert listed.status_code == 200 and listed.get_json()["count"] == 0


def test_a_removed_team_s_kitchen_is_freed():
    app = workshop()
    client = app.test_client()
    token = client.post("/__workshop/teams", json={"name": "Ada", "code": "ROOM-42"}).get_json()["token"]
    client.post("/tables", json={"name": "A", "party_size": 2}, headers={"X-Kata-Team-Token": token})
    store = app.extensions["mock_server.state.store"]
    assert len(store.tenants()) == 1
    removed = client.delete("/__workshop/teams/Ada", headers={"Authorization": "Bearer s3cret-for-tests"})
    assert removed.status_code == 204 and store.tenants() == []


def test_a_room_s_kitchen_answers_to_the_announced_addresses(monkeypatch):
    from mock_server import __main__ as main
    from mock_server.workshop import settings

    monkeypatch.setattr(settings, "lan_addresses", lambda: ["192.168.1.20"])
    allowed = main.allowed_hosts("0.0.0.0", workshop=True)
    client = workshop(ALLOWED_HOSTS=allowed).test_client()
    assert client.get("/", headers={"Host": "192.168.1.20:8000"}).status_code == 200
    assert_problem(client.get("/", headers={"Host": "evil.example:8000"}), 403)
    assert main.allowed_hosts("192.168.1.20", workshop=False) == ["192.168.1.20"]
    assert main.allowed_hosts("127.0.0.1", workshop=False) == []
