"""How fast is the learner's feedback loop? `kata check` against a bare pytest, and `kata watch`'s reaction.

    python bench/feedback_bench.py [--exercise N] [--repeat 7] [--json bench/results/feedback.json]

Everything runs in a temporary copy of the kata (its git-tracked files), so
your own exercises are never touched. Measured side by side, round-robin,
with the same interpreter, bytecode caching on (as on a learner's machine:
PYTHONDONTWRITEBYTECODE is dropped) and after one warm-up run of each:

  bare pytest           `python -m pytest test_one.py`: a file with one empty
                        test, in an empty folder, with the pytest plugins a
                        learner's install has: auto-loading off, then
                        requests-mock by name (the kata's dependencies hold no
                        other pytest plugin). This is the issue's baseline,
                        whatever else this environment has installed.
  bare pytest, autoload the same with this environment's plugins auto-loaded
                        (a developer's environment with hypothesis or
                        schemathesis pays seconds here: not a fair baseline)
  bare pytest, no plugins  pytest's own start-up and nothing else
  pytest on N's file    `python -m pytest tests/exercises/.../test_N.py` in the
                        kata, plugins as in the bare run: what `tox` does for one
                        file, with a kitchen started in-process
  kata check N          `python -m kata check N` on the untouched stub (fails,
                        the usual state) and on the reference solution (passes)

and `kata watch N`: from a save to the moment the watch reacts (prints that it
re-runs), and from a save to the end of the test output.

The issue's target: `kata check N` <= 1.5 x the bare pytest (medians), for
the stub and for the solution.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kata.catalogue import load  # noqa: E402

TARGET_RATIO = 1.5


def copy_kata(destination: Path) -> Path:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def learner_env() -> dict[str, str]:
    """This environment as a learner's terminal has it: colour off for the pipes, bytecode cached, no kitchen given."""
    env = {**os.environ, "NO_COLOR": "1"}
    for name in ("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "PYTHONDONTWRITEBYTECODE", "KATA_KITCHEN", "KATA_SERVER"):
        env.pop(name, None)
    return env


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def bench_check(kata: Path, empty: Path, number: int, repeat: int) -> dict[str, list[float]]:
    exercise = load(kata).exercises[number - 1]
    mine, reference = exercise.source("exercises"), exercise.source("solutions")
    stub = mine.read_bytes()
    env = learner_env()
    learner = {**env, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    python = sys.executable
    test_file = exercise.test_file().relative_to(kata).as_posix()
    bare = [python, "-m", "pytest", "-q", "test_one.py"]
    commands = {
        "bare pytest": ([*bare, "-p", "requests_mock"], empty, learner),
        "bare pytest, autoload": (bare, empty, env),
        "bare pytest, no plugins": (bare, empty, learner),
        "pytest on N's file": ([python, "-m", "pytest", "-q", "-p", "requests_mock", test_file], kata, learner),
        "kata check N (stub)": ([python, "-m", "kata", "check", str(number)], kata, env),
        "kata check N (solved)": ([python, "-m", "kata", "check", str(number)], kata, env),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command, cwd, environment in commands.values():  # warm the caches once
        timed(command, cwd, environment)
    for _ in range(repeat):
        for name, (command, cwd, environment) in commands.items():
            mine.write_bytes(reference.read_bytes() if "solved" in name else stub)
            times[name].append(timed(command, cwd, environment))
    mine.write_bytes(stub)
    return times


class Watch:
    def __init__(self, kata: Path, number: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kata", "watch", str(number)],
            cwd=kata, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, env=learner_env(),
        )  # fmt: skip
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout or ():
            self.lines.append((time.perf_counter(), line))

    def first_after(self, since: float, text: str, deadline: float = 30.0) -> float:
        end = time.perf_counter() + deadline
        while time.perf_counter() < end:
            for stamp, line in list(self.lines):
                if stamp >= since and text in line:
                    return stamp - since
            time.sleep(0.005)
        raise RuntimeError(f"kata watch never printed {text!r}")

    def stop(self) -> None:
        if self.process.stdin:
            try:
                self.process.stdin.write("q\n")
                self.process.stdin.close()
            except OSError:
                pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


def bench_watch(kata: Path, number: int, repeat: int) -> dict[str, list[float]]:
    mine = load(kata).exercises[number - 1].source("exercises")
    watch = Watch(kata, number)
    times: dict[str, list[float]] = {"watch: save -> re-run starts": [], "watch: save -> result shown": []}
    try:
        watch.first_after(0, "watching for saves")
        for _ in range(repeat):
            time.sleep(1.5)  # a learner reads the result before the next save (the watch prepares the next run)
            saved = time.perf_counter()
            mine.write_bytes(mine.read_bytes())
            times["watch: save -> re-run starts"].append(watch.first_after(saved, "you saved"))
            times["watch: save -> result shown"].append(watch.first_after(saved, "watching for saves"))
    finally:
        watch.stop()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--exercise", type=int, default=1, help="exercise number (default: 1)")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each command (default: 7)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kata-bench-") as temporary:
        kata = copy_kata(Path(temporary) / "kata")
        empty = Path(temporary) / "empty"
        empty.mkdir()
        (empty / "test_one.py").write_text("def test_one():\n    pass\n", encoding="utf-8")
        times = bench_check(kata, empty, args.exercise, args.repeat)
        times.update(bench_watch(kata, args.exercise, args.repeat))
    medians = {name: statistics.median(values) for name, values in times.items()}
    exercise = load(ROOT).exercises[args.exercise - 1]
    python = sys.version.split()[0]
    print(f"Feedback loop, exercise {args.exercise} ({exercise.name}), {args.repeat} runs each, Python {python}")
    print(f"{'seconds':34} {'median':>8} {'min':>8} {'max':>8}")
    for name, values in times.items():
        print(f"{name:34} {medians[name]:8.3f} {min(values):8.3f} {max(values):8.3f}")
    print()
    pairs = [
        (check, base)
        for check in ("kata check N (stub)", "kata check N (solved)")
        for base in ("bare pytest", "bare pytest, no plugins", "bare pytest, autoload")
    ] + [("kata check N (stub)", "pytest on N's file")]
    ratios = {f"{check} / {base}": medians[check] / medians[base] for check, base in pairs}
    for name, ratio in ratios.items():
        print(f"{name}: {ratio:.2f}")
    headline = max(ratios["kata check N (stub) / bare pytest"], ratios["kata check N (solved) / bare pytest"])
    verdict = "within" if headline <= TARGET_RATIO else "OVER"
    print(f"\nkata check vs bare pytest: {headline:.2f}x, {verdict} the {TARGET_RATIO}x target")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"times": times, "medians": medians, "ratios": ratios}, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
