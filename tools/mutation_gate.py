"""The mutation gate: do the exercise tests catch a wrong answer?

Runs mutmut (configured in `[tool.mutmut]` of pyproject.toml) over `solutions/`
against `tests/exercises/` with `--target solutions`, then prints the kill rate
per exercise and overall, and every mutant the tests let through (file, line,
diff). Exits 1 when the overall kill rate is under the threshold, 2 when mutmut
itself could not run.

    python tools/mutation_gate.py                  # the whole kata (what `tox -e mutants` runs)
    python tools/mutation_gate.py --only ex05      # one exercise (any part of its module name)
    python tools/mutation_gate.py --keep           # keep mutmut's copy, for `mutmut show NAME` / `mutmut browse` in it

The kill rate is (killed + timeout) / (all mutants - skipped - set aside). Set aside
are the survivors that are no learner's mistake, labelled by narrow rules: equivalent
shapes (another number of seconds in `timeout=`, the case of a header name or of the
method given to requests) and lines the learner's stub already has as they are. They
are still listed, and mutmut's own score (every mutant counted) is printed beside.
A mutant no test runs ("no tests") counts as a survivor: it is a gap too.

mutmut leaves decorated functions alone (their decorators run at import time), and with them every
view of chapters 8 and 9 (`@app.get(...)`, `@app.errorhandler(404)`) and the properties of chapter 7.
So the gate runs mutmut in a scratch copy of the kata whose solutions have their decorators written
as calls after the function (`f = app.get("/x")(f)`, `detail = property(detail)`): the same program,
which mutmut can mutate, route and status included. It reports the functions still not mutated (0).
Maintainers only: needs mutmut 3 (Python >= 3.10, Linux or macOS; WSL on Windows).
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
# Measured 96.3% on all 35 exercises (97.5% on the first 25; docs/maintainers.md); 0.95 leaves room for survivors
# a person must judge as exercises change. Raise it as the suites improve; never under 0.90.
THRESHOLD = 0.95
EQUIVALENT = "equivalent: "  # labels of survivors the gate sets aside (see note_for and given_in_stub)
GIVEN = "not the learner's: "
KILLED = ("killed", "timeout")  # a mutant the tests stopped, by failing or by running out of time
NOT_COUNTED = ("skipped",)  # left out of the rate, as mutmut's own score does
RESULT_LINE = re.compile(r"^\s*(?P<key>\S+__mutmut_\d+): (?P<status>.+?)\s*$")
HUNK = re.compile(r"^@@ -(?P<start>\d+)(?:,\d+)? \+\d+(?:,\d+)? @@")
SPINNER = re.compile("^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] ")
PROGRESS = re.compile(r"(\d+)/(\d+)  ")
TIMEOUT_NUMBER = re.compile(r"(timeout\s*=\s*)[0-9.]+")
STRING = re.compile(r"([\"'])(.*?)\1")
PROBLEM_CALL = re.compile(r"\bproblem\(\s*\d{3}\s*,")  # problem(404, "Not Found", "...") of chapters 8 and 9
REQUEST_CALL = re.compile(r"\b(?:[Rr]equest)\(\s*[\"']")  # requests.request("GET", ...), Request("GET", ...)
METHODS = {"get", "post", "put", "patch", "delete", "head", "options"}
AUTH_SCHEMES = {"bearer", "basic"}  # RFC 9110, 11.1: the scheme is case-insensitive (and the kitchen agrees)
REGISTERED = "  # mutation gate: was a decorator"  # ends each line `undecorate` writes
LEFT_ALONE = ("staticmethod", "classmethod")  # decorators mutmut handles itself
COPY_IGNORE = (".git", ".tox", ".venv", "venv", "mutants", "__pycache__", ".kata", "*.egg-info", ".*_cache")
HEADER_NAMES = {
    "accept",
    "authorization",
    "cache-control",
    "content-type",
    "etag",
    "idempotency-key",
    "if-match",
    "if-none-match",
    "link",
    "location",
    "retry-after",
    "user-agent",
    "www-authenticate",
}


@dataclass
class Mutant:
    key: str  # e.g. solutions.ch01_first_contact.ex03_is_it_open.x_is_open__mutmut_6
    status: str  # killed, survived, no tests, timeout, suspicious, skipped, not checked, ...
    diff: list[str] = field(default_factory=list)  # the -/+ lines of `mutmut show`
    line: int | None = None  # line of the first changed line in the original file
    note: str = ""

    @property
    def module(self) -> str:
        parts = self.key.split(".")
        index = next(i for i in range(len(parts) - 1, -1, -1) if parts[i].startswith(("x_", "xǁ")))
        return ".".join(parts[:index])

    @property
    def function(self) -> tuple[str, str | None]:
        """(function name, class name or None), from mutmut's mangled name."""
        mangled = self.key.split(".")[-1].partition("__mutmut_")[0]
        if mangled.startswith("xǁ"):
            _, cls, name = mangled.split("ǁ")
            return name, cls
        return mangled[2:], None

    @property
    def exercise(self) -> str:
        """`<chapter>/<exercise>` for modules of solutions/, the module path otherwise."""
        parts = self.module.split(".")
        return "/".join(parts[1:]) if parts[0] == "solutions" and len(parts) > 1 else self.module

    @property
    def path(self) -> str:
        return self.module.replace(".", "/") + ".py"

    @property
    def killed(self) -> bool:
        return self.status in KILLED

    @property
    def counted(self) -> bool:
        return self.status not in NOT_COUNTED

    @property
    def excused(self) -> bool:
        """A survivor that is no learner's mistake: equivalent, or on a line the stub gives as it is."""
        return not self.killed and self.note.startswith((EQUIVALENT, GIVEN))


