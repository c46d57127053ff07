"""How fast is the learner's feedback loop? `kata check` against a bare pytest, and `kata watch`'s reaction.

    python bench/feedback_bench.py --spread     # every row below, median of 7, in under 6 minutes

    python bench/feedback_bench.py --before DIR # the same rows for another checkout, in the same round-robin

    python bench/feedback_bench.py [--exercise N] [--repeat 7] [--json bench/results/feedback.json]
                                   [--kata DIR] [--before DIR] [--no-where] [--no-watch] [--spread]
                                   [--budget 340]

Everything runs in temporary copies of the kata (its git-tracked files), so
your own exercises are never touched. Every command is timed side by side,
round-robin (one run of each, then again), with the same interpreter,
bytecode caching on (as on a learner's machine: PYTHONDONTWRITEBYTECODE is
dropped) and after one warm-up round; every ratio is to the same baseline:

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
  plain pytest (34 done)  `python -m pytest` in the copy with 34 done, with a
                        learner's plugins: the whole kata, as VS Code's Testing
                        panel runs it
  kata check N, exercise M  (`--spread`) `kata check M` for every exercise, in a
                        copy where every exercise holds its reference solution
                        (the passing run: the one whose tests do the most)

then `kata watch N`: from a save to the moment the watch reacts (prints that it
re-runs), and from a save to the end of the test output, a save every 1.5 s.

`--budget` (seconds, default 340) bounds the whole run: when the next round
would pass it, the rounds stop and the table says how many ran. `--kata DIR`
measures another checkout of the kata. `--before DIR` times every kata row for
a second checkout too (say, `git worktree add /tmp/before <commit>`), in the
same round-robin and against the same bare pytest, and prints both columns:
the only fair before/after on a shared machine, where load moves between
runs (the watch rows stay the measured kata's). The load average is printed
before and after.

The issue's targets: `kata check N` <= 1.3 x the bare pytest for exercise 1 (1.5 x for the others
whose tests wait on no real socket), `kata check` with no number <= 1.3 x at 0, 13 and 34 done
(medians), `kata watch` save -> result shown <= 0.25 s on exercise 1.
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
SPREAD_TARGET = 1.5  # `kata check N` for an exercise whose tests wait on no real socket
WATCH_TARGET = 0.25  # seconds from a save to the result shown, exercise 1
DONE_LEVELS = (0, 13, 34)
PLAIN_LEVEL = 34  # plain `pytest` is timed in the copy with this many done
EDITED = 5  # the earlier exercise the "edited" row changes before every run, at 13 done
BASELINE = "bare pytest"
SPREAD = "kata check N, exercise"
BEFORE = "before: "  # the prefix of a row timed for the checkout `--before` names
BUDGET = 340.0  # seconds: the whole default run (`--spread` included) stays under 6 minutes
WATCH_PAUSE = 1.5  # seconds a learner reads a result before the next save


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


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds of wall time, and of CPU time (user + system) of the process and the children it waited for
    (POSIX; None elsewhere). The CPU time moves far less than the wall time when other jobs load the machine;
    a kitchen process that `kata check` leaves to end on its own is not in it (it runs beside the check)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not hasattr(os, "wait4"):
        process.wait()
        return time.perf_counter() - start, None
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


class Row:
    """One command of the round-robin: where it runs, and what to do to the files before each run."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str], before=None) -> None:
        self.command, self.cwd, self.env, self.before = command, cwd, env, before

    def run(self, turn: int) -> tuple[float, float | None]:
        if self.before is not None:
            self.before(turn)
        return timed(self.command, self.cwd, self.env)


