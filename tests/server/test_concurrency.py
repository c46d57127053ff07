"""Many clients at once: no lost order, no duplicate id, exactly one charge per key."""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from .conftest import every_item

THREADS = 8
PER_THREAD = 50  # orders each thread places
ROUNDS = 10  # keys raced for, one after the other


def run_in_threads(worker):
    barrier = threading.Barrier(THREADS)

    def start(number):
        barrier.wait()  # all threads begin together
        return worker(number)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can: more interleaving per request
    try:
        with ThreadPoolExecutor(THREADS) as pool:
            return list(pool.map(start, range(THREADS)))
    finally:
        sys.setswitchinterval(interval)


def test_concurrent_orders_are_all_kept(app, table):
    def place_orders(number):
        client = app.test_client()
        body = {"table_id": table, "items": [{"dish_id": number + 1, "quantity": 1}]}
        return [client.post("/orders", json=body) for _ in range(PER_THREAD)]

    responses = [response for batch in run_in_threads(place_orders) for response in batch]
    assert {response.status_code for response in responses} == {201}
    ids = [response.get_json()["id"] for response in responses]
    assert len(ids) == len(set(ids)) == THREADS * PER_THREAD
    assert sorted(ids) == list(range(1, THREADS * PER_THREAD + 1))
    listed = every_item(app.test_client(), "/orders?limit=7")
    assert [order["id"] for order in listed] == list(range(1, THREADS * PER_THREAD + 1))
    for number in range(THREADS):
        assert sum(order["items"][0]["dish_id"] == number + 1 for order in listed) == PER_THREAD


def test_concurrent_retries_with_one_key_charge_once(app, client, table):
    """Only the first requests of a key can race (the later ones replay it): so, many keys, each raced."""
    items = [{"dish_id": 11, "quantity": 2}, {"dish_id": 19, "quantity": 1}]  # 21.50
    orders = [client.post("/orders", json={"table_id": table, "items": items}).get_json()["id"] for _ in range(ROUNDS)]

    for round, order_id in enumerate(orders):
        key = {"Idempotency-Key": f"key-{round}"}
        body = {"order_id": order_id, "amount": 21.5, "tip": 1.5}

        def retry(_, body=body, key=key):
            client = app.test_client()
            return [client.post("/payments", json=body, headers=key) for _ in range(3)]

        responses = [response for batch in run_in_threads(retry) for response in batch]
        charged = [response for response in responses if response.status_code == 201]
        # a retry that arrives while the first is still being charged is a 409 (IETF draft); the rest replay it
        assert {response.status_code for response in responses} <= {201, 409} and charged
        assert len({response.get_data() for response in charged}) == 1
        assert sum("Idempotent-Replayed" not in response.headers for response in charged) == 1, key
    payments = client.get("/payments").get_json()
    assert payments["count"] == ROUNDS and payments["total_charged"] == 23.0 * ROUNDS
