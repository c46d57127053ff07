"""Workshop mode: teams join, each has a kitchen nobody else can see, and the facilitator's endpoints are locked."""

from __future__ import annotations

import itertools
import re

import pytest

from mock_server import create_app
from mock_server.workshop import registry_of
from mock_server.workshop.budgets import JoinLimiter, SecretGuard

from .conftest import assert_problem

SECRET = "facilitator-secret"
CODE = "ROOM-42"
FACILITATOR = {"Authorization": f"Bearer {SECRET}"}
EXERCISES = [
    {"name": "ex01_anatomy_of_a_request", "number": 1, "title": "The anatomy of a request", "chapter": "ch0"},
    {"name": "ex02_status_classes", "number": 2, "title": "What a status code says", "chapter": "ch0"},
    {"name": "ex03_is_it_open", "number": 3, "title": "Is the restaurant open?", "chapter": "ch1"},
]
ORDER = {"items": [{"dish_id": 11, "quantity": 2}]}


def workshop_app(**config):
    """A workshop kitchen; joins are not rate-limited here (tests of their limit make their own limiter)."""
    settings = {"secret": SECRET, "join_code": CODE, "exercises": EXERCISES, "stuck_after": 600}
    config = {"CLOCK": "manual", "RATE_LIMIT": None, "SPECIALS_MAX_DELAY": 0.01, "WORKSHOP": settings, **config}
    app = create_app(config)
    registry_of(app).joins = JoinLimiter(burst=10_000, room_burst=10_000)
    registry_of(app).guesses = SecretGuard(free=10_000)  # tests of the guard make their own
    return app


@pytest.fixture(scope="module")
def room():
    """One workshop kitchen for this module (manual clock, no rate limit, three exercises on the board).

    Shared on purpose: each test joins teams of its own, and that every team starts with an empty kitchen
    whatever the others did is the very thing under test.
    """
    return workshop_app()


@pytest.fixture
def app(room):
    return room


@pytest.fixture
def client(room):
    return room.test_client()


_numbers = itertools.count(1)


class Team:
    """A joined team: `.get(path)`, `.post(path, json=...)`... in its own kitchen, token in the header."""

    def __init__(self, client, name):
        response = client.post("/__workshop/teams", json={"name": name, "code": CODE})
        assert response.status_code == 201, response.get_data(as_text=True)
        self.client = client
        self.name = name
        self.token = response.get_json()["token"]
        self.headers = {"X-Kata-Team-Token": self.token}

    def open(self, path, method="GET", **kwargs):
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def get(self, path, **kwargs):
        return self.open(path, "GET", **kwargs)

    def post(self, path, **kwargs):
        return self.open(path, "POST", **kwargs)

    def ok(self, method, path, **kwargs):
        response = self.open(path, method, **kwargs)
        assert response.status_code < 300, (method, path, response.get_data(as_text=True))
        return response.get_json(silent=True)

    def table(self):
        return self.ok("POST", "/tables", json={"name": self.name, "party_size": 2})["id"]

    def order(self):
        return self.ok("POST", "/orders", json={"table_id": self.table(), **ORDER})


@pytest.fixture
def ada(client):
    """A newly joined team (its name is unique in the room: Ada 1, Ada 2...)."""
    return Team(client, f"Ada {next(_numbers)}")


@pytest.fixture
def bob(client):
    return Team(client, f"Bob {next(_numbers)}")


@pytest.fixture
def fresh():
    """A test client of a workshop kitchen of its own (for what looks at the whole room)."""
    return workshop_app().test_client()


# Joining ----------------------------------------------------------------------------------------


def test_join_gives_a_token_a_kitchen_and_a_location(fresh):
    response = fresh.post("/__workshop/teams", json={"name": "  Ada   &  Grace ", "code": CODE})
    assert response.status_code == 201
    body = response.get_json()
    assert body["name"] == "Ada & Grace"
    assert body["kitchen"] == f"/t/{body['token']}" and body["base_url"].endswith(body["kitchen"])
    assert response.headers["Location"] == "/__workshop/teams/Ada%20%26%20Grace"
    assert len(body["token"]) >= 16


def test_a_taken_name_is_refused_whatever_its_case(client, ada):
    body = assert_problem(client.post("/__workshop/teams", json={"name": ada.name.upper(), "code": CODE}), 409)
    assert "already joined" in body["detail"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 41, "tab\there", 7, None])
def test_a_bad_name_is_a_422(client, name):
    assert_problem(client.post("/__workshop/teams", json={"name": name, "code": CODE}), 422)


def test_the_room_has_a_size(fresh):
    registry_of(fresh.application).max_teams = 2
    Team(fresh, "one"), Team(fresh, "two")
    refused = fresh.post("/__workshop/teams", json={"name": "three", "code": CODE})
    assert "full" in assert_problem(refused, 409)["detail"]


# Strangers --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/menu", "/tables", "/__admin/journal", "/__admin/reset", "/health"])
def test_no_token_no_kitchen(client, path):
    method = "POST" if path.endswith("reset") else "GET"
    body = assert_problem(client.open(path, method=method), 401)
    assert "kata join" in body["hint"]


