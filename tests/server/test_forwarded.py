"""A room behind a reverse proxy (issue 28): forwarded headers are believed from the trusted proxy only.

In-process (Flask's test client, the peer's address in ``REMOTE_ADDR``), then waitress' per-address cap on
real loopback sockets. The room behind a real nginx with TLS: tests/tooling/test_online_room.py.
"""

from __future__ import annotations

import sys

import pytest

from mock_server.__main__ import main as serve
from mock_server.serving.forwarded import networks, proxy_options
from mock_server.workshop import registry_of
from mock_server.workshop.budgets import JoinLimiter

from .conftest import assert_problem
from .test_workshop import CODE, FACILITATOR, workshop_app
from .test_workshop_slow_clients import _second_loopback_works, get, served, slow  # noqa: F401  (a fixture)

PROXY = "127.0.0.1"  # nginx on the room's server
LEARNER, OTHER, STRANGER = "203.0.113.7", "198.51.100.20", "192.0.2.99"


def room(**config):
    app = workshop_app(TRUSTED_PROXIES=[PROXY], **config)
    registry_of(app).joins = JoinLimiter(burst=2, every=600.0, room_burst=1000)  # two joins per address
    return app.test_client()


def join(client, name, peer, **headers):
    return client.post(
        "/__workshop/teams", json={"name": name, "code": CODE}, headers=headers, environ_base={"REMOTE_ADDR": peer}
    )


def test_through_the_trusted_proxy_each_learner_has_a_join_budget_of_their_own():
    client = room()
    for name in ("Ada", "Alan"):
        assert join(client, name, PROXY, **{"X-Forwarded-For": LEARNER}).status_code == 201
    body = assert_problem(join(client, "Anna", PROXY, **{"X-Forwarded-For": LEARNER}), 429)
    assert LEARNER in body["detail"]  # the learner is limited, not the proxy...
    assert join(client, "Bob", PROXY, **{"X-Forwarded-For": OTHER}).status_code == 201  # ...so others still join
    # A learner who sends an X-Forwarded-For of their own: nginx appends the real address, the last one counts.
    spoofed = {"X-Forwarded-For": f"{OTHER}, {LEARNER}"}
    assert LEARNER in assert_problem(join(client, "Eve", PROXY, **spoofed), 429)["detail"]


def test_forwarded_headers_from_anyone_else_change_nothing():
    client = room()
    for forged in ("10.1.1.1", "10.1.1.2"):  # a new address each time: a stranger hoping for a fresh budget
        response = join(client, f"Team {forged}", STRANGER, **{"X-Forwarded-For": forged})
        assert response.status_code == 201, response.get_data(as_text=True)
    for forged in ({"X-Forwarded-For": "10.1.1.3"}, {"Forwarded": "for=10.1.1.4"}, {"X-Forwarded-For": "nonsense,,"}):
        body = assert_problem(join(client, "Mallory", STRANGER, **forged), 429)  # not a 400, never a 500
        assert STRANGER in body["detail"] and "10.1.1" not in body["detail"]


def test_a_trusted_proxys_host_and_scheme_are_the_rooms_and_a_strangers_are_refused():
    client = room()
    forwarded = {"X-Forwarded-For": LEARNER, "X-Forwarded-Proto": "https", "Host": "room.example.org"}
    page = client.get("/__workshop/board", headers={**FACILITATOR, **forwarded}, environ_base={"REMOTE_ADDR": PROXY})
    assert "kata join https://room.example.org TEAM-NAME" in page.get_data(as_text=True)
    joined = join(client, "Ada", PROXY, **forwarded).get_json()
    assert joined["base_url"] == f"https://room.example.org/t/{joined['token']}"
    # The same from a stranger: its Host is checked as ever, its X-Forwarded-Proto ignored.
    stranger = client.get("/health", headers=forwarded, environ_base={"REMOTE_ADDR": STRANGER})
    assert assert_problem(stranger, 403)["type"] == "/problems/unknown-host"


