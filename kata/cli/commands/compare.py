"""`kata compare EXERCISE [--peek]`: a unified diff of your file against the reference solution.

Only once the exercise passes (the tests are run to find out), unless `--peek`.
"""

from __future__ import annotations

import argparse
import ast
import difflib
from pathlib import Path

from kata.catalogue import Catalogue, Exercise
from kata.cli import run as runner
from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.exercise_info import shown
from kata.cli.output import Output


def code_lines(path: Path) -> list[str]:
    """The file's lines without its module docstring (the story differs by design; the code is what to compare)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    try:
        body = ast.parse(text).body
    except (SyntaxError, ValueError):
        return lines
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        rest = lines[first.end_lineno or 0 :]
        while rest and not rest[0].strip():
            rest = rest[1:]
        return rest
    return lines


def show_diff(out: Output, catalogue: Catalogue, exercise: Exercise) -> int:
    """Print the diff (yours, then the reference); returns an exit code."""
    mine, reference = exercise.source("exercises"), exercise.source("solutions")
    for path in (mine, reference):
        if not path.is_file():
            out.line(out.bad(f"{shown(path, catalogue)} is missing."))
            return 2
    ours, theirs = code_lines(mine), code_lines(reference)
    lines = list(
        difflib.unified_diff(
            ours,
            theirs,
            fromfile=f"{shown(mine, catalogue)} (yours)",
            tofile=f"{shown(reference, catalogue)} (reference)",
        )
    )
    if not lines:
        out.line(f"Your code in {shown(mine, catalogue)} is the same as the reference solution's, line for line.")
        return 0
    out.line(out.dim("Lines with - are yours, lines with + the reference's (module docstrings left out)."))
    for line in lines:
        text = line.rstrip("\r\n")
        if line.startswith(("---", "+++")):
            out.line(out.bold(text))
        elif line.startswith("@@"):
            out.line(out.style(text, "cyan"))
        elif line.startswith("-"):
            out.line(out.style(text, "red"))
        elif line.startswith("+"):
            out.line(out.style(text, "green"))
        else:
            out.line(text)
    return 0


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    exercise = catalogue.find(args.exercise)
    if not args.peek:
        out.status(f"Running the tests of exercise {exercise.number}...")
        test_run = runner.check(catalogue, exercise, capture=True)
        out.clear_status()
        if not test_run.passed:
            out.line(
                f"Exercise {exercise.number} does not pass yet, so the reference solution stays hidden: "
                f"finding your own way is the point. {out.command(f'check {exercise.number}')} shows what is left."
            )
            out.line(f"Really want to look? {out.command(f'compare {exercise.number} --peek')}")
            return 1
    return show_diff(out, catalogue, exercise)
