"""Learners at home (issue 28): a course's room that serves only joins, reports and the board.

    python bench/workshop_load.py --at-home 200,1000,2000 [--seconds 60] [--json bench/results/at-home.json]

For each N, on a fresh room: N learners, each a team of one with its kitchen on its own laptop
(`kata join --local-kitchen`), already joined (seated through the registry into the room's file
before the server starts: the join budget admits 5 joins a second, 2000 joins would take 400 s),
each report one test run every 20 seconds (`POST /__workshop/reports`, `"kitchen": "local"`; one
exercise, or every exercise one run in five, as `kata check N` and `kata` send), starting at random
moments (seeded). Meanwhile a newcomer joins every 2 seconds with the join code, and the
facilitator's board fetches `GET /__workshop/progress` one second after its last answer (or as long
as the feed's `poll_ms` says: 5 s at 2000 teams), as the board page does. Every request is a new
connection from the learner's own loopback address (127.0.x.y), as `requests` makes it.

The load comes from one asyncio loop in this process (no thread per learner), the server is
`python -m mock_server --workshop` in another; both share the machine's two cores, so the table
gives this process' CPU share beside the server's. Reported per N: errors, p50/p99/max of a
report, a join and the board's fetch, the board's size, the server's CPU share and peak RSS, and
the load average before and after. The ceiling of one server process is the first N whose report
p99 passes 200 ms.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from workshop_load import CODE, SECRET, cpu_seconds, laptop, percentile, rss_mb, start_server  # noqa: E402

EVERY = 20.0  # seconds between two runs of one learner
JOIN_EVERY = 2.0  # a newcomer joins this often
CEILING_MS = 200.0
KINDS = ("report", "join", "board feed")


def seat(folder: Path, learners: int, room: int) -> tuple[Path, list[str], list[str]]:
    """A room file with ``learners`` teams of one already joined; (file, tokens, exercise names)."""
    from mock_server.workshop import find_exercises
    from mock_server.workshop.budgets import JoinLimiter
    from mock_server.workshop.db import Database
    from mock_server.workshop.registry import Registry

    path = folder / "course.sqlite3"
    exercises = find_exercises(ROOT)
    database = Database(path, watch_every=None)
    unlimited = JoinLimiter(burst=learners + 1, room_burst=learners + 1)
    registry = Registry(SECRET, exercises, max_teams=room, database=database, join_code=CODE, joins=unlimited)
    tokens = [registry.join(f"Learner {number + 1}").token for number in range(learners)]
    database.close()
    return path, tokens, [exercise["name"] for exercise in exercises]


def start(folder: Path, room_file: Path, room: int) -> tuple[subprocess.Popen[str], int]:
    return start_server(None, folder, more=("--workshop-db", str(room_file), "--max-teams", str(room)))


class Load:
    """One run's requests, on one event loop."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.times: dict[str, list[float]] = {kind: [] for kind in KINDS}
        self.errors: list[str] = []
        self.board_bytes = 0
        self.board_poll = 1000  # ms: the feed's poll_ms, which the board page follows

    async def send(self, kind: str, method: str, path: str, body: Any, headers: dict[str, str], source: str) -> int:
        data = b"" if body is None else json.dumps(body).encode()
        head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "Connection: close"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        if body is not None:
            head += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", self.port, local_addr=(source, 0)), 10
            )
            try:
                writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
                raw = await asyncio.wait_for(reader.read(), 10)  # until the server closes: the whole answer
            finally:
                writer.close()
        except (OSError, asyncio.TimeoutError) as error:
            self.errors.append(f"{kind}: {type(error).__name__}: {error}")
            return 0
        self.times[kind].append(time.perf_counter() - started)
        status = int(raw[9:12]) if raw[:5] == b"HTTP/" else 0
        if kind == "board feed":
            self.board_bytes = len(raw)
            self.board_poll = self.poll_ms(raw)
        if not 200 <= status < 300:
            self.errors.append(f"{kind}: {status} {raw[:160]!r}")
        return status

    async def learner(self, number: int, token: str, exercises: list[str], stop_at: float) -> None:
        rng = random.Random(number)
        source = laptop(number)
        headers = {"X-Kata-Team-Token": token}
        done = rng.randrange(len(exercises))
        await asyncio.sleep(min(rng.random() * EVERY, max(0.0, stop_at - time.monotonic())))
        while time.monotonic() < stop_at:
            started = time.monotonic()
            done = min(done + rng.choice((0, 0, 1)), len(exercises) - 1)
            if rng.random() < 0.2:  # `kata`: the whole kata
                results = {name: "done" for name in exercises[:done]}
                results.update({name: "not-started" for name in exercises[done + 1 :]})
            else:  # `kata check N`: the exercise it is on
                results = {}
            results[exercises[done]] = rng.choice(("failing", "done"))
            body = {"results": results, "target": "solutions", "kitchen": "local"}
            await self.send("report", "POST", "/__workshop/reports", body, headers, source)
            await asyncio.sleep(max(0.0, min(started + EVERY, stop_at) - time.monotonic()))

    async def newcomers(self, first: int, stop_at: float) -> None:
        number = first
        while time.monotonic() < stop_at:
            started = time.monotonic()
            body = {"name": f"Newcomer {number}", "code": CODE}
            await self.send("join", "POST", "/__workshop/teams", body, {}, laptop(number))
            number += 1
            await asyncio.sleep(max(0.0, min(started + JOIN_EVERY, stop_at) - time.monotonic()))

    async def board(self, stop_at: float) -> None:
        headers = {"Authorization": f"Bearer {SECRET}", "Accept": "application/json"}
        while time.monotonic() < stop_at:
            await self.send("board feed", "GET", "/__workshop/progress", None, headers, "127.0.0.1")
            await asyncio.sleep(max(0.0, min(self.board_poll / 1000, stop_at - time.monotonic())))

    @staticmethod
    def poll_ms(raw: bytes) -> int:
        try:
            return int(json.loads(raw.partition(b"\r\n\r\n")[2]).get("poll_ms", 1000))
        except (ValueError, AttributeError):
            return 1000

    async def run(self, tokens: list[str], exercises: list[str], seconds: float) -> None:
        stop_at = time.monotonic() + seconds
        tasks = [self.learner(n, token, exercises, stop_at) for n, token in enumerate(tokens)]
        tasks += [self.newcomers(len(tokens), stop_at), self.board(stop_at)]
        await asyncio.gather(*tasks)


