"""The facilitator's secret (long, never in the cookie, not guessable at speed) and names that look alike."""

from __future__ import annotations

import pytest

from mock_server.workshop import registry_of
from mock_server.workshop import settings as workshop_serve
from mock_server.workshop.budgets import SecretGuard
from mock_server.workshop.registry import Registry

from .conftest import assert_problem
from .test_workshop import CODE, SECRET, workshop_app


class ManualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def room():
    return workshop_app().test_client()


def progress(client, secret, address="10.0.0.9"):
    headers = {"Authorization": f"Bearer {secret}"}
    return client.get("/__workshop/progress", headers=headers, environ_base={"REMOTE_ADDR": address})


def test_the_boards_cookie_holds_a_value_derived_from_the_secret_not_the_secret(room):
    response = room.get(f"/__workshop/board?key={SECRET}")
    cookie = response.headers["Set-Cookie"]
    assert SECRET not in cookie
    assert registry_of(room.application).board_pass in cookie
    assert room.get("/__workshop/progress").status_code == 200
    room.set_cookie("kata_facilitator", SECRET, path="/__workshop")  # the secret itself is not a pass
    assert_problem(room.get("/__workshop/progress"), 401)


def test_guessing_the_secret_waits_longer_after_each_wrong_guess(room):
    clock = ManualClock()
    registry_of(room.application).guesses = SecretGuard(clock, free=5)
    for _ in range(5):
        assert_problem(progress(room, "wrong-guess-wrong-guess"), 401)
    for wait in (1, 2, 4, 8):
        assert_problem(progress(room, "wrong-guess-wrong-guess"), 401)  # counted: the next one waits
        refused = progress(room, SECRET)  # even the right one: a guesser cannot tell
        assert_problem(refused, 429)
        assert refused.headers["Retry-After"] == str(wait)
        clock.now += wait
    assert progress(room, SECRET, address="10.0.0.10").status_code == 200  # another address is not held up
    assert_problem(room.get("/__workshop/board?key=wrong", environ_base={"REMOTE_ADDR": "10.0.0.9"}), 401)
    assert_problem(progress(room, SECRET), 429)  # the board's ?key= counts too
    clock.now += 16
    assert progress(room, SECRET).status_code == 200
    assert progress(room, "wrong-guess-wrong-guess").status_code == 401  # the right one wiped the slate


def test_a_secret_under_16_characters_is_refused_and_a_made_up_one_has_128_bits():
    with pytest.raises(SystemExit, match="16 characters"):
        workshop_serve.settings(environ={"KATA_FACILITATOR_SECRET": "short-secret"})
    with pytest.raises(ValueError, match="16 characters"):
        Registry("fifteen-chars!!")
    made = Registry(None).secret
    assert len(made) == 32 and int(made, 16) >= 0  # 32 hex digits: 128 bits


def join(client, name):
    return client.post("/__workshop/teams", json={"name": name, "code": CODE})


def test_a_name_is_measured_once_normalized(room):
    refused = assert_problem(join(room, "\ufdfa" * 40), 422)  # one character each, 18 once normalized (NFKC)
    assert "once normalized" in refused["errors"][0]["message"]
    assert join(room, "\ufdfa" * 2).status_code == 201


@pytest.mark.parametrize(
    "taken, alike",
    [("Ada", "\u0410da"), ("Bob", "B0b"), ("Pascal", "\u0420\u0430sc\u0430l"), ("Pia", "\u03a1ia"), ("Nil", "Ni1")],
)
def test_a_name_that_looks_like_a_taken_one_is_refused_naming_it(room, taken, alike):
    assert join(room, taken).status_code == 201
    refused = assert_problem(join(room, alike), 409)
    assert f"looks like {taken!r}" in refused["detail"]
    assert join(room, taken + " two").status_code == 201  # a name the room can tell apart
