"""Re-pin the golden outputs (tests/golden/) after a deliberate change of wording: `python tools/pin_golden.py`.

Each case's screen is run again (in this process, with a kitchen of its own) and written over its `.txt`;
review the change with `git diff tests/golden`. `python tools/pin_golden.py ex05` re-pins the cases whose
name holds `ex05`; `--new ex05_filter_the_menu/wrong_veggie` pins a new case (its answer beside it, or in
the answer corpus under that name).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _golden():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location("kata_golden", ROOT / "tests" / "golden" / "golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["kata_golden"] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="?", default="", help="re-pin only the cases whose name holds this")
    parser.add_argument("--new", action="append", default=[], help="a new case to pin: <exercise_name>/<slug>")
    args = parser.parse_args(argv)
    golden = _golden()
    for name in args.new:
        screen = golden.GOLDEN / f"{name}.txt"
        screen.parent.mkdir(parents=True, exist_ok=True)
        screen.touch()
    changed = 0
    with golden.a_kitchen() as url:
        for case, text in golden.screens(url, args.only).items():
            old = case.screen.read_text(encoding="utf-8") if case.screen.exists() else ""
            if old != text:
                case.screen.write_text(text, encoding="utf-8", newline="\n")
                changed += 1
                print(f"re-pinned {case.name}")
    print(f"{changed} screen(s) changed; review them with `git diff tests/golden`.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