# Running mutmut ------------------------------------------------------------------------------------


def mutmut_command() -> list[str]:
    """mutmut's console script next to this Python (`python -m mutmut` re-imports itself badly)."""
    beside = Path(sys.executable).parent / ("mutmut.exe" if os.name == "nt" else "mutmut")
    found = str(beside) if beside.is_file() else shutil.which("mutmut")
    if found is None:
        raise SystemExit("mutation gate: mutmut is not installed here. Run it with `tox -e mutants`.")
    return [found]


def run_mutmut(patterns: Sequence[str], max_children: int, log: Path, cwd: Path, every: float = 20.0) -> int:
    """`mutmut run`; its spinner output goes to `log`, a progress line to stdout every `every` seconds."""
    command = [*mutmut_command(), "run", "--max-children", str(max_children), *patterns]
    last_said = time.monotonic()
    with (
        log.open("wb") as out,
        subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as mutmut,
    ):
        assert mutmut.stdout is not None
        pipe = mutmut.stdout.fileno()
        for chunk in iter(lambda: os.read(pipe, 4096), b""):
            out.write(chunk)
            progress = PROGRESS.findall(chunk.decode("utf-8", "replace"))
            if progress and time.monotonic() - last_said >= every:
                done, total = progress[-1]
                print(f"  ... {done}/{total} mutants tested", flush=True)
                last_said = time.monotonic()
    return mutmut.returncode


def read_results(cwd: Path) -> list[Mutant]:
    """Every mutant and its status, from `mutmut results --all true`."""
    done = subprocess.run(
        [*mutmut_command(), "results", "--all", "true"], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"mutation gate: `mutmut results` failed:\n{done.stdout}{done.stderr}")
    return parse_results(done.stdout)


def parse_results(text: str) -> list[Mutant]:
    mutants = []
    for line in text.splitlines():
        match = RESULT_LINE.match(line)
        if match:
            mutants.append(Mutant(match["key"], match["status"]))
    return mutants


