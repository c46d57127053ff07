"""Throughput of the restaurant server against a bare Flask app, both under waitress.

    python bench/server_bench.py [--seconds 5] [--clients 32] [--write-readme]

In one run: starts (a) the real app (``python -m mock_server``, journal and
rate limiting on, with a budget too large to trigger) and (b) a bare Flask app
with one JSON route, each in its own subprocess on a free loopback port with
the same number of waitress threads. Then drives each with ``--clients``
concurrent keep-alive clients (one persistent connection per thread, spread
over ``--processes`` client processes) for a bounded time, and reports
requests/s, the ratio to the bare route, p50/p99 latency and the server's
resident memory. Only pip packages (requests, flask, waitress) are needed;
loopback only.

The clients use ``http.client`` by default: on a 2-core machine the load
generator shares the CPUs with the server, and ``requests`` spends several
times more CPU per call than the server does, so with it (``--client
requests``) the benchmark mostly measures the client.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parents[1]
README = Path(__file__).resolve().parent / "README.md"
HEADING = "## Server throughput"
ORDER = {"table_id": 1, "items": [{"dish_id": 11, "quantity": 2}, {"dish_id": 19, "quantity": 1}]}
GOALS = {"ratio": 0.70, "p99_ms": 50.0, "rss_mb": 80.0}


# --- the bare app -----------------------------------------------------------------------------


def serve_bare(threads: int) -> None:
    """A bare Flask app: one JSON route, GET answers JSON, POST parses JSON and answers 201."""
    import logging

    import waitress
    from flask import Flask, jsonify, request

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # as python -m mock_server does

    app = Flask("bare")

    @app.route("/bare", methods=["GET", "POST"])
    def bare():
        if request.method == "POST":
            return jsonify(request.get_json()), 201
        return jsonify({"status": "open"})

    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads)
    print(f"Bare app at http://127.0.0.1:{server.effective_port}/", flush=True)
    server.run()


# --- servers ----------------------------------------------------------------------------------


def start(command: list[str], env: dict[str, str] | None = None, root: Path = ROOT) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        command,
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(root), **(env or {})),
    )
    line = process.stdout.readline() if process.stdout else ""
    match = re.search(r"http://\S+", line)
    if not match:
        process.kill()
        raise SystemExit(f"server did not start: {command} printed {line!r}")
    return process, match.group(0).rstrip("/")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    if process.stdout:
        process.stdout.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by ``pid`` (Linux /proc); NaN elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of ``pid`` in MiB, from /proc (Linux); NaN elsewhere."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan"), float("nan")
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
    return int(values["VmRSS"]) / 1024, int(values["VmHWM"]) / 1024


# --- clients ----------------------------------------------------------------------------------


class RequestsClient:
    """One keep-alive ``requests.Session``."""

    def __init__(self, url: str, method: str, body: dict | None) -> None:
        self.session, self.url, self.method, self.body = requests.Session(), url, method, body

    def call(self) -> int:
        response = self.session.request(self.method, self.url, json=self.body, timeout=10)
        _ = response.content
        return response.status_code

    def close(self) -> None:
        self.session.close()


class HttpClient:
    """One keep-alive ``http.client`` connection (much less client CPU per call)."""

    def __init__(self, url: str, method: str, body: dict | None) -> None:
        parts = urlsplit(url)
        self.connection = HTTPConnection(parts.hostname, parts.port, timeout=10)
        self.path, self.method = parts.path, method
        self.body = json.dumps(body).encode() if body is not None else None
        self.headers = {"Content-Type": "application/json"} if body is not None else {}

    def call(self) -> int:
        self.connection.request(self.method, self.path, body=self.body, headers=self.headers)
        response = self.connection.getresponse()
        response.read()
        return response.status

    def close(self) -> None:
        self.connection.close()


CLIENTS = {"http.client": HttpClient, "requests": RequestsClient}


def client_process(kind: str, url: str, method: str, body: dict | None, threads: int, seconds: float, out) -> None:
    """Run ``threads`` keep-alive clients until the deadline; send back (count, errors, latencies)."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start_at = time.perf_counter() + 0.3  # let every thread connect first
    deadline = start_at + seconds

    def worker() -> None:
        mine: list[float] = []
        failed = 0
        client = CLIENTS[kind](url, method, body)
        try:
            client.call()  # open the connection
            while time.perf_counter() < start_at:
                time.sleep(0.001)
            while True:
                begun = time.perf_counter()
                if begun >= deadline:
                    break
                try:
                    failed += client.call() >= 400
                except (OSError, requests.RequestException):
                    failed += 1
                    client.close()
                    client = CLIENTS[kind](url, method, body)
                mine.append(time.perf_counter() - begun)
        finally:
            client.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    out.put((len(latencies), errors[0], latencies))


