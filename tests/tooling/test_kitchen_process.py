"""`KitchenProcess`: the test kitchen that `kata check` and `kata watch` start in a process of their own."""

from __future__ import annotations

from kata.kitchen import Kitchen, KitchenProcess


def test_it_serves_a_fresh_test_kitchen_and_ends_when_stopped():
    process = KitchenProcess()
    try:
        url = process.url()
        assert url.startswith("http://127.0.0.1:")
        assert process.ready_url() == url
        kitchen = Kitchen(url)
        kitchen.reset()
        assert kitchen.api("GET", "/health")["status"] == "open"
        assert kitchen.advance(60) == 60.0  # a manual clock, as the tests need
    finally:
        process.stop()
    assert process._process.returncode == 0


def test_one_that_is_not_needed_is_ended_at_once():
    process = KitchenProcess()
    process.stop()  # before it serves: a run that never asked for it
    assert process._process.returncode != 0  # killed, not left to start up in the background
