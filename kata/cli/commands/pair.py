"""`kata pair [--minutes N] [--names A B]`: remind a pair to swap driver and navigator every N minutes.

The driver types; the navigator reads, thinks ahead and looks things up.
Swapping often keeps both awake and both in the code. This prints a banner
every N minutes (no sound), until Ctrl+C; `--rounds R` stops after R swaps.
"""

from __future__ import annotations

import argparse
import time
from typing import Callable

from kata.cli.output import Output

WIDTH = 60


def banner(out: Output, swap: int, driver: str | None, navigator: str | None, minutes: float, at: str) -> None:
    rule = "=" * WIDTH
    if driver and navigator:
        who = f"{driver} drives now, {navigator} navigates."
    else:
        who = "The navigator takes the keyboard; the driver becomes the navigator."
    lines = [
        rule,
        f"  SWAP #{swap}: driver and navigator change places",
        f"  {who}",
        f"  Next swap in {minutes:g} min (at {at}). Ctrl+C to stop.",
        rule,
    ]
    out.line("")
    for line in lines:
        out.line(out.style(line, "bold", "yellow"))


def run(
    args: argparse.Namespace,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
    out: Output | None = None,
) -> int:
    out = out or Output()
    minutes = float(args.minutes)
    if minutes <= 0:
        out.line(out.bad("--minutes must be more than 0."))
        return 2
    names = list(args.names or [])
    if names and len(names) != 2:
        out.line(out.bad("--names takes two names: the first driver, then the first navigator."))
        return 2
    seconds = minutes * 60

    def at(offset: float) -> str:
        return time.strftime("%H:%M", time.localtime(clock() + offset))

    first = f"{names[0]} drives first, {names[1]} navigates." if names else "Decide who drives first."
    out.line(f"Pairing: swap driver and navigator every {minutes:g} min. {first}")
    out.line(f"First swap at {at(seconds)}. Ctrl+C to stop.")
    swaps = 0
    try:
        while args.rounds is None or swaps < args.rounds:
            sleep(seconds)
            swaps += 1
            driver, navigator = (names[swaps % 2], names[(swaps + 1) % 2]) if names else (None, None)
            banner(out, swaps, driver, navigator, minutes, at(seconds))
    except KeyboardInterrupt:
        out.line("")
    out.line(f"Pairing stopped after {swaps} swap{'s' if swaps != 1 else ''}.")
    return 0
