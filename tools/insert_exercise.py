"""Insert a new exercise at a position and renumber everything after it: `python tools/insert_exercise.py`.

    python tools/insert_exercise.py --at 3 --chapter ch01_first_contact --name count_the_dishes \\
        --title "Count the dishes"

Every exercise from position 3 on moves up by one, in every place that names it: the files of exercises/,
solutions/ and tests/exercises/, the answer corpus and the golden screens (folders renamed with `git mv`),
catalogue.toml, and the text of every tracked file: names (`ex03_is_it_open`), short names (`ex03`), prose
("exercise 3", "exercises 1 to 11", "Exercise 3:"), commands (`kata check 3`, `["hint", "3"]`) and totals
("0/35 exercises done"). The new exercise is written from a small working template (a stub, a reference
answer, tests, hints, one wrong and one valid corpus answer) for you to rewrite. `--dry-run` lists the
changes without making them. The recipe, with what to do after, is in docs/maintainers.md.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kata.catalogue import Catalogue, load  # noqa: E402
from tools.exercise_names import OWN_KATAS, problems  # noqa: E402
from tools.exercise_template import files_for  # noqa: E402

TEXT_SUFFIXES = {".py", ".md", ".toml", ".txt", ".ini", ".cfg", ".yml", ".yaml", ".json", ".html", ".js", ".css", ""}
VERBS = r"check|hint|compare|notepad|catch-up|reset|next|watch"
ITEM = r"\d+\b(?!\s+(?:runs?|tests?|times|seconds|s)\b|[.,]\d)(?:\s*\([^()\d]*\))?"  # 23, or 23 (pay once)


class Renumbering:
    """Old exercise numbers and names to new ones, for an insertion at position `at`."""

    def __init__(self, catalogue: Catalogue, at: int) -> None:
        self.at, self.total = at, len(catalogue.exercises)
        self.names = {e.name: new_name(e.name, e.number + 1) for e in catalogue.exercises if e.number >= at}

    def number(self, old: int) -> int:
        return old + 1 if self.at <= old <= self.total else old

    def path(self, relative: str) -> str:
        parts = relative.split("/")
        for index, part in enumerate(parts):
            for old, new in self.names.items():
                if part == old or part.startswith((f"{old}.", f"test_{old}.", f"test_{old}_")):  # ex24's 2 files
                    parts[index] = part.replace(old, new, 1)
        return "/".join(parts)

    def text(self, text: str, own_kata: bool = False) -> str:
        def name(match: re.Match[str]) -> str:  # ex24_restaurant_client, and its test_ex24_restaurant_client_<theme>
            word = match.group(0)
            old = word if word in self.names else next((o for o in self.names if word.startswith(f"{o}_")), None)
            return word if old is None else self.names[old] + word[len(old) :]

        def short(match: re.Match[str]) -> str:
            return f"ex{self.number(int(match.group(1))):02d}"

        def numbers(match: re.Match[str]) -> str:  # every number of "exercises 1, 22 and 26"
            return re.sub(r"(?<![\w.])\d+\b", lambda m: str(self.number(int(m.group(0)))), match.group(0))

        def total(match: re.Match[str]) -> str:
            return f"/{self.total + 1}" if int(match.group(1)) == self.total else match.group(0)

        text = re.sub(r"(?<![A-Za-z0-9])ex\d{2}_[a-z0-9_]+", name, text)  # test_ex03_is_it_open too
        if own_kata:  # a test's made-up kata: only the real exercises' full names are ours to change
            return text
        text = re.sub(r"(?<![A-Za-z0-9])ex(\d{2})\b(?!_)", short, text)
        text = re.sub(rf"\b[Ee]xercises?\s+{ITEM}(?:(?:,\s*|\s+(?:and|or|to)\s+|\s*[-–]\s*){ITEM})*", numbers, text)
        text = re.sub(rf"\bkata (?:{VERBS})(?: --?[a-z-]+)* \d+\b", numbers, text)
        text = re.sub(rf"[\"'](?:{VERBS})[\"'],\s*[\"']\d+[\"']", numbers, text)
        return re.sub(r"/(\d+)\b(?= (?:exercises )?done)", total, text)


def new_name(name: str, number: int) -> str:
    return f"ex{number:02d}_{name.split('_', 1)[1]}"


def tracked(root: Path) -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True)
    return [p for p in listed.stdout.decode().split("\0") if p]


def catalogue_entry(args: argparse.Namespace, number: int) -> str:
    hints = "\n".join(f"    {json.dumps(h, ensure_ascii=False)}," for h in TEMPLATE_HINTS)
    name, title, concept = (
        json.dumps(t, ensure_ascii=False) for t in (new_name("ex00_" + args.name, number), args.title, args.concept)
    )
    return (
        f"[[exercises]]\nname = {name}\nchapter = {json.dumps(args.chapter)}\n"
        f"title = {title}\nconcept = {concept}\nhints = [\n{hints}\n]\n\n"
    )


TEMPLATE_HINTS = (
    "Which path of the kitchen lists the dishes, and which key of its answer says how many there are?",
    "The menu's answer is an object with `items` and `count`. Which of the two is already the number asked for?",
    "Send a GET to the menu's path with a timeout, raise on an error status, and return the answer's count.",
)


def insert_into_catalogue(text: str, catalogue: Catalogue, at: int, chapter: str, entry: str) -> str:
    """catalogue.toml with `entry` placed so that it is exercise `at` and sits inside its chapter's block."""
    exercises = catalogue.exercises
    after = exercises[at - 1] if at <= len(exercises) else None
    before = exercises[at - 2] if at >= 2 else None
    allowed = {e.chapter.id for e in (before, after) if e is not None}
    if chapter not in allowed:
        raise SystemExit(f"Exercise {at} can only join {' or '.join(sorted(allowed))}: chapters stay in one block.")
    headers = [m.start() for m in re.finditer(r"(?m)^\[\[(?:exercises|chapters)\]\]\n", text)]
    starts = [m.start() for m in re.finditer(r"(?m)^\[\[exercises\]\]\n", text)]
    if after is not None and after.chapter.id == chapter:
        cut = starts[at - 1]
    else:  # the last of the previous chapter: right after that exercise's block
        assert before is not None
        cut = next((h for h in headers if h > starts[at - 2]), len(text))
    return text[:cut] + entry + text[cut:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--at", type=int, required=True, help="the new exercise's number")
    parser.add_argument("--chapter", required=True, help="its chapter's id, e.g. ch01_first_contact")
    parser.add_argument("--name", required=True, help="its name without the number, e.g. count_the_dishes")
    parser.add_argument("--title", required=True, help="its title, as the learner reads it")
    parser.add_argument("--concept", default="A GET request, and one number read from a JSON answer")
    parser.add_argument("--root", type=Path, default=ROOT, help="the kata's folder (a git checkout)")
    parser.add_argument("--dry-run", action="store_true", help="list the changes, make none")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    catalogue = load(root)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", args.name):
        parser.error("--name: lower-case letters, digits and underscores, e.g. count_the_dishes")
    if any(e.name.split("_", 1)[1] == args.name for e in catalogue.exercises):
        parser.error(f"--name: an exercise is already called {args.name}")
    if not 1 <= args.at <= len(catalogue.exercises) + 1:
        parser.error(f"--at: 1 to {len(catalogue.exercises) + 1}")
    plan = Renumbering(catalogue, args.at)
    moves = [(p, plan.path(p)) for p in tracked(root) if plan.path(p) != p]
    edits = {}
    for path in tracked(root):
        file = root / plan.path(path)  # written after the moves
        if Path(path).suffix not in TEXT_SUFFIXES or not (root / path).is_file():
            continue
        try:
            old = (root / path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = plan.text(old, own_kata=path.startswith(OWN_KATAS))
        if path == "catalogue.toml":
            new = insert_into_catalogue(new, load(root), args.at, args.chapter, catalogue_entry(args, args.at))
        if new != old:
            edits[path] = (file, new)
    name = new_name("ex00_" + args.name, args.at)
    created = files_for(name, args.chapter, args.at, args.title)
    for old_path, new_path in moves:
        print(f"move  {old_path} -> {new_path}")
    for path in edits:
        print(f"edit  {path}")
    for path in created:
        print(f"new   {path}")
    if args.dry_run:
        return 0
    for old_path, new_path in moves:
        (root / new_path).parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "mv", old_path, new_path], cwd=root, check=True)
    for file, text in edits.values():
        file.write_text(text, encoding="utf-8", newline="\n")
    for path, text in created.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8", newline="\n")
    subprocess.run(["git", "add", "--", *created], cwd=root, check=True)
    left = problems(root)
    for problem in left:
        print(f"left  {problem}")
    print(f"\nExercise {args.at} is {name}. Next: pin its first golden screen")
    print(f"(python tools/pin_golden.py --new {name}/wrong_counts_the_page), re-pin the others")
    print(
        "(python tools/pin_golden.py), rewrite the template, then tox -e solutions: docs/maintainers.md has the recipe."
    )
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
