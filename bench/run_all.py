"""Run every benchmark in one go and print one table of ratios.

    python bench/run_all.py [--quick] [--with-workshop] [--out bench/results/summary.md]

Each benchmark runs as its own process with the same interpreter (see its own
docstring for the method); this script only collects their figures:

- the learner's feedback loop (`feedback_bench.py`): `kata check N` against a bare pytest;
- the server (`server_bench.py`): the restaurant against a bare Flask route, served alike;
- the suites: `pytest --target solutions` and the learner's focused run over the untouched stubs,
  with pytest's own "in N s" figure (pytest time, as the issues state their budgets);
- the tooling tests, in-process and end-to-end layers side by side (`tooling_bench.py`, POSIX);
- with `--with-workshop`, the 60-second workshop load test (`workshop_load.py`).

Ratios are measured side by side in one run; absolute times on a shared machine are only context.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"


def run(*args: str) -> str:
    print("$", " ".join(args), flush=True)
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{args[0]} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done.stdout


def last_json_object(text: str) -> dict:
    start = text.rfind("\n{")
    return json.loads(text[start + 1 if start >= 0 else text.index("{") :])


def pytest_seconds(*args: str) -> float:
    """pytest's own 'in N s' figure for one run (plugins limited to the kata's own, as `kata check` runs)."""
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "requests_mock", "-p", "xdist", "-q", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    found = re.findall(r" in ([0-9.]+)s", done.stdout)
    if not found:
        raise SystemExit(f"pytest {' '.join(args)} printed no time:\n{done.stdout[-2000:]}")
    return float(found[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run of the benchmarks)")
    parser.add_argument("--with-workshop", action="store_true", help="also run the 60 s workshop load test")
    parser.add_argument("--out", type=Path, default=BENCH / "results" / "summary.md", help="where to write the table")
    args = parser.parse_args(argv)
    rows: list[tuple[str, str, str]] = []

    with tempfile.TemporaryDirectory() as scratch:
        feedback_json = Path(scratch) / "feedback.json"
        run(str(BENCH / "feedback_bench.py"), "--repeat", "3" if args.quick else "7", "--json", str(feedback_json))
        feedback = json.loads(feedback_json.read_text(encoding="utf-8"))
    for name, ratio in feedback["ratios"].items():
        rows.append(("feedback loop", name, f"{ratio:.2f}"))

    server_args = ["--seconds", "1", "--rounds", "1"] if args.quick else []
    server = last_json_object(run(str(BENCH / "server_bench.py"), *server_args, "--json"))["results"]
    for route in ("GET", "POST"):
        bare = server[f"bare {route} /bare"]
        real = server["restaurant GET /menu" if route == "GET" else "restaurant POST /orders"]
        rows.append(
            ("server", f"restaurant {route} / bare Flask {route}: throughput", f"{real['rps'] / bare['rps']:.2f}")
        )
        rows.append(("server", f"restaurant {route}: p99 ms (bare: {bare['p99_ms']:.1f})", f"{real['p99_ms']:.1f}"))

    solutions = pytest_seconds("--target", "solutions", "-n", "auto")
    exercises_only = pytest_seconds("tests/exercises", "--target", "solutions")
    learner = pytest_seconds("tests/exercises", "--target", "exercises", "--no-header", "-rN")
    rows.append(("suites", "tox -e solutions: pytest seconds (whole project, all cores)", f"{solutions:.2f}"))
    rows.append(("suites", "exercise suites on solutions/: pytest seconds", f"{exercises_only:.2f}"))
    rows.append(("suites", "learner's focused run on the stubs: pytest seconds", f"{learner:.2f}"))
    if sys.platform != "win32":
        rounds = "1" if args.quick else "3"
        tooling = last_json_object(run(str(BENCH / "tooling_bench.py"), "--rounds", rounds))["medians"]
        for layer, figures in tooling.items():
            for key, unit in (("pytest", "pytest seconds"), ("cpu", "CPU seconds")):
                rows.append(("suites", f"tests/tooling, {layer} tests: {unit}", f"{figures[key]:.2f}"))

    if args.with_workshop:
        with tempfile.TemporaryDirectory() as scratch:
            load_json = Path(scratch) / "workshop.json"
            run(str(BENCH / "workshop_load.py"), "--json", str(load_json))
            load = json.loads(load_json.read_text(encoding="utf-8"))
        for key, value in load.items():
            if isinstance(value, (int, float)):
                rows.append(("workshop", key, f"{value:g}"))

    table = "| area | figure | value |\n| --- | --- | --- |\n" + "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows)
    print()
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