def show(mutant: Mutant, cwd: Path) -> str:
    done = subprocess.run([*mutmut_command(), "show", mutant.key], cwd=cwd, capture_output=True, text=True, check=False)
    return done.stdout if done.returncode == 0 else f"(mutmut show failed: {done.stderr.strip()})"


# Reading a diff --------------------------------------------------------------------------------------


def function_lines(source: str, name: str, cls: str | None) -> tuple[int, int] | None:
    """First and last line (1-based, decorators included) of a top-level function or method."""
    body = ast.parse(source).body
    if cls is not None:
        owner = next((node for node in body if isinstance(node, ast.ClassDef) and node.name == cls), None)
        body = owner.body if owner else []
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            return first, node.end_lineno or node.lineno
    return None


def locate(diff: str, source: str, name: str, cls: str | None) -> tuple[list[str], int | None]:
    """The changed lines of a `mutmut show` diff, and the file line where the change starts.

    mutmut diffs the function alone, so its hunk numbers count from the function's first line;
    the old side of the hunk is found again in the original file to give a file line.
    """
    old_side: list[str] = []  # stripped old-side lines of the hunk (context and removed)
    first_change: int | None = None  # index into old_side of the first removed line
    changed: list[str] = []
    in_hunk = False
    for line in diff.splitlines():
        if HUNK.match(line):
            in_hunk = True
            continue
        if not in_hunk or not line or line.startswith(("---", "+++")):
            continue
        sign, text = line[0], line[1:]
        if sign in "-+":
            changed.append(line)
        if sign in " -":
            if sign == "-" and first_change is None:
                first_change = len(old_side)
            old_side.append(text.strip())
        elif sign == "+" and first_change is None:
            first_change = len(old_side)  # a pure insertion: point at the line it precedes
    span = function_lines(source, name, cls)
    if span is None or first_change is None:
        return changed, None
    lines = [text.strip() for text in source.splitlines()]
    first, last = span
    # mutmut's copy of the function starts with the comments above it: look a little higher too.
    for start in range(max(first - 1 - 20, 0), last):
        if lines[start : start + len(old_side)] == old_side:
            return changed, start + first_change + 1
    return changed, None


def note_for(changed: Sequence[str]) -> str:
    """A label for a survivor of a shape that is equivalent whatever the exercise; "" otherwise.

    Only shapes that no test can tell apart are labelled: a different number of seconds in
    `timeout=`, and the case of a header name (requests keeps headers in a case-insensitive
    dict), of the method given to requests (which upper-cases it) or of an Authorization
    scheme (`bearer <token>`, which HTTP and the kitchen accept), and the words of a problem's
    title or detail (`problem(404, "not found", ...)`: RFC 9457 leaves them to the writer, and the
    tests check what a client acts on: the status, the media type, the id or field named).
    Everything else is for a person to judge.
    """
    removed = [line[1:] for line in changed if line.startswith("-")]
    added = [line[1:] for line in changed if line.startswith("+")]
    if len(removed) != 1 or len(added) != 1:
        return ""
    old, new = removed[0], added[0]
    if TIMEOUT_NUMBER.search(old) and TIMEOUT_NUMBER.sub(r"\1N", old) == TIMEOUT_NUMBER.sub(r"\1N", new):
        return EQUIVALENT + "only the number of seconds in timeout= changed"
    if old != new and old.lower() == new.lower():
        before = {m.group(2) for m in STRING.finditer(old)}
        after = {m.group(2) for m in STRING.finditer(new)}
        words = {w.lower() for w in before ^ after}
        if words and words <= HEADER_NAMES and "headers" in old:
            return EQUIVALENT + "header names are case-insensitive"
        if words and words <= METHODS and REQUEST_CALL.search(old):
            return EQUIVALENT + "requests upper-cases the method"
        schemes = {w.partition(" ")[0].lower() for w in before ^ after}
        if schemes and schemes <= AUTH_SCHEMES and len({_scheme_folded(w) for w in before ^ after}) == 1:
            return EQUIVALENT + "an Authorization scheme is case-insensitive"
    if old != new and PROBLEM_CALL.search(old) and _words_folded(old) == _words_folded(new):
        return EQUIVALENT + "only the words of a problem's title or detail changed"
    return ""