def drive(kind: str, url: str, method: str, body: dict | None, clients: int, processes: int, seconds: float) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    shares = [clients // processes + (index < clients % processes) for index in range(processes)]
    workers = [
        context.Process(target=client_process, args=(kind, url, method, body, share, seconds, queue))
        for share in shares
    ]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=seconds + 60) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    latencies = sorted(latency for _, _, batch in results for latency in batch)
    count = sum(result[0] for result in results)
    return {
        "requests": count,
        "errors": sum(result[1] for result in results),
        "rps": count / seconds,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("nan"),
    }


# --- report -----------------------------------------------------------------------------------


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return float("nan")


def _median_round(runs: list[dict]) -> dict:
    ordered = sorted(runs, key=lambda run: run["rps"])
    middle = dict(ordered[len(ordered) // 2])
    middle["errors"] = sum(run["errors"] for run in runs)
    return middle


def report(results: dict[str, dict], rss: dict[str, tuple[float, float]], args: argparse.Namespace) -> str:
    bare_get, bare_post = results["bare GET /bare"]["rps"], results["bare POST /bare"]["rps"]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{args.clients} keep-alive {args.client} clients ({args.processes} client processes), "
        f"{args.rounds} rounds of {args.seconds:g} s per scenario taking turns (median round shown), "
        f"waitress with {args.threads} threads, loopback; load average {args.load[0]:.1f} before, "
        f"{args.load[1]:.1f} after. Command: `python bench/server_bench.py {' '.join(sys.argv[1:])}`.".replace(
            " `.", "`."
        ),
        "",
        "| scenario | requests/s | vs bare GET | vs bare POST | p50 ms | p99 ms | server CPU µs/request | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, result in results.items():
        lines.append(
            f"| {name} | {result['rps']:.0f} | {result['rps'] / bare_get:.0%} | {result['rps'] / bare_post:.0%} "
            f"| {result['p50_ms']:.1f} | {result['p99_ms']:.1f} | {result['cpu_us']:.0f} | {result['errors']} |"
        )
    lines += ["", "| server process | RSS after run (MiB) | peak RSS (MiB) |", "| --- | ---: | ---: |"]
    for name, (now, peak) in rss.items():
        lines.append(f"| {name} | {now:.1f} | {peak:.1f} |")
    menu, orders = results["restaurant GET /menu"], results["restaurant POST /orders"]
    checks = [
        ("GET /menu >= 70% of bare GET", menu["rps"] / bare_get >= GOALS["ratio"]),
        ("POST /orders >= 70% of bare POST", orders["rps"] / bare_post >= GOALS["ratio"]),
        ("p99 < 50 ms", max(menu["p99_ms"], orders["p99_ms"]) < GOALS["p99_ms"]),
        ("server peak RSS < 80 MiB", rss["restaurant"][1] < GOALS["rss_mb"]),
        ("no errors", all(result["errors"] == 0 for result in results.values())),
    ]
    lines += ["", "Goals: " + "; ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in checks) + "."]
    return "\n".join(lines)


INTRO = """\
`python bench/server_bench.py [--seconds 3] [--rounds 3] [--clients 32] [--write-readme]`

How much the restaurant's machinery (tenant state, journal, faults, rate limit, validation, problem
details) costs against the cheapest possible Flask app. One run starts, each in its own process on a free
loopback port and under waitress with the same threads: the real kitchen (`python -m mock_server`, rate
limit on with a budget too large to trigger, so its check still runs) and a bare Flask app with one JSON
route (`GET /bare` answers `{"status": "open"}`, `POST /bare` parses and echoes the JSON). 32 keep-alive
clients in 2 processes then hammer, in turns, bare GET, bare POST, `GET /menu` and `POST /orders` (a real
order, validated and stored), round after round so that load from elsewhere on the machine hits every
scenario alike; each row is its median round. POST /orders is compared with the bare POST (same work on the
wire: a JSON body in, a JSON body out), GET /menu with the bare GET.

The clients use `http.client` (`--client requests` is there too): the load generator shares the 2 cores
with the servers, and a `requests` call costs the client several times more CPU than the kitchen spends
answering it, so with `requests` the benchmark mostly measures the client. "server CPU µs/request" is the
server process's own CPU time (from /proc) divided by the requests it answered: it moves less than
requests/s when other jobs share the machine, though a crowded CPU still inflates it. Most of a bare
request's CPU is waitress itself (HTTP parsing, the socket loop, the hand-off to a worker thread).
The kitchen keeps every order until `POST /__admin/reset` (about 1 KiB each), so its RSS grows with the
orders this benchmark places: tens of thousands in a run.

What keeps the kitchen close to bare: the journal stores each request's raw pieces (environ headers,
body bytes) and decodes them only when `GET /__admin/journal` is read; menu pages are rendered once per
distinct query (the menu never changes) with their ETag; faults cost nothing until one is armed; money is
added up in whole cents instead of `Decimal`; order timestamps are formatted once, when they change.

Run to run, on this 2-core machine shared with other busy jobs (load average 4 to 9), the figures move
a lot: over nine runs on 2026-11-24, GET /menu made 74 % to 107 % of the bare GET, POST /orders 64 % to
76 % of the bare POST (median about 70 %: on the goal, not safely above it), p99 stayed between 44 and
79 ms for the kitchen and 32 to 61 ms for the bare app (the 50 ms goal is met only on calmer runs, by
both), and the kitchen's RSS stayed between 45 and 61 MiB. What is left between POST /orders and the bare
echo is mostly Flask's per-request machinery that a bare app does not have (before/after hooks of the
kitchen, webhooks and workshop mode, nine blueprints) plus validating and storing the order; moving the
kitchen's hooks into WSGI middleware would save some of it, at the price of re-ordering them against
workshop mode's gate.
"""


def write_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    body = f"{HEADING}\n\n{INTRO}\n<!-- figures written by bench/server_bench.py --write-readme -->\n{section}\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: body + "\n", text).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + body
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="measured time per scenario and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; scenarios take turns in each")
    parser.add_argument("--clients", type=int, default=32, help="concurrent keep-alive clients")
    parser.add_argument("--processes", type=int, default=2, help="client processes to spread them over")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads in each server")
    parser.add_argument("--client", choices=sorted(CLIENTS), default="http.client", help="HTTP client library")
    parser.add_argument("--write-readme", action="store_true", help=f"update '{HEADING}' in bench/README.md")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON too")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another source tree of the kata (e.g. `git archive REV | tar -x -C DIR`): its kitchen is measured "
        "in the same run, as 'baseline' rows",
    )
    parser.add_argument("--bare-server", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_server:
        serve_bare(args.threads)
        return 0

    # A budget too large to trigger (its check still runs), and room for the orders a run places.
    env = {
        "MOCK_SERVER_RATE_LIMIT": json.dumps({"limit": 10**9, "window": 10}),
        "MOCK_SERVER_LIMITS": json.dumps({"orders": 10**8}),
    }
    kitchen = [sys.executable, "-m", "mock_server", "--port", "0", "--threads", str(args.threads)]
    real, real_url = start(kitchen, env=env)
    servers = {"restaurant": real}
    bare, bare_url = start([sys.executable, __file__, "--bare-server", "--threads", str(args.threads)])
    servers["bare"] = bare
    if args.baseline:
        servers["baseline"], baseline_url = start(kitchen, env=env, root=args.baseline.resolve())
    try:
        scenarios = {
            "bare GET /bare": (f"{bare_url}/bare", "GET", None),
            "bare POST /bare": (f"{bare_url}/bare", "POST", ORDER),
            "restaurant GET /menu": (f"{real_url}/menu", "GET", None),
            "restaurant POST /orders": (f"{real_url}/orders", "POST", ORDER),
        }
        if args.baseline:
            scenarios["baseline GET /menu"] = (f"{baseline_url}/menu", "GET", None)
            scenarios["baseline POST /orders"] = (f"{baseline_url}/orders", "POST", ORDER)
        for name, (url, _, _) in scenarios.items():
            if name.endswith("/orders"):
                table = url.rsplit("/", 1)[0] + "/tables"
                requests.post(table, json={"name": "Bench", "party_size": 4}, timeout=5).raise_for_status()
        # Scenarios take turns, round after round, so that a burst of load from elsewhere on the
        # machine hits all of them alike; each scenario's figure is its median round.
        rounds: dict[str, list[dict]] = {name: [] for name in scenarios}
        load_before = _load()
        for number in range(args.rounds):
            for name, (url, method, body) in scenarios.items():
                server = servers[name.split(" ", 1)[0]]
                cpu_before = cpu_seconds(server.pid)
                result = drive(args.client, url, method, body, args.clients, args.processes, args.seconds)
                result["cpu_us"] = (cpu_seconds(server.pid) - cpu_before) / max(result["requests"], 1) * 1e6
                rounds[name].append(result)
                print(
                    f"round {number + 1} {name}: {result['rps']:.0f} req/s, p99 {result['p99_ms']:.1f} ms", flush=True
                )
        results = {name: _median_round(runs) for name, runs in rounds.items()}
        rss = {name: rss_mb(server.pid) for name, server in servers.items()}
        args.load = (load_before, _load())
    finally:
        for server in servers.values():
            stop(server)
    section = report(results, rss, args)
    print()
    print(section)
    if args.json:
        print(json.dumps({"results": results, "rss_mb": rss}, indent=2))
    if args.write_readme:
        write_readme(section)
        print(f"\nwrote {README.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
