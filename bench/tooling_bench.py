"""What the fork server saves the tooling tests: `tests/tooling` with it and without it, side by side.

    python bench/tooling_bench.py [--rounds 3] [--json bench/results/tooling.json]

The tooling tests run `kata` and `pytest` as a learner does, several dozen times.
With the fork server (tests/tooling/forkserver.py, the default on POSIX) each run
is forked from a process that has imported pytest, requests and flask; with
KATA_TESTS_FORK=0 each is a new interpreter. The two take turns, round after
round, in one xdist-free process each (`-n 0`), so both see the same machine.

Figures per variant (medians over the rounds): pytest's own "in N s" (wall
time), and the CPU time of the run and every process it started (user + sys,
from the operating system's accounting of waited-for children).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = {"fork server": "1", "new interpreters": "0"}


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_tooling(fork: str) -> tuple[float, float]:
    """One run of tests/tooling: (pytest seconds, CPU seconds)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["KATA_TESTS_FORK"] = fork
    before = children_cpu()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/tooling", "--target", "solutions", "-q", "-n", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    cpu = children_cpu() - before
    found = re.findall(r" passed in ([0-9.]+)s", done.stdout)
    if done.returncode != 0 or not found:
        raise SystemExit(f"tests/tooling failed (KATA_TESTS_FORK={fork}):\n{done.stdout[-3000:]}")
    return float(found[-1]), cpu


def main(argv: list[str] | None = None) -> int:
    if sys.platform == "win32":
        raise SystemExit("the fork server is POSIX only: nothing to compare on Windows")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of each variant, taking turns (default: 3)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    figures: dict[str, dict[str, list[float]]] = {name: {"pytest": [], "cpu": []} for name in VARIANTS}
    for round in range(1, args.rounds + 1):
        for name, fork in VARIANTS.items():
            seconds, cpu = run_tooling(fork)
            figures[name]["pytest"].append(seconds)
            figures[name]["cpu"].append(cpu)
            print(f"round {round}, {name}: pytest {seconds:.2f} s, CPU {cpu:.2f} s", flush=True)

    medians = {name: {key: statistics.median(values) for key, values in f.items()} for name, f in figures.items()}
    ratios = {key: medians["fork server"][key] / medians["new interpreters"][key] for key in ("pytest", "cpu")}
    print(f"\ntests/tooling, {args.rounds} rounds, Python {sys.version.split()[0]} (medians)")
    print(f"{'':18} {'pytest s':>9} {'CPU s':>9}")
    for name, values in medians.items():
        print(f"{name:18} {values['pytest']:9.2f} {values['cpu']:9.2f}")
    print(f"{'fork / new':18} {ratios['pytest']:9.2f} {ratios['cpu']:9.2f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"figures": figures, "medians": medians, "ratios": ratios}, indent=2))
    print(json.dumps({"ratios": ratios}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
