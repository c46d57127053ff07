"""What the tooling tests cost, layer by layer: the in-process tests and the end-to-end ones, side by side.

    python bench/tooling_bench.py [--rounds 3] [--json bench/results/tooling.json]

Most of `tests/tooling` runs the plugin with pytester and the CLI through
`kata.cli.main` in one process; `test_end_to_end.py` starts real `kata`
processes, about ten of them (docs/maintainers.md, "Where a new test belongs").
The two layers take turns, round after round, each in an xdist-free run
(`-n 0`), so both see the same machine.

Figures per layer (medians over the rounds): pytest's own "in N s" (wall
time), the CPU time of the run and every process it started (user + sys, from
the operating system's accounting of waited-for children), and the number of tests.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
END_TO_END = "tests/tooling/test_end_to_end.py"
LAYERS = {"in-process": ["tests/tooling", f"--ignore={END_TO_END}"], "end-to-end": [END_TO_END]}


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_layer(name: str) -> tuple[float, float, int]:
    """One run of a layer: (pytest seconds, CPU seconds, tests)."""
    before = children_cpu()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *LAYERS[name], "--target", "solutions", "-q", "-n", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    cpu = children_cpu() - before
    found = re.findall(r"(\d+) passed.* in ([0-9.]+)s", done.stdout)
    if done.returncode != 0 or not found:
        raise SystemExit(f"the {name} tooling tests failed:\n{done.stdout[-3000:]}")
    return float(found[-1][1]), cpu, int(found[-1][0])


def main(argv: list[str] | None = None) -> int:
    if sys.platform == "win32":
        raise SystemExit("the CPU time of child processes comes from POSIX's getrusage: nothing to measure on Windows")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of each layer, taking turns (default: 3)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    figures: dict[str, dict[str, list[float]]] = {name: {"pytest": [], "cpu": [], "tests": []} for name in LAYERS}
    for round in range(1, args.rounds + 1):
        for name in LAYERS:
            seconds, cpu, tests = run_layer(name)
            figures[name]["pytest"].append(seconds)
            figures[name]["cpu"].append(cpu)
            figures[name]["tests"].append(tests)
            print(f"round {round}, {name}: {tests} tests, pytest {seconds:.2f} s, CPU {cpu:.2f} s", flush=True)

    medians = {name: {key: statistics.median(values) for key, values in f.items()} for name, f in figures.items()}
    per_test = {name: {key: m[key] / m["tests"] for key in ("pytest", "cpu")} for name, m in medians.items()}
    print(f"\ntests/tooling, {args.rounds} rounds, Python {sys.version.split()[0]} (medians)")
    print(f"{'':12} {'tests':>6} {'pytest s':>9} {'CPU s':>9} {'CPU s/test':>11}")
    for name, values in medians.items():
        each = per_test[name]["cpu"]
        print(f"{name:12} {values['tests']:6.0f} {values['pytest']:9.2f} {values['cpu']:9.2f} {each:11.3f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"figures": figures, "medians": medians, "per_test": per_test}, indent=2))
    print(json.dumps({"medians": medians, "per_test": per_test}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
