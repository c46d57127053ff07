"""How fast is the learner's feedback loop? `kata check` against a bare pytest, and `kata watch`'s reaction.

    python bench/feedback_bench.py [--exercise N] [--repeat 7] [--json bench/results/feedback.json]
                                   [--kata DIR] [--no-where] [--no-watch] [--spread]

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

  kata check (K done)   `python -m kata check` with no number, in a copy where
                        the reference solutions of exercises 1..K are copied
                        over the stubs (K = 0, 13, 34): the command a learner
                        runs after every change, with the kata's memory as the
                        warm-up run left it
  kata check, earlier edited  the same at 13 done, after an edit to exercise 5
                        before every run (a comment with a new number): the
                        edited exercise runs again beside the current one

and `kata watch N`: from a save to the moment the watch reacts (prints that it
re-runs), and from a save to the end of the test output.

`--kata DIR` measures another checkout of the kata (say, an older commit, for
"before" figures); `--spread` then measures `kata check N` (stub and solved)
for every exercise, against the same bare pytest, 3 runs each.

The issue's targets: `kata check N` <= 1.3 x the bare pytest for exercise 1 (1.5 x for the others),
`kata check` with no number <= 1.3 x at 0, 13 and 34 done (medians).
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

TARGET_RATIO = 1.3
DONE_LEVELS = (0, 13, 34)
EDITED = 5  # the earlier exercise the "edited" row changes before every run, at 13 done


def copy_kata(destination: Path, source_root: Path = ROOT) -> Path:
    """The kata's git-tracked files (every file but caches and .git, if `source_root` is not a git checkout)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=source_root, capture_output=True, check=False)
    if listed.returncode == 0 and listed.stdout:
        for name in filter(None, listed.stdout.decode().split("\0")):
            source = source_root / name
            if source.is_file():
                target = destination / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        return destination
    shutil.copytree(source_root, destination, ignore=shutil.ignore_patterns(".git", "__pycache__", ".kata"))
    return destination


def solved_copy(source: Path, destination: Path, done: int) -> Path:
    """A copy of the kata with the reference solutions of exercises 1..`done` over the stubs."""
    copy_kata(destination, source)
    for exercise in load(destination).exercises[:done]:
        shutil.copy(exercise.source("solutions"), exercise.source("exercises"))
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


def bench_check(
    kata: Path, empty: Path, number: int, repeat: int, levels: dict[int, Path] | None = None
) -> dict[str, list[float]]:
    """Round-robin: the baselines, `kata check N`, and (with `levels`) `kata check` at each level of done."""
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
    edits: dict[str, Path] = {}
    for done, copy in (levels or {}).items():
        commands[f"kata check ({done} done)"] = ([python, "-m", "kata", "check"], copy, env)
        if done == 13:
            name = "kata check, earlier edited (13 done)"
            edited = copy.parent / f"{copy.name}-edited"
            shutil.copytree(copy, edited)
            commands[name] = ([python, "-m", "kata", "check"], edited, env)
            edits[name] = load(edited).exercises[EDITED - 1].source("exercises")
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command, cwd, environment in commands.values():  # warm the caches (and the kata's memory) once
        timed(command, cwd, environment)
    for turn in range(repeat):
        for name, (command, cwd, environment) in commands.items():
            if "kata check N" in name:
                mine.write_bytes(reference.read_bytes() if "solved" in name else stub)
            if name in edits:
                with edits[name].open("a", encoding="utf-8") as file:
                    file.write(f"# edit {turn}\n")
            times[name].append(timed(command, cwd, environment))
    mine.write_bytes(stub)
    return times


