"""Workshop load: a room of teams on one workshop server, on loopback, for a bounded time.

    python bench/workshop_load.py [--teams 100] [--seconds 60] [--json bench/results/workshop.json]
    python bench/workshop_load.py --at-home 200,1000,2000 [--seconds 60]   (learners at home: workshop_at_home)

Starts `python -m mock_server --workshop --port 0` in a subprocess (127.0.0.1 only), joins
`--teams` teams, then for `--seconds` each team does what a pair's test runs and polling code
do, at workshop pace, with its own token in the X-Kata-Team-Token header:

- every second: `GET /orders/<id>` (polling its latest order);
- every 5 seconds: `POST /orders` (a new order at its table);
- every 15 seconds: `POST /__workshop/reports` (a test run's results for the board);

starting at random moments (seeded) so the room is not in lock step. Each request opens a new
connection, as `requests.get` does, from the team's own loopback address (127.0.x.y on Linux, so
the server's per-address limits see one laptop per team; 127.0.0.1 elsewhere). Teams join with the
join code and within the join budget (trying again a second after a 429), all limits on.
Meanwhile the facilitator's board fetches `GET /__workshop/progress` every second. It reports
errors, p50/p99/max latency per kind of request, the board's fetch times, and the server's CPU
time and memory. Goal (issue 7): no errors, p99 < 100 ms, the board responsive. It stops by
itself; every request goes to loopback.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SECRET = "workshop-load-secret"
CODE = "LOAD-TEST"
KINDS = ("poll order", "place order", "seat a table", "report", "board feed")


def start_server(
    threads: int | None, folder: Path, host: str = "127.0.0.1", more: tuple[str, ...] = ()
) -> tuple[subprocess.Popen[str], int]:
    """The workshop server, started in ``folder`` (its room's database goes there), with ``more`` options."""
    command = [sys.executable, "-m", "mock_server", "--workshop", "--host", host, "--port", "0", *more]
    if threads:
        command += ["--threads", str(threads)]
    env = dict(os.environ, KATA_FACILITATOR_SECRET=SECRET, KATA_JOIN_CODE=CODE, PYTHONPATH=str(ROOT))
    server = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    first = server.stdout.readline()
    if "Restaurant open at" not in first:
        server.kill()
        raise SystemExit(f"the workshop server did not start: {first!r}")
    threading.Thread(target=server.stdout.read, daemon=True).start()  # drain the banner
    return server, int(first.strip().rstrip("/").rsplit(":", 1)[1])


def request(
    port: int, method: str, path: str, body: object = None, headers: dict | None = None, source: str = "127.0.0.1"
) -> tuple[int, bytes]:
    """One request on a new connection, as `requests.get` makes it (TCP_NODELAY too); (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    try:
        connection.connect()
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as urllib3 (requests) does
        data = None if body is None else json.dumps(body).encode()
        sent = dict(headers or {})
        if data is not None:
            sent["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=sent)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {kind: [] for kind in KINDS}
        self.errors: list[str] = []

    def timed(
        self,
        kind: str,
        port: int,
        method: str,
        path: str,
        body: object = None,
        headers: dict | None = None,
        source: str = "127.0.0.1",
    ):
        started = time.perf_counter()
        try:
            status, raw = request(port, method, path, body, headers, source)
        except OSError as error:
            with self.lock:
                self.errors.append(f"{kind}: {type(error).__name__}: {error}")
            return None
        elapsed = time.perf_counter() - started
        with self.lock:
            self.times[kind].append(elapsed)
            if status >= 400:
                self.errors.append(f"{kind}: {status} {raw[:120]!r}")
        return json.loads(raw) if raw and status < 400 else None


def laptop(number: int) -> str:
    """Team ``number``'s own loopback address (Linux routes all of 127/8 to lo), or 127.0.0.1."""
    address = f"127.0.{1 + number // 250}.{2 + number % 250}"
    try:
        with socket.socket() as probe:
            probe.bind((address, 0))
        return address
    except OSError:
        return "127.0.0.1"


def join(port: int, name: str, source: str) -> str:
    """Join as ``name`` within the join budget (after a 429, again a second later); the token."""
    for _ in range(100):
        status, raw = request(port, "POST", "/__workshop/teams", {"name": name, "code": CODE}, source=source)
        if status == 201:
            return str(json.loads(raw)["token"])
        if status != 429:
            raise SystemExit(f"joining as {name!r} failed: {status} {raw[:200]!r}")
        time.sleep(1.0)
    raise SystemExit(f"joining as {name!r}: still refused after 100 tries")


def team_loop(
    port: int, token: str, exercises: list[str], seed: int, stop_at: float, rec: Recorder, source: str = "127.0.0.1"
) -> None:
    rng = random.Random(seed)
    headers = {"X-Kata-Team-Token": token}
    time.sleep(rng.random() * 5)  # a room does not start in the same millisecond

    def timed(kind: str, method: str, path: str, body: object = None) -> Any:
        return rec.timed(kind, port, method, path, body, headers, source)

    table = timed("seat a table", "POST", "/tables", {"name": "Pair", "party_size": 2})
    if table is None:
        return
    order_body = {"table_id": table["id"], "items": [{"dish_id": rng.randint(1, 20), "quantity": 1}]}
    now = time.monotonic()
    next_poll, next_order, next_report = now + rng.random(), now + 5, now + rng.random() * 15
    order_id = None
    done = 0
    while True:
        now = time.monotonic()
        if now >= stop_at:
            return
        if now >= next_order or order_id is None:
            placed = timed("place order", "POST", "/orders", order_body)
            order_id = placed["id"] if placed else order_id
            next_order += 5
        if now >= next_poll and order_id is not None:
            timed("poll order", "GET", f"/orders/{order_id}")
            next_poll += 1
        if now >= next_report:
            done = min(done + rng.choice((0, 0, 1)), len(exercises) - 1)
            results = {name: "done" for name in exercises[:done]}
            results[exercises[done]] = rng.choice(("failing", "not-started"))
            timed("report", "POST", "/__workshop/reports", {"results": results})
            next_report += 15
        time.sleep(max(0.0, min(next_poll, next_order, next_report, stop_at) - time.monotonic()))


def board_loop(port: int, stop_at: float, rec: Recorder) -> None:
    headers = {"Authorization": f"Bearer {SECRET}"}
    while time.monotonic() < stop_at:
        started = time.monotonic()
        rec.timed("board feed", port, "GET", "/__workshop/progress", None, headers)
        time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=None, help="the server's waitress threads (default: its own)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here too")
    parser.add_argument(
        "--at-home",
        default=None,
        metavar="N,N,...",
        help="the learners-at-home scenario instead (issue 28): N learners with local kitchens, one room per N",
    )
    args = parser.parse_args(argv)
    if args.at_home:
        from workshop_at_home import main as at_home

        try:
            counts = [int(count) for count in args.at_home.split(",")]
        except ValueError:
            parser.error("--at-home takes learner counts separated by commas, like 200,1000,2000")
        if not all(1 <= count <= 20000 for count in counts) or not 0 < args.seconds <= 600:
            parser.error("--at-home counts 1..20000 and --seconds up to 600: this is a bounded test")
        return at_home(counts, args.seconds, args.json)
    if not 1 <= args.teams <= 300 or not 0 < args.seconds <= 600:
        parser.error("--teams 1..300 and --seconds up to 600: this is a bounded test")

    load_before = os.getloadavg()[0]
    folder = tempfile.TemporaryDirectory(prefix="workshop-load-")
    server, port = start_server(args.threads, Path(folder.name))
    rec = Recorder()
    try:
        exercises = [
            e["name"]
            for e in json.loads(
                request(port, "GET", "/__workshop/progress", headers={"Authorization": f"Bearer {SECRET}"})[1]
            )["exercises"]
        ]
        sources = [laptop(number) for number in range(args.teams)]
        joining = time.monotonic()
        tokens = [join(port, f"Team {number + 1}", sources[number]) for number in range(args.teams)]
        join_seconds = time.monotonic() - joining
        cpu_before, rss_before = cpu_seconds(server.pid), rss_mb(server.pid)
        started = time.monotonic()
        stop_at = started + args.seconds
        workers = [
            threading.Thread(target=team_loop, args=(port, token, exercises, n, stop_at, rec, sources[n]), daemon=True)
            for n, token in enumerate(tokens)
        ]
        workers.append(threading.Thread(target=board_loop, args=(port, stop_at, rec), daemon=True))
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(args.seconds + 30)
        wall = time.monotonic() - started
        cpu = cpu_seconds(server.pid) - cpu_before
        rss = (rss_before, rss_mb(server.pid))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        folder.cleanup()
    load_after = os.getloadavg()[0]

    total = sum(len(times) for times in rec.times.values())
    everything = [t for kind in KINDS if kind != "board feed" for t in rec.times[kind]]
    rows = []
    for kind in (*KINDS, "all team requests"):
        times = everything if kind == "all team requests" else rec.times[kind]
        rows.append(
            {
                "kind": kind,
                "requests": len(times),
                "p50_ms": percentile(times, 0.50) * 1000,
                "p99_ms": percentile(times, 0.99) * 1000,
                "max_ms": max(times, default=float("nan")) * 1000,
            }
        )
    figures = {
        "teams": args.teams,
        "join_seconds": round(join_seconds, 1),
        "seconds": round(wall, 1),
        "requests": total,
        "requests_per_second": round(total / wall, 1),
        "errors": len(rec.errors),
        "server_cpu_share": round(cpu / wall, 3),
        "server_rss_mb": [round(rss[0], 1), round(rss[1], 1)],
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "rows": rows,
    }
    print(
        f"{args.teams} teams (joined in {join_seconds:.1f} s, within the join budget) for {wall:.0f} s: "
        f"{total} requests ({total / wall:.0f}/s), {len(rec.errors)} errors; "
        f"server CPU {100 * cpu / wall:.0f}% of one core, RSS {rss[0]:.0f} -> {rss[1]:.0f} MB; "
        f"load average {load_before:.1f} before, {load_after:.1f} after"
    )
    print()
    print("| request | count | p50 ms | p99 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row['kind']} | {row['requests']} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['max_ms']:.1f} |"
        )
    for error in rec.errors[:10]:
        print("error:", error)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    team_p99 = rows[-1]["p99_ms"]
    board_p99 = rows[KINDS.index("board feed")]["p99_ms"]
    ok = not rec.errors and team_p99 < 100 and board_p99 < 250
    print(f"\nGoal (no errors, p99 < 100 ms, board feed p99 < 250 ms): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