def rows_for(
    kata: Path, empty: Path, number: int, levels: dict[int, Path], solved: Path | None, baselines: bool = True
) -> dict[str, Row]:
    """Every row of the round-robin: the baselines, `kata check N`, `kata check` at each level, plain pytest,
    and (with `solved`, a copy where every exercise holds its reference solution) `kata check N` for every N.
    Without `baselines`, the kata's rows only (for the checkout `--before` names)."""
    exercise = load(kata).exercises[number - 1]
    mine, reference = exercise.source("exercises"), exercise.source("solutions")
    stub = mine.read_bytes()
    env = learner_env()
    learner = {**env, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    python = sys.executable
    test_files = [path.relative_to(kata).as_posix() for path in exercise.test_files()]
    bare = [python, "-m", "pytest", "-q", "test_one.py"]
    check = [python, "-m", "kata", "check"]

    def holding(content: bytes):
        return lambda turn: mine.write_bytes(content)

    rows = (
        {
            BASELINE: Row([*bare, "-p", "requests_mock"], empty, learner),
            "bare pytest, autoload": Row(bare, empty, env),
            "bare pytest, no plugins": Row(bare, empty, learner),
        }
        if baselines
        else {}
    )
    rows["pytest on N's file"] = Row([python, "-m", "pytest", "-q", "-p", "requests_mock", *test_files], kata, learner)
    rows["kata check N (stub)"] = Row([*check, str(number)], kata, env, holding(stub))
    rows["kata check N (solved)"] = Row([*check, str(number)], kata, env, holding(reference.read_bytes()))
    for done, copy in levels.items():
        rows[f"kata check ({done} done)"] = Row(check, copy, env)
        if done == 13:
            edited = copy.parent / f"{copy.name}-edited"
            shutil.copytree(copy, edited)
            earlier = load(edited).exercises[EDITED - 1].source("exercises")

            def edit(turn: int, earlier: Path = earlier) -> None:
                with earlier.open("a", encoding="utf-8") as file:
                    file.write(f"# edit {turn}\n")

            rows["kata check, earlier edited (13 done)"] = Row(check, edited, env, edit)
        if done == PLAIN_LEVEL:
            plain = [python, "-m", "pytest", "-q", "-p", "requests_mock"]
            rows[f"plain pytest ({done} done)"] = Row(plain, copy, learner)
    if solved is not None:
        for other in load(solved).exercises:
            rows[f"{SPREAD} {other.number}"] = Row([*check, str(other.number)], solved, env)
    return rows


def interleaved(sides: dict[str, dict[str, Row]]) -> dict[str, Row]:
    """The rows of every side in one round-robin, each row of the measured kata followed by the same row before."""
    after, before = sides[""], sides.get(BEFORE, {})
    rows: dict[str, Row] = {}
    for name, row in after.items():
        rows[name] = row
        if BEFORE + name in before:
            rows[BEFORE + name] = before[BEFORE + name]
    return rows


def bench_rows(
    rows: dict[str, Row], repeat: int, budget: float, started: float, cpu: dict[str, list[float]]
) -> dict[str, list[float]]:
    """Round-robin after one warm-up round; rounds stop early (said so) when the next would pass the budget.
    The wall times are returned, the CPU times added to `cpu`."""
    times: dict[str, list[float]] = {name: [] for name in rows}
    warm_up = time.perf_counter()
    for row in rows.values():  # warm the caches (and the kata's memory) once
        row.run(-1)
    round_time = time.perf_counter() - warm_up
    for turn in range(repeat):
        if turn and time.perf_counter() - started + round_time > budget:
            print(f"(time budget of {budget:g} s reached: {turn} runs of each instead of {repeat})", flush=True)
            break
        began = time.perf_counter()
        for name, row in rows.items():
            wall, used = row.run(turn)
            times[name].append(wall)
            if used is not None:
                cpu.setdefault(name, []).append(used)
        round_time = time.perf_counter() - began
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
            time.sleep(WATCH_PAUSE)  # a learner reads the result before the next save (the watch prepares the next run)
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
    parser.add_argument("--before", type=Path, help="another checkout, timed in the same round-robin (before/after)")
    parser.add_argument("--no-where", action="store_true", help="leave out `kata check` with no number")
    parser.add_argument("--no-watch", action="store_true", help="leave out `kata watch`")
    parser.add_argument("--spread", action="store_true", help="also `kata check N` for every exercise")
    parser.add_argument(
        "--budget", type=float, default=BUDGET, help=f"seconds the whole run may take (default: {BUDGET:g})"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="kata-bench-") as temporary:
        empty = Path(temporary) / "empty"
        empty.mkdir()
        (empty / "test_one.py").write_text("def test_one():\n    pass\n", encoding="utf-8")
        sides = {"": args.kata.resolve()} | ({BEFORE: args.before.resolve()} if args.before else {})
        every_side = {}
        for prefix, source in sides.items():
            where = Path(temporary) / ("before" if prefix else "after")
            kata = copy_kata(where / "kata", source)
            levels = {} if args.no_where else {d: solved_copy(kata, where / f"done-{d}", d) for d in DONE_LEVELS}
            solved = solved_copy(kata, where / "solved", len(load(kata).exercises)) if args.spread else None
            rows = rows_for(kata, empty, args.exercise, levels, solved, baselines=not prefix)
            every_side[prefix] = {prefix + name: row for name, row in rows.items()}
        kata = Path(temporary) / "after" / "kata"
        mine = load(kata).exercises[args.exercise - 1].source("exercises")
        stub = mine.read_bytes()
        watch_time = 0.0 if args.no_watch else args.repeat * (WATCH_PAUSE + 0.5) + 5
        cpu: dict[str, list[float]] = {}
        times = bench_rows(interleaved(every_side), args.repeat, args.budget - watch_time, started, cpu)
        mine.write_bytes(stub)
        if not args.no_watch:
            times.update(bench_watch(kata, args.exercise, args.repeat))
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    elapsed = time.perf_counter() - started
    medians = {name: statistics.median(values) for name, values in times.items() if values}
    exercise = load(ROOT).exercises[args.exercise - 1]
    python = sys.version.split()[0]
    runs = min(len(values) for values in times.values())
    print(f"Feedback loop, exercise {args.exercise} ({exercise.name}), {runs} runs each, Python {python}")
    before_text = f", before: {args.before.resolve()}" if args.before else ""
    print(f"kata measured: {args.kata.resolve()}{before_text}; load average {load_before} before, {load_after} after")
    print(f"{'seconds':46} {'median':>8} {'min':>8} {'max':>8}")
    for name, values in times.items():
        if SPREAD not in name:
            print(f"{name:46} {medians[name]:8.3f} {min(values):8.3f} {max(values):8.3f}")
    print()
    base = medians[BASELINE]
    pairs = [
        (check, other)
        for check in ("kata check N (stub)", "kata check N (solved)")
        for other in (BASELINE, "bare pytest, no plugins", "bare pytest, autoload")
    ] + [("kata check N (stub)", "pytest on N's file")]
    pairs += [(name, BASELINE) for name in medians if name.startswith(("kata check (", "kata check, ", "plain"))]
    ratios = {f"{check} / {other}": medians[check] / medians[other] for check, other in pairs}
    for name, ratio in ratios.items():
        print(f"{name}: {ratio:.2f}")
    cpus = {name: statistics.median(values) for name, values in cpu.items()}
    if args.before:
        print(f"\nratio to {BASELINE}, same round-robin:   wall: before    after    CPU: before    after")
        for name in medians:
            if BEFORE + name in medians and SPREAD not in name:
                line = f"  {name:44} {medians[BEFORE + name] / base:14.2f} {medians[name] / base:8.2f}"
                if BASELINE in cpus and name in cpus:
                    line += f" {cpus[BEFORE + name] / cpus[BASELINE]:14.2f} {cpus[name] / cpus[BASELINE]:8.2f}"
                print(line)
    headline = max(ratios[f"kata check N (stub) / {BASELINE}"], ratios[f"kata check N (solved) / {BASELINE}"])
    verdict = "within" if headline <= TARGET_RATIO else "OVER"
    print(f"\nkata check {args.exercise} vs bare pytest: {headline:.2f}x, {verdict} the {TARGET_RATIO}x target")
    where = [ratio for name, ratio in ratios.items() if name.startswith(("kata check (", "kata check, "))]
    if where:
        verdict = "within" if max(where) <= TARGET_RATIO else "OVER"
        print(f"kata check (no number) vs bare pytest: at most {max(where):.2f}x, {verdict} the {TARGET_RATIO}x target")
    if "watch: save -> result shown" in medians:
        shown = medians["watch: save -> result shown"]
        verdict = "within" if shown <= WATCH_TARGET else "OVER"
        print(f"kata watch, save -> result shown: {shown:.3f} s, {verdict} the {WATCH_TARGET:g} s target")
    spread = {int(name.rsplit(" ", 1)[1]): median / base for name, median in medians.items() if name.startswith(SPREAD)}
    earlier = {int(n.rsplit(" ", 1)[1]): m / base for n, m in medians.items() if n.startswith(BEFORE + SPREAD)}
    if spread:
        print("\nkata check N (solved) / bare pytest, every exercise" + (" (before in brackets):" if earlier else ":"))
        for number, ratio in spread.items():
            then = f" ({earlier[number]:.2f})" if number in earlier else ""
            name = f"{SPREAD} {number}"
            used = ""
            if BASELINE in cpus and name in cpus:
                used = f"   CPU {cpus[name] / cpus[BASELINE]:.2f}"
                used += f" ({cpus[BEFORE + name] / cpus[BASELINE]:.2f})" if BEFORE + name in cpus else ""
            over = "  over 1.5x" if ratio > SPREAD_TARGET else ""
            print(f"  exercise {number:2}: {ratio:.2f}{then}{used}{over}")
        over = {number: ratio for number, ratio in spread.items() if ratio > SPREAD_TARGET}
        print("kata check N over 1.5x: " + (", ".join(f"{n} ({r:.2f})" for n, r in over.items()) or "none"))
    print(f"\n{elapsed:.0f} s in all (budget {args.budget:g} s)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = {"times": times, "medians": medians, "ratios": ratios, "spread": spread, "before": earlier}
        figures["cpu"], figures["cpu_medians"] = cpu, cpus
        figures["load"] = [load_before, load_after]
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