def bench_spread(kata: Path, empty: Path, repeat: int) -> dict[int, float]:
    """`kata check N` / bare pytest for every exercise: the larger of stub and solved (medians, round-robin)."""
    env = learner_env()
    learner = {**env, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    bare = [sys.executable, "-m", "pytest", "-q", "test_one.py", "-p", "requests_mock"]
    ratios = {}
    for exercise in load(kata).exercises:
        mine = exercise.source("exercises")
        stub, reference = mine.read_bytes(), exercise.source("solutions").read_bytes()
        check = [sys.executable, "-m", "kata", "check", str(exercise.number)]
        times: dict[str, list[float]] = {"bare": [], "stub": [], "solved": []}
        timed(check, kata, env)
        for _ in range(repeat):
            times["bare"].append(timed(bare, empty, learner))
            for state, content in (("stub", stub), ("solved", reference)):
                mine.write_bytes(content)
                times[state].append(timed(check, kata, env))
        mine.write_bytes(stub)
        base = statistics.median(times["bare"])
        ratios[exercise.number] = max(statistics.median(times["stub"]), statistics.median(times["solved"])) / base
        print(f"  exercise {exercise.number:2}: {ratios[exercise.number]:.2f}", flush=True)
    return ratios


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
    parser.add_argument("--kata", type=Path, default=ROOT, help="the kata to measure (default: this checkout)")
    parser.add_argument("--no-where", action="store_true", help="leave out `kata check` with no number")
    parser.add_argument("--no-watch", action="store_true", help="leave out `kata watch`")
    parser.add_argument("--spread", action="store_true", help="also `kata check N` for every exercise (slow)")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="kata-bench-") as temporary:
        kata = copy_kata(Path(temporary) / "kata", args.kata.resolve())
        empty = Path(temporary) / "empty"
        empty.mkdir()
        (empty / "test_one.py").write_text("def test_one():\n    pass\n", encoding="utf-8")
        levels = (
            {}
            if args.no_where
            else {done: solved_copy(kata, Path(temporary) / f"done-{done}", done) for done in DONE_LEVELS}
        )
        times = bench_check(kata, empty, args.exercise, args.repeat, levels)
        if not args.no_watch:
            times.update(bench_watch(kata, args.exercise, args.repeat))
        spread = bench_spread(kata, empty, 3) if args.spread else {}
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    medians = {name: statistics.median(values) for name, values in times.items()}
    exercise = load(ROOT).exercises[args.exercise - 1]
    python = sys.version.split()[0]
    print(f"Feedback loop, exercise {args.exercise} ({exercise.name}), {args.repeat} runs each, Python {python}")
    print(f"kata measured: {args.kata.resolve()}; load average {load_before} before, {load_after} after")
    print(f"{'seconds':38} {'median':>8} {'min':>8} {'max':>8}")
    for name, values in times.items():
        print(f"{name:38} {medians[name]:8.3f} {min(values):8.3f} {max(values):8.3f}")
    print()
    pairs = [
        (check, base)
        for check in ("kata check N (stub)", "kata check N (solved)")
        for base in ("bare pytest", "bare pytest, no plugins", "bare pytest, autoload")
    ] + [("kata check N (stub)", "pytest on N's file")]
    pairs += [(name, "bare pytest") for name in times if name.startswith("kata check") and "N" not in name]
    ratios = {f"{check} / {base}": medians[check] / medians[base] for check, base in pairs}
    for name, ratio in ratios.items():
        print(f"{name}: {ratio:.2f}")
    headline = max(ratios["kata check N (stub) / bare pytest"], ratios["kata check N (solved) / bare pytest"])
    verdict = "within" if headline <= TARGET_RATIO else "OVER"
    print(f"\nkata check N vs bare pytest: {headline:.2f}x, {verdict} the {TARGET_RATIO}x target")
    where = [ratio for name, ratio in ratios.items() if name.startswith("kata check (")]
    if where:
        verdict = "within" if max(where) <= TARGET_RATIO else "OVER"
        print(f"kata check (no number) vs bare pytest: at most {max(where):.2f}x, {verdict} the {TARGET_RATIO}x target")
    if spread:
        over = {number: ratio for number, ratio in spread.items() if ratio > 1.5}
        print("kata check N over 1.5x: " + (", ".join(f"{n} ({r:.2f})" for n, r in over.items()) or "none"))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = {"times": times, "medians": medians, "ratios": ratios, "spread": spread}
        figures["load"] = [load_before, load_after]
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