def test_an_unknown_token_is_a_401_in_the_header_and_in_the_path(client):
    response = client.get("/menu", headers={"X-Kata-Team-Token": "not-a-token"})
    assert "unknown" in assert_problem(response, 401)["detail"]
    assert response.headers["WWW-Authenticate"].startswith("KataTeam")
    assert_problem(client.get("/t/not-a-token/menu"), 401)


@pytest.mark.parametrize("path", ["/", "/openapi.json", "/problems/not-found"])
def test_the_docs_need_no_token(client, path):
    assert client.get(path).status_code == 200


def test_a_removed_team_loses_its_kitchen(client, ada):
    assert client.delete(f"/__workshop/teams/{ada.name.lower()}", headers=FACILITATOR).status_code == 204
    assert_problem(ada.get("/menu"), 401)
    assert_problem(client.get(f"/__workshop/teams/{ada.name}", headers=FACILITATOR), 404)


# Isolation: one test per resource ---------------------------------------------------------------


def test_tables(ada, bob):
    table = ada.table()
    assert bob.ok("GET", "/tables")["count"] == 0
    assert_problem(bob.get(f"/tables/{table}"), 404)
    assert_problem(bob.open(f"/tables/{table}", "DELETE"), 404)
    assert ada.ok("GET", f"/tables/{table}")["name"] == ada.name


def test_orders(ada, bob):
    order = ada.order()
    assert bob.ok("GET", "/orders")["count"] == 0
    assert bob.ok("GET", "/kitchen/queue")["count"] == 0
    assert_problem(bob.get(f"/orders/{order['id']}"), 404)
    assert_problem(bob.open(f"/orders/{order['id']}", "PATCH", json={"notes": "mine now"}), 404)
    assert_problem(bob.open(f"/orders/{order['id']}", "DELETE"), 404)
    # Bob's own first order has the same id, in his own kitchen: ids are per kitchen.
    assert bob.order()["id"] == order["id"]
    assert ada.ok("GET", f"/orders/{order['id']}")["notes"] is None


def test_payments(ada, bob):
    order = ada.order()
    key = {"Idempotency-Key": "pay-1"}
    ada.ok("POST", "/payments", json={"order_id": order["id"], "amount": order["total"]}, headers=key)
    assert bob.ok("GET", "/payments")["count"] == 0
    assert_problem(bob.get("/payments/1"), 404)
    # The same Idempotency-Key in another kitchen is another payment, not a replay of Ada's.
    theirs = bob.order()
    paid = bob.ok("POST", "/payments", json={"order_id": theirs["id"], "amount": theirs["total"]}, headers=key)
    assert paid["amount"] == theirs["total"]