def _words_folded(line: str) -> str:
    """`line` with each string's text lower-cased and mutmut's XX...XX taken off."""
    return STRING.sub(
        lambda m: m.group(1) + m.group(2).removeprefix("XX").removesuffix("XX").lower() + m.group(1), line
    )


def _scheme_folded(value: str) -> str:
    scheme, space, rest = value.partition(" ")
    return scheme.lower() + space + rest


def given_in_stub(mutant: Mutant, changed: Sequence[str]) -> bool:
    """True when the line the mutant changes is in the learner's stub as it is (a signature, a given class)."""
    removed = [line[1:].strip() for line in changed if line.startswith("-")]
    stub = ROOT / "exercises" / Path(mutant.path).relative_to("solutions")
    if len(removed) != 1 or not mutant.path.startswith("solutions/") or not stub.is_file():
        return False
    source = stub.read_text(encoding="utf-8")
    try:
        span = function_lines(source, *mutant.function)
    except SyntaxError:
        return False
    if span is None:
        return False
    return removed[0] in [line.strip() for line in source.splitlines()[span[0] - 1 : span[1]]]


def describe(mutant: Mutant, cwd: Path) -> None:
    """Fill in the diff, the line (of the file in the kata, not of the gate's copy) and the note of a survivor."""
    name, cls = mutant.function
    try:
        source, origin = undecorate((ROOT / mutant.path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        source, origin = "", []
    diff = show(mutant, cwd)
    mutant.diff, line = locate(diff, source, name, cls) if source else ([], None)
    mutant.line = origin[line - 1] if line is not None and line <= len(origin) else None
    if not mutant.diff:
        mutant.diff = [line for line in diff.splitlines() if line][:6]
    mutant.note = note_for(mutant.diff)
    if not mutant.note and given_in_stub(mutant, mutant.diff):
        mutant.note = GIVEN + "the stub gives this line as it is"


def unmutated(source: str) -> list[tuple[int, str]]:
    """(line, name) of the decorated functions in `source`: mutmut leaves them, and all they contain, alone.

    (It does so because decorators run at import time; @staticmethod and @classmethod are the exceptions.)
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.decorator_list:
            names = [d.id for d in node.decorator_list if isinstance(d, ast.Name)]
            if len(node.decorator_list) == 1 and names and names[0] in ("staticmethod", "classmethod"):
                continue
            found.append((min([node.lineno] + [d.lineno for d in node.decorator_list]), node.name))
    return sorted(found)


def undecorate(source: str) -> tuple[str, list[int]]:
    """`source` with each decorator written as a call after its function, and the origin of each line.

    `@app.get("/x")` over `def f` becomes `f = app.get("/x")(f)` after it, at the def's indent: the same
    program (a decorator is that call), but one mutmut mutates. @staticmethod and @classmethod stay.
    `origin[i]` is the line of `source` that line i + 1 of the result comes from (a decorator's line for
    the call written in its place), so survivors are reported on the lines of the file as it is.
    """
    tree = ast.parse(source)
    dropped: set[int] = set()
    after: dict[int, list[tuple[int, list[tuple[str, int]]]]] = {}  # end line -> (def line, written lines)
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not node.decorator_list:
            continue
        names = {d.id for d in node.decorator_list if isinstance(d, ast.Name)}
        if len(node.decorator_list) == 1 and names <= set(LEFT_ALONE) and names:
            continue
        first = min(d.lineno for d in node.decorator_list)
        dropped.update(range(first, node.lineno))
        call = node.name
        for decorator in reversed(node.decorator_list):
            call = f"{ast.get_source_segment(source, decorator)}({call})"
        indent = " " * node.col_offset
        text = f"{indent}{node.name} = {call}{REGISTERED}"
        after.setdefault(node.end_lineno or node.lineno, []).append((node.lineno, [(text, first)]))
    lines: list[str] = []
    origin: list[int] = []
    for number, line in enumerate(source.splitlines(), start=1):
        if number not in dropped:
            lines.append(line)
            origin.append(number)
        for _, written in sorted(after.get(number, []), reverse=True):  # an inner function is registered first
            for text, source_line in written:
                for part in text.splitlines():
                    lines.append(part)
                    origin.append(source_line)
    return "\n".join(lines) + "\n", origin


def prepare_copy(scratch: Path) -> Path:
    """A copy of the kata under `scratch` whose solutions are undecorated: where mutmut runs."""
    copy = scratch / "kata"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*COPY_IGNORE))
    for path in sorted((copy / "solutions").rglob("*.py")):
        try:
            path.write_text(undecorate(path.read_text(encoding="utf-8"))[0], encoding="utf-8")
        except SyntaxError:
            continue  # mutmut copies it as it is, and the tests say what is wrong with it
    return copy


def blind_spots(patterns: Sequence[str]) -> list[str]:
    """`path:line  name` of every function of solutions/ that no mutant can reach, after `undecorate`."""
    from fnmatch import fnmatch

    lines = []
    for path in sorted((ROOT / "solutions").rglob("*.py")):
        relative = path.relative_to(ROOT)
        module = ".".join(relative.with_suffix("").parts)
        if patterns and not any(fnmatch(module + ".x", pattern) for pattern in patterns):
            continue
        try:
            source, origin = undecorate(path.read_text(encoding="utf-8"))
            spots = [(origin[line - 1], name) for line, name in unmutated(source)]
        except SyntaxError:
            continue
        lines += [f"{relative.as_posix()}:{line}  {name}" for line, name in spots]
    return lines


# Reporting -------------------------------------------------------------------------------------------


def rate(mutants: Iterable[Mutant], *, raw: bool = False) -> tuple[int, int, float]:
    """(killed, counted, share). The gate's rate leaves excused survivors out; `raw` is mutmut's score."""
    counted = [m for m in mutants if m.counted and (raw or not m.excused)]
    killed = sum(m.killed for m in counted)
    return killed, len(counted), (killed / len(counted) if counted else 1.0)


def table(mutants: Sequence[Mutant], threshold: float) -> list[str]:
    by_exercise: dict[str, list[Mutant]] = {}
    for mutant in mutants:
        by_exercise.setdefault(mutant.exercise, []).append(mutant)
    width = max([len(name) for name in by_exercise] + [len("exercise")])
    head = f"{'exercise':<{width}}  mutants  killed  excused  survived  no tests  other  kill rate  mutmut"
    rows = [head, "-" * len(head)]

    def row(name: str, group: Sequence[Mutant]) -> str:
        excused = sum(m.excused for m in group)
        survived = sum(m.status == "survived" and not m.excused for m in group)
        no_tests = sum(m.status == "no tests" and not m.excused for m in group)
        killed, counted, share = rate(group)
        mutants = rate(group, raw=True)[1]
        other = counted - killed - survived - no_tests
        flag = "" if share >= threshold else "  <"
        return (
            f"{name:<{width}}  {mutants:>7}  {killed:>6}  {excused:>7}  {survived:>8}  {no_tests:>8}  {other:>5}"
            f"  {share:>9.1%}  {rate(group, raw=True)[2]:>6.1%}{flag}"
        )

    rows += [row(name, by_exercise[name]) for name in sorted(by_exercise)]
    rows += ["-" * len(head), row("all", mutants)]
    return rows


def survivor_lines(survivors: Sequence[Mutant]) -> list[str]:
    lines = []
    for mutant in survivors:
        where = f"{mutant.path}:{mutant.line}" if mutant.line else mutant.path
        note = f"  ({mutant.note})" if mutant.note else ""
        lines.append(f"{where}  {mutant.status}  {mutant.key.split('.')[-1]}{note}")
        indent = min((len(t[1:]) - len(t[1:].lstrip()) for t in mutant.diff if t[1:].strip()), default=0)
        lines += [f"    {t[0]} {t[1 + indent :]}" for t in mutant.diff]
    return lines


def tail_of(log: Path, count: int = 40) -> str:
    """The end of mutmut's output, each spinner line shown in its last state."""
    text = log.read_text(encoding="utf-8", errors="replace")
    lines = [part.split("\r")[-1] for part in text.split("\n")]
    lines = [line for line in lines if line.strip()]
    spinning = [bool(SPINNER.match(line)) for line in lines]
    kept = [line for i, line in enumerate(lines) if not (spinning[i] and i + 1 < len(lines) and spinning[i + 1])]
    return "\n".join(kept[-count:])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help=f"least kill rate (default {THRESHOLD})")
    parser.add_argument("--only", action="append", default=[], metavar="PART", help="exercises whose module has PART")
    parser.add_argument("--keep", action="store_true", help="keep mutmut's copy (for `mutmut show`)")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2, help="mutants tested at once")
    args = parser.parse_args(argv)

    patterns = [f"solutions.*{part}*" for part in args.only]
    started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="mutation-gate-"))  # a fresh copy: mutmut's cache cannot see edited tests
    try:
        copy = prepare_copy(scratch)
        log = scratch / "mutmut.log"
        print(f"mutation gate: mutmut run over solutions/ ({args.max_children} at once) ...", flush=True)
        code = run_mutmut(patterns, args.max_children, log, copy)
        if code != 0:
            print(tail_of(log))
            print(f"mutation gate: mutmut run failed (exit {code}); its output ends above.")
            return 2
        mutants = read_results(copy)
        if patterns:
            from fnmatch import fnmatch

            mutants = [m for m in mutants if any(fnmatch(m.key, p) for p in patterns)]
        if not mutants:
            print("mutation gate: mutmut made no mutants (is [tool.mutmut] in pyproject.toml?)")
            return 2
        survivors = [m for m in mutants if m.counted and not m.killed]
        with ThreadPoolExecutor(max_workers=max(args.max_children, 1)) as pool:
            list(pool.map(lambda mutant: describe(mutant, copy), survivors))
        survivors.sort(key=lambda m: (m.path, m.line or 0, m.key))
    finally:
        if args.keep:
            print(f"mutation gate: mutmut's copy kept in {scratch / 'kata'} (run `mutmut show NAME` there)")
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    elapsed = time.monotonic() - started
    print()
    print("\n".join(table(mutants, args.threshold)))
    to_judge = [m for m in survivors if not m.excused]
    excused = [m for m in survivors if m.excused]
    if to_judge:
        print(f"\nSurviving mutants to judge ({len(to_judge)}): the tests pass with these changes to the solution")
        print("\n".join(survivor_lines(to_judge)))
    if excused:
        print(f"\nSurviving mutants set aside ({len(excused)}): equivalent, or on a line the stub gives")
        print("\n".join(survivor_lines(excused)))
    unseen = blind_spots(patterns)
    print(f"\nNot mutated ({len(unseen)}): functions no mutant reaches (decorated ones are undecorated first)")
    if unseen:
        print("\n".join(f"    {line}" for line in unseen))
    killed, counted, share = rate(mutants)
    raw_killed, raw_counted, raw_share = rate(mutants, raw=True)
    verdict = "PASS" if share >= args.threshold else "FAIL"
    print(
        f"\nmutation gate: {killed}/{counted} mutants killed, {share:.1%} (threshold {args.threshold:.0%}), "
        f"{len(excused)} set aside; mutmut's own score {raw_killed}/{raw_counted}, {raw_share:.1%}: "
        f"{verdict} in {elapsed:.0f} s"
    )
    return 0 if share >= args.threshold else 1


if __name__ == "__main__":
    sys.exit(main())