@pytest.mark.parametrize(
    "header, value",
    [
        ("X-Forwarded-For", "not-an-address"),
        ("X-Forwarded-For", "203.0.113.300"),
        ("X-Forwarded-Proto", "gopher"),
        ("X-Forwarded-Proto", "https, http"),
    ],
)
def test_a_malformed_header_from_the_trusted_proxy_is_a_400_problem_naming_it(header, value):
    response = room().get("/__workshop/board", headers={header: value}, environ_base={"REMOTE_ADDR": PROXY})
    body = assert_problem(response, 400)
    assert "reverse proxy" in body["detail"] and "facilitator" in body["hint"]


def test_with_forwarded_the_rfc_7239_header_counts_and_x_forwarded_for_is_dropped():
    client = room(FORWARDED_HEADER="forwarded")
    for name in ("Ada", "Alan"):
        assert join(client, name, PROXY, Forwarded=f'for="{LEARNER}";proto=https').status_code == 201
    body = assert_problem(join(client, "Anna", PROXY, Forwarded=f"for={LEARNER}", **{"X-Forwarded-For": OTHER}), 429)
    assert LEARNER in body["detail"]
    assert assert_problem(join(client, "Bad", PROXY, Forwarded="for"), 400)["detail"].startswith("The reverse proxy")
    v6 = join(client, "Six", PROXY, Forwarded='for="[2001:db8::5]"')
    assert v6.status_code == 201, v6.get_data(as_text=True)


def test_the_setting_takes_addresses_and_networks_and_names_a_wrong_one(capsys):
    assert [str(n) for n in networks(["127.0.0.1", "::1", "10.0.0.0/8, 192.168.1.0/24"])] == [
        "127.0.0.1/32",
        "::1/128",
        "10.0.0.0/8",
        "192.168.1.0/24",
    ]
    with pytest.raises(ValueError, match="'nginx' is not an IP address"):
        networks(["nginx"])
    assert proxy_options([], "x-forwarded-for") == ([], "x-forwarded-for", {})
    trusted, _, options = proxy_options(["10.0.0.0/8"], "x-forwarded-for")
    assert trusted == ["10.0.0.0/8"] and options["clear_untrusted_proxy_headers"] is False
    assert options["unlimited"]("10.2.3.4") and options["unlimited"]("::ffff:10.2.3.4")
    assert not options["unlimited"]("11.0.0.1") and not options["unlimited"]("")
    assert serve(["--workshop", "--trusted-proxy", "nginx"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "--trusted-proxy: 'nginx' is not an IP address or network (e.g. 127.0.0.1, ::1, 10.0.0.0/8)"
    ]


@pytest.mark.skipif(not _second_loopback_works() or sys.platform == "win32", reason="needs 127.0.0.2 (Linux)")
def test_the_trusted_proxy_is_not_capped_per_address_and_everyone_else_still_is(served):  # noqa: F811
    _, _, options = proxy_options(["127.0.0.2"], "x-forwarded-for")
    server = served(per_address=3, **options)
    proxy = [slow(server.port, "127.0.0.2") for _ in range(5)]  # the proxy carries many learners' connections
    others = [slow(server.port, "127.0.0.1") for _ in range(3)]
    try:
        assert get(server.port, "127.0.0.2").startswith(b"HTTP/1.1 200")
        assert get(server.port, "127.0.0.1").startswith(b"HTTP/1.1 503")
    finally:
        for client in proxy + others:
            client.close()


def test_the_banner_behind_a_proxy_sends_learners_to_its_https_address():
    import io

    from mock_server.workshop import settings as workshop_serve

    settings = {**workshop_serve.settings(environ={}), "join_code": "K7PMQ2", "secret": "s" * 32}
    out = io.StringIO()
    workshop_serve.announce("127.0.0.1", 8000, settings, out, proxies=["127.0.0.1/32"])
    banner = out.getvalue()
    assert "kata join https://<the room's name, as the proxy serves it> TEAM-NAME" in banner
    assert "--local-kitchen" in banner and "loopback only" not in banner
    assert f"https://<the room's name>/__workshop/board?key={'s' * 32}" in banner
    assert max(len(line) for line in banner.splitlines()) <= 110