def test_reviews_and_bearer_tokens(ada, bob):
    token = ada.ok("POST", "/auth/token", headers={"Authorization": "Basic YWRhOmxvdmVsYWNl"})["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    review = ada.ok("POST", "/reviews", json={"dish_id": 3, "rating": 5, "text": "Ada's own"}, headers=bearer)
    assert ada.ok("GET", f"/reviews/{review['id']}")["text"] == "Ada's own"
    assert_problem(bob.get(f"/reviews/{review['id']}"), 404)
    assert_problem(bob.get("/me", headers=bearer), 401)  # Ada's token means nothing in Bob's kitchen
    assert ada.ok("GET", "/me", headers=bearer)["username"] == "ada"


def test_journal(ada, bob):
    ada.ok("GET", "/menu?category=pizza")
    assert bob.ok("GET", "/__admin/journal")["count"] == 0
    entries = ada.ok("GET", "/__admin/journal")["entries"]
    assert [(e["method"], e["path"]) for e in entries] == [("GET", "/menu")]
    assert "X-Kata-Team-Token" not in entries[0]["headers"]  # the team's token is never journaled
    bob.ok("DELETE", "/__admin/journal")
    assert ada.ok("GET", "/__admin/journal")["count"] == 1


def test_faults(ada, bob):
    ada.ok("POST", "/__admin/faults", json={"next": [{"status": 503, "count": 5, "path": "/menu"}]})
    assert bob.get("/menu").status_code == 200
    assert bob.ok("GET", "/__admin/faults")["next"] == []
    assert ada.get("/menu").status_code == 503
    bob.ok("DELETE", "/__admin/faults")
    assert ada.get("/menu").status_code == 503


def test_clock(ada, bob):
    order = ada.order()
    assert ada.ok("POST", "/__admin/clock", json={"advance": 100})["now"] == 100
    assert bob.ok("GET", "/__admin/clock")["now"] == 0
    assert ada.ok("GET", f"/orders/{order['id']}")["status"] == "ready"
    assert bob.ok("GET", f"/orders/{bob.order()['id']}")["status"] == "received"


def test_opening_hours(ada, bob):
    ada.ok("POST", "/__admin/state", json={"open": False})
    assert_problem(ada.get("/health"), 503)
    assert bob.ok("GET", "/health") == {"status": "open"}


def test_rate_limit_budgets():
    client = workshop_app(RATE_LIMIT={"limit": 3, "window": 10}).test_client()
    ada, bob = Team(client, "Ada"), Team(client, "Bob")
    assert [ada.get("/menu").status_code for _ in range(4)] == [200, 200, 200, 429]
    # Same address, but Bob's kitchen counts Bob's requests only.
    assert [bob.get("/menu").status_code for _ in range(3)] == [200, 200, 200]


def test_reset(ada, bob):
    table = ada.table()
    ada.ok("POST", "/__admin/clock", json={"advance": 5})
    bob.ok("POST", "/__admin/reset")
    assert ada.ok("GET", f"/tables/{table}")["id"] == table
    assert ada.ok("GET", "/__admin/clock")["now"] == 5
    ada.ok("POST", "/__admin/reset")
    assert_problem(ada.get(f"/tables/{table}"), 404)


def test_the_path_prefix_is_the_same_kitchen_and_locations_stay_in_it(client, ada, bob):
    prefix = f"/t/{ada.token}"
    response = client.post(f"{prefix}/tables", json={"name": "Ada", "party_size": 2})
    assert response.status_code == 201
    assert response.headers["Location"] == f"{prefix}/tables/{response.get_json()['id']}"
    assert client.get(response.headers["Location"]).get_json()["name"] == "Ada"
    assert ada.ok("GET", "/tables")["count"] == 1 and bob.ok("GET", "/tables")["count"] == 0
    link = client.get(f"{prefix}/reviews?limit=2").headers["Link"]
    assert f"{prefix}/reviews?" in link  # following the next page stays in the team's kitchen
    assert client.get(f"{prefix}/__admin/journal").get_json()["entries"][0]["path"] == "/tables"


# The facilitator's endpoints --------------------------------------------------------------------

FACILITATOR_ONLY = [
    ("GET", "/__workshop/teams"),
    ("GET", "/__workshop/progress"),
    ("GET", "/__workshop/board"),
    ("DELETE", "/__workshop/teams/{ada}"),
    ("GET", "/__workshop/teams/{ada}"),
]


def each_endpoint(client, ada, headers):
    """The answer of every facilitator-only endpoint to `headers` (Ada is the team they name)."""
    return {
        (method, path): client.open(path.format(ada=ada.name), method=method, headers=headers)
        for method, path in FACILITATOR_ONLY
    }


def test_facilitator_only_without_a_secret(client, ada):
    for endpoint, response in each_endpoint(client, ada, {}).items():
        assert_problem(response, 401)
        assert response.headers["WWW-Authenticate"].startswith("Bearer"), endpoint


@pytest.mark.parametrize("secret", ["facilitator-secreT", "facilitator-secre", "x", SECRET * 2])
def test_facilitator_only_with_a_wrong_secret(client, ada, secret):
    for response in each_endpoint(client, ada, {"Authorization": f"Bearer {secret}"}).values():
        assert "Wrong" in assert_problem(response, 401)["detail"]


@pytest.mark.parametrize("how", ["bearer", "header", "both"])
def test_facilitator_only_with_another_teams_token(client, ada, bob, how):
    headers = {"bearer": {"Authorization": f"Bearer {bob.token}"}, "header": bob.headers}.get(how)
    headers = headers or {"Authorization": f"Bearer {bob.token}", **bob.headers}
    for response in each_endpoint(client, ada, headers).values():
        assert_problem(response, 403)
    assert registry_of(client.application).by_name(ada.name) is not None  # DELETE did nothing


def test_facilitator_only_with_the_secret(client, ada):
    answers = each_endpoint(client, ada, FACILITATOR)
    assert [response.status_code for response in answers.values()] == [200, 200, 200, 204, 404]


def test_a_team_sees_its_own_progress_only(client, ada, bob):
    assert ada.ok("GET", f"/__workshop/teams/{ada.name.upper()}")["name"] == ada.name
    assert "not yours" in assert_problem(bob.get(f"/__workshop/teams/{ada.name}"), 403)["detail"]


def test_the_teams_list_has_the_tokens(client, ada, bob):
    teams = client.get("/__workshop/teams", headers=FACILITATOR).get_json()
    assert {(ada.name, ada.token), (bob.name, bob.token)} <= {(t["name"], t["token"]) for t in teams["items"]}


def test_the_board_key_becomes_a_cookie_and_leaves_the_address_bar(client):
    assert_problem(client.get("/__workshop/board?key=wrong-secret"), 401)
    response = client.get(f"/__workshop/board?key={SECRET}")
    assert response.status_code == 303 and response.headers["Location"] == "/__workshop/board"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/__workshop" in cookie
    page = client.get("/__workshop/board")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert client.get("/__workshop/progress").status_code == 200  # the cookie opens the feed too


def test_the_board_works_offline_and_never_renders_names_as_html(client):
    page = client.get("/__workshop/board", headers=FACILITATOR).get_data(as_text=True)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "no external assets"
    assert "@import" not in page and "innerHTML" not in page
    assert "10 min" in page  # what "stuck" means
