"""The heavy scenarios of `workshop_spoilers.py` (issue 25): teams that use the room hard, in ordinary ways.

1. **heavy GETs**: team "Heavy0" fills its kitchen to its share of the room's memory with the largest
   orders there are (20 lines, 500 four-byte characters of notes), then 32 threads send
   `GET /orders?limit=100` (each answer a full page) as fast as they are answered, 429s included.
2. **3 full kitchens**: the same with three teams at once (96 threads).
3. **journal starvation**: 18 teams fill their journals (10 kB bodies: 18 x 4 MiB is more than the room's
   64 MiB of journals), then exercise 24's reference solution runs `test_live_a_whole_dinner` against a
   new team's kitchen (`KATA_KITCHEN=http://.../t/<token>`), in a subprocess, as a pair's laptop would.

For each: the normal team's `GET /health` (p50/p99/max) while it runs, and the server's RSS (MiB) before,
once filled, at its peak, after a reset of the busy kitchens and after their teams are removed.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import workshop_load as load

LINES = [{"dish_id": dish, "quantity": 20} for dish in range(1, 21)]
NOTES = "\U0001f355" * 500
FACILITATOR = {"Authorization": f"Bearer {load.SECRET}"}
FORK = multiprocessing.get_context("fork")  # Linux: the heavy teams' process starts at once, with this module


class Peak:
    """The server's RSS, sampled every 0.1 s in a thread while in use; ``.mib`` the highest seen."""

    def __init__(self, pid: int) -> None:
        self.pid, self.mib, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.mib = max(self.mib, load.rss_mb(self.pid))

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def fill(port: int, token: str, source: str) -> int:
    """The largest orders until the kitchen refuses one (its share); how many it kept."""
    headers = {"X-Kata-Team-Token": token}
    status, raw = load.request(port, "POST", "/tables", {"name": "Heavy", "party_size": 12}, headers, source)
    table = int(json.loads(raw)["id"])
    placed = 0
    for _ in range(10_000):
        body = {"table_id": table, "items": LINES, "notes": NOTES}
        status, raw = load.request(port, "POST", "/orders", body, headers, source)
        if status == 429:
            time.sleep(0.2)
            continue
        if status != 201:
            if status != 409:
                raise SystemExit(f"filling a kitchen: {status} {raw[:200]!r}")
            return placed
        placed += 1
    raise SystemExit("a kitchen never refused an order: is the room's memory budget on?")


def hammer(
    port: int, token: str, source: str, threads: int, stop_at: float, counts: dict, polite: bool = False
) -> list[threading.Thread]:
    """``threads`` threads sending ``GET /orders?limit=100`` back to back until ``stop_at``; statuses counted.
    ``polite``: after a 429 a thread waits the second its ``Retry-After`` asks for; else it asks again at once."""
    headers = {"X-Kata-Team-Token": token}
    lock = threading.Lock()

    def loop() -> None:
        while time.monotonic() < stop_at:
            try:
                status, _ = load.request(port, "GET", "/orders?limit=100", None, headers, source)
            except OSError:
                status = 0
            with lock:
                counts[status] = counts.get(status, 0) + 1
            if polite and status == 429:
                time.sleep(1.0)

    workers = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    return workers


def hammer_apart(
    port: int, tokens: list[str], sources: list[str], stop_at: float, results: Any, polite: bool = False
) -> None:
    """The heavy teams' threads in a process of their own, as on their own laptops: 32 busy threads in the
    probe's process would make its requests wait for the interpreter there, not for the server. Puts the counts."""
    counts: dict = {}
    workers = [w for t, s in zip(tokens, sources) for w in hammer(port, t, s, 32, stop_at, counts, polite)]
    for worker in workers:
        worker.join(30)
    results.put(counts)


def rss_after(port: int, pid: int, names: list[str], tokens: list[str]) -> dict[str, float]:
    """RSS once the busy kitchens are reset, then once their teams are removed."""
    for token in tokens:
        load.request(port, "POST", "/__admin/reset", None, {"X-Kata-Team-Token": token})
    time.sleep(1)
    after_reset = load.rss_mb(pid)
    for name in names:
        status, raw = load.request(port, "DELETE", f"/__workshop/teams/{name.lower()}", None, FACILITATOR)
        if status != 204:
            raise SystemExit(f"removing {name}: {status} {raw[:200]!r}")
    time.sleep(1)
    return {"rss_after_reset_mib": round(after_reset, 1), "rss_after_removal_mib": round(load.rss_mb(pid), 1)}


