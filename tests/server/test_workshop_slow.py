"""One team cannot stall the room: its slow requests (specials, latency faults, long polls) are capped (429 past it).

No real waiting: the kitchen's sleep is replaced by one that blocks until the test lets it go, so a
"slow" request stays in flight exactly as long as the test wants.
"""

from __future__ import annotations

import threading

import pytest

from mock_server.admin.pause import SLEEP_KEY
from mock_server.workshop.budgets import SLOW_IN_ROOM, SLOW_PER_TEAM, Refused, SlowGate

from .conftest import assert_problem
from .test_workshop import Team, workshop_app


class HeldSleep:
    """A stand-in for time.sleep: every call blocks until ``release()``; ``wait_for(n)``: n calls are in."""

    def __init__(self) -> None:
        self.released = threading.Event()
        self.inside = threading.Semaphore(0)

    def __call__(self, seconds: float) -> None:
        self.inside.release()
        assert self.released.wait(30), "the test never released the sleepers"

    def wait_for(self, count: int) -> None:
        for _ in range(count):
            assert self.inside.acquire(timeout=30)

    def release(self) -> None:
        self.released.set()


@pytest.fixture
def held():
    app = workshop_app(SPECIALS_MAX_DELAY=10)
    sleep = app.extensions[SLEEP_KEY] = HeldSleep()
    yield app, sleep
    sleep.release()


def in_flight(team, path, count, sleep):
    """Start ``count`` requests of ``team`` that will wait; return their threads, once all are waiting."""
    answers: list = []
    threads = [threading.Thread(target=lambda: answers.append(team.get(path).status_code)) for _ in range(count)]
    for thread in threads:
        thread.start()
    sleep.wait_for(count)
    return threads, answers


def test_a_team_s_slow_requests_past_the_cap_get_429_and_others_are_served(held):
    app, sleep = held
    client = app.test_client()
    ada, bob = Team(client, "Ada"), Team(client, "Bob")
    threads, answers = in_flight(ada, "/kitchen/specials?delay=10", SLOW_PER_TEAM, sleep)
    refused = ada.get("/kitchen/specials?delay=10")
    body = assert_problem(refused, 429)
    assert "slow requests" in body["detail"] and int(refused.headers["Retry-After"]) >= 1
    assert ada.get("/health").status_code == 200  # fast requests are not capped
    assert bob.get("/health").status_code == 200
    others, _ = in_flight(bob, "/kitchen/specials?delay=1", 1, sleep)  # Bob's own budget is whole
    sleep.release()
    for thread in threads + others:
        thread.join(30)
    assert answers == [200] * SLOW_PER_TEAM
    assert ada.get("/kitchen/specials?delay=10").status_code == 200  # slots free again once they finished


def test_a_latency_fault_counts_as_a_slow_request(held):
    app, sleep = held
    client = app.test_client()
    ada = Team(client, "Ada")
    ada.ok("POST", "/__admin/faults", json={"latency_ms": 5000})
    threads, _ = in_flight(ada, "/menu", SLOW_PER_TEAM, sleep)
    assert_problem(ada.get("/menu"), 429)
    assert ada.get("/__admin/journal").status_code == 200  # the admin API has no latency: always reachable
    sleep.release()
    for thread in threads:
        thread.join(30)


def test_a_long_poll_of_deliveries_counts_as_a_slow_request(held):
    app, sleep = held
    client = app.test_client()
    ada = Team(client, "Ada")
    threads, _ = in_flight(ada, "/kitchen/specials?delay=10", SLOW_PER_TEAM, sleep)
    assert_problem(ada.get("/__workshop/deliveries?wait=5"), 429)
    assert ada.get("/__workshop/deliveries").status_code == 200  # no wait: not slow
    sleep.release()
    for thread in threads:
        thread.join(30)


def test_the_room_has_a_cap_of_its_own():
    clock = [100.0]
    gate = SlowGate(lambda: clock[0], per_team=2, room=3)
    with gate.waiting("team-1", 5), gate.waiting("team-1", 8), gate.waiting("team-2", 10):
        with pytest.raises(Refused) as refused, gate.waiting("team-3", 1):
            pass
        assert "The room" in refused.value.detail and refused.value.retry_after == 5  # the first wait ends in 5 s
        clock[0] += 2
        with pytest.raises(Refused) as mine, gate.waiting("team-1", 1):
            pass
        assert "Your team" in mine.value.detail and mine.value.retry_after == 3
    assert gate.count("team-1") == 0
    with gate.waiting("team-3", 1):
        assert gate.count("team-3") == 1


def test_the_cap_leaves_most_workers_free():
    from mock_server.workshop.settings import THREADS

    assert SLOW_PER_TEAM < SLOW_IN_ROOM <= THREADS // 2


def test_without_a_workshop_nothing_is_capped():
    from mock_server import create_app

    app = create_app({"CLOCK": "manual", "RATE_LIMIT": None, "SPECIALS_MAX_DELAY": 10})
    sleep = app.extensions[SLEEP_KEY] = HeldSleep()
    client = app.test_client()
    answers: list = []
    threads = [
        threading.Thread(target=lambda: answers.append(client.get("/kitchen/specials?delay=1").status_code))
        for _ in range(SLOW_PER_TEAM + 2)
    ]
    for thread in threads:
        thread.start()
    sleep.wait_for(len(threads))
    sleep.release()
    for thread in threads:
        thread.join(30)
    assert answers == [200] * len(threads)
