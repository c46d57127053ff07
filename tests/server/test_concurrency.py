"""Many clients at once: no lost order, no duplicate id, exactly one charge per key."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

THREADS = 8


def run_in_threads(worker):
    barrier = threading.Barrier(THREADS)

    def start(number):
        barrier.wait()  # all threads begin together
        return worker(number)

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(start, range(THREADS)))


def test_concurrent_orders_are_all_kept(app, table):
    def place_200(number):
        client = app.test_client()
        body = {"table_id": table, "items": [{"dish_id": number + 1, "quantity": 1}]}
        return [client.post("/orders", json=body) for _ in range(200)]

    responses = [response for batch in run_in_threads(place_200) for response in batch]
    assert {response.status_code for response in responses} == {201}
    ids = [response.get_json()["id"] for response in responses]
    assert len(ids) == len(set(ids)) == THREADS * 200
    assert sorted(ids) == list(range(1, THREADS * 200 + 1))
    listed = app.test_client().get("/orders").get_json()
    assert listed["count"] == THREADS * 200
    for number in range(THREADS):
        assert sum(order["items"][0]["dish_id"] == number + 1 for order in listed["items"]) == 200


def test_concurrent_retries_with_one_key_charge_once(app, order):
    body = {"order_id": order["id"], "amount": 24.5, "tip": 1.5}

    def retry(_):
        client = app.test_client()
        return [client.post("/payments", json=body, headers={"Idempotency-Key": "one-key"}) for _ in range(25)]

    responses = [response for batch in run_in_threads(retry) for response in batch]
    assert {response.status_code for response in responses} == {201}
    assert len({response.get_data() for response in responses}) == 1
    assert sum("Idempotent-Replayed" not in response.headers for response in responses) == 1
    payments = app.test_client().get("/payments").get_json()
    assert payments["count"] == 1 and payments["total_charged"] == 26.0