def heavy_gets(
    port: int, pid: int, kitchens: int, seconds: float, probe: Callable[..., dict], normal: dict, polite: bool = False
) -> dict:
    """Scenarios 1 and 2: ``kitchens`` teams fill their kitchens, then 32 heavy GETs each."""
    base = load.rss_mb(pid)
    names = [f"Heavy{number}" for number in range(kitchens)]
    sources = [load.laptop(10 + number) for number in range(kitchens)]
    tokens = [load.join(port, name, source) for name, source in zip(names, sources)]
    with ThreadPoolExecutor(kitchens) as pool:
        kept = list(pool.map(lambda args: fill(port, *args), zip(tokens, sources)))
    filled = load.rss_mb(pid)
    stop_at = time.monotonic() + seconds + 1
    results: multiprocessing.Queue = FORK.Queue()
    heavy = FORK.Process(target=hammer_apart, args=(port, tokens, sources, stop_at, results, polite), daemon=True)
    with Peak(pid) as peak:
        heavy.start()
        time.sleep(0.5)
        during = probe(port, seconds, normal)
        counts = results.get(timeout=60)
        heavy.join(30)
    return {
        "while heavy GETs run": during,
        "orders kept per kitchen": kept,
        "heavy GETs (status: count)": counts,
        "rss_before_mib": round(base, 1),
        "rss_filled_mib": round(filled, 1),
        "rss_peak_mib": round(peak.mib, 1),
        **rss_after(port, pid, names, tokens),
    }


def journal_starvation(
    port: int, pid: int, teams: int, seconds: float, probe: Callable[..., dict], normal: dict
) -> dict:
    """Scenario 3: ``teams`` teams fill their journals, then exercise 24's reference solution, live."""
    base = load.rss_mb(pid)
    names = [f"Journal{number}" for number in range(teams)]
    sources = [load.laptop(20 + number) for number in range(teams)]
    tokens = [load.join(port, name, source) for name, source in zip(names, sources)]
    body = {"table_id": 1, "items": [{"dish_id": 1, "quantity": 1}], "notes": "n" * 9_900}

    def stuff(args: tuple[str, str]) -> int:
        token, source = args
        sent = 0
        for _ in range(450):  # 450 x ~10 kB: past the 4 MiB a journal keeps
            status, _ = load.request(port, "POST", "/orders", body, {"X-Kata-Team-Token": token}, source)
            sent += status != 429
        return sent

    result: dict[str, Any] = {}
    with Peak(pid) as peak:

        def fill_all() -> None:
            with ThreadPoolExecutor(6) as pool:
                result["sent"] = sum(pool.map(stuff, zip(tokens, sources)))

        filler = threading.Thread(target=fill_all)
        filler.start()
        time.sleep(0.5)
        during = probe(port, seconds, normal)
        filler.join(600)
        full = load.rss_mb(pid)
        dinner = load.join(port, "Dinner", load.laptop(60))
        run = dinner_test(port, dinner)
    return {
        "while journals fill": during,
        "requests journaled": result.get("sent"),
        "exercise 24 test_live_a_whole_dinner": run,
        "rss_before_mib": round(base, 1),
        "rss_filled_mib": round(full, 1),
        "rss_peak_mib": round(peak.mib, 1),
        **rss_after(port, pid, names, tokens),
    }


def dinner_test(port: int, token: str) -> str:
    """Exercise 24's reference solution, `test_live_a_whole_dinner`, against the team's kitchen; its outcome."""
    env = dict(os.environ, KATA_KITCHEN=f"http://127.0.0.1:{port}/t/{token}", PYTHONPATH=str(load.ROOT))
    command = [
        sys.executable,
        "-m",
        "pytest",
        "--target",
        "solutions",
        "tests/exercises/ch07_capstone/test_ex24_restaurant_client_pay_and_review.py::test_live_a_whole_dinner",
    ]
    done = subprocess.run(command, cwd=load.ROOT, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode == 0:
        return "passed"
    return "FAILED: " + " | ".join((done.stdout + done.stderr).strip().splitlines()[-8:])