def one_room(learners: int, seconds: float) -> dict[str, Any]:
    room = learners + int(seconds / JOIN_EVERY) + 10
    with tempfile.TemporaryDirectory(prefix="workshop-at-home-") as name:
        folder = Path(name)
        room_file, tokens, exercises = seat(folder, learners, room)
        load_before = os.getloadavg()[0]
        server, port = start(folder, room_file, room)
        load = Load(port)
        peak = [rss_mb(server.pid)]
        sampling = threading.Event()

        def sample() -> None:
            while not sampling.wait(1.0):
                peak.append(rss_mb(server.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        try:
            cpu_before, mine_before, started = cpu_seconds(server.pid), time.process_time(), time.monotonic()
            sampler.start()
            asyncio.run(load.run(tokens, exercises, seconds))
            wall = time.monotonic() - started
            cpu, mine = cpu_seconds(server.pid) - cpu_before, time.process_time() - mine_before
            rss_end = rss_mb(server.pid)
        finally:
            sampling.set()
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    figures: dict[str, Any] = {
        "learners": learners,
        "seconds": round(wall, 1),
        "errors": len(load.errors),
        "first_errors": load.errors[:5],
        "server_cpu_share": round(cpu / wall, 3),
        "generator_cpu_share": round(mine / wall, 3),
        "server_rss_mb": {"end": round(rss_end, 1), "peak": round(max([*peak, rss_end]), 1)},
        "board_kb": round(load.board_bytes / 1024, 1),
        "board_poll_ms": load.board_poll,
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    for kind in KINDS:
        times = load.times[kind]
        figures[kind] = {
            "count": len(times),
            "p50_ms": round(percentile(times, 0.50) * 1000, 1),
            "p99_ms": round(percentile(times, 0.99) * 1000, 1),
            "max_ms": round(max(times, default=float("nan")) * 1000, 1),
        }
    return figures


def main(learners: list[int], seconds: float, json_path: Path | None) -> int:
    rows = []
    for count in learners:
        figures = one_room(count, seconds)
        rows.append(figures)
        print(f"N={count}: {json.dumps(figures)}", flush=True)
    print()
    print(
        "| learners | reports | errors | report p50 / p99 / max ms | join p99 ms | board p50 / p99 ms | board KB "
        "| server CPU | load generator CPU | server RSS peak MiB | load average |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for row in rows:
        report, join, board = row["report"], row["join"], row["board feed"]
        print(
            f"| {row['learners']} | {report['count']} | {row['errors']} "
            f"| {report['p50_ms']} / {report['p99_ms']} / {report['max_ms']} | {join['p99_ms']} "
            f"| {board['p50_ms']} / {board['p99_ms']} | {row['board_kb']} "
            f"| {100 * row['server_cpu_share']:.0f}% | {100 * row['generator_cpu_share']:.0f}% "
            f"| {row['server_rss_mb']['peak']} | {row['load_average'][0]} -> {row['load_average'][1]} |"
        )
    over = [row["learners"] for row in rows if row["report"]["p99_ms"] > CEILING_MS]
    print(
        f"\nCeiling of one server process (report p99 > {CEILING_MS:.0f} ms): "
        + (f"reached at N = {over[0]}" if over else f"not reached up to N = {max(learners)}")
    )
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0 if not any(row["errors"] for row in rows) else 1
