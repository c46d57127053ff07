"""The `kata` command: the learner's companion (see `kata --help`).

Split by job: `args` parses the command line, `run` runs the tests (in this
process or a child pytest), `memory` remembers hints and backups in `.kata/`,
`exercise_info` reads an exercise's file without running it, `output` writes
to the terminal, `file_events` and `keys` feed `kata watch` its saves and
keys, `commands/` has one module per verb. Start-up stays light (no pytest, requests or flask in this process)
so `kata check` costs little more than the test run it starts.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Sequence

from kata import host
from kata.catalogue import CatalogueError


def main(argv: Sequence[str] | None = None) -> int:
    code = _run(argv)
    if argv is None:  # the `kata` command itself, about to end: see `quick_exit`
        quick_exit()
    return code


def quick_exit() -> None:
    """Spare the interpreter's last garbage collection at exit: with pytest and a test run in memory it costs
    50 to 100 ms of CPU, on every `kata check`. The objects are kept, not collected: only a process about
    to end may call this."""
    import gc

    gc.freeze()


def _run(argv: Sequence[str] | None) -> int:
    from kata.cli.args import parser

    host.safe_streams()  # a cp1252 pipe or an ASCII locale: escapes, never a UnicodeEncodeError
    args = parser().parse_args(argv)
    if host.keep_loopback_direct():  # the kata's kitchen is on 127.0.0.1: never through a proxy
        print(host.PROXY_NOTE, file=sys.stderr)
    verb = args.command or "progress"
    module = importlib.import_module(f"kata.cli.commands.{verb.replace('-', '_')}")
    try:
        return int(module.run(args))
    except CatalogueError as error:
        print(f"kata: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except OSError as error:
        if not host.closed_pipe(error):  # `kata progress | head`: the reader left (EINVAL on Windows)
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
