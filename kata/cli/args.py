"""The command line: one sub-command per verb, `kata` alone meaning `kata progress`."""

from __future__ import annotations

import argparse

DESCRIPTION = "Your companion for the Restaurant API Kata: where you are, what is next, and a fast feedback loop."
EPILOG = "EXERCISE is a number (3), a name (ex03_is_it_open) or the start of one (ex03, is_it)."


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kata", description=DESCRIPTION, epilog=EPILOG)
    verbs = top.add_subparsers(dest="command", metavar="COMMAND")

    verbs.add_parser(
        "progress", help="where you are: every chapter and exercise, from a run of the tests (the default)"
    )

    check = verbs.add_parser("check", help="run one exercise's tests (the next unfinished one by default)")
    check.add_argument(
        "exercise",
        nargs="?",
        metavar="EXERCISE",
        help="default: the first unfinished exercise (an exercise whose files did not change is not run again)",
    )
    check.add_argument(
        "--all", action="store_true", help="run every exercise's tests again, not only those whose files changed"
    )

    verbs.add_parser("next", help="what to do next: the exercise, the file to open, the task in short")

    hint = verbs.add_parser("hint", help="the next hint for an exercise (ask again for the next one)")
    hint.add_argument("exercise", nargs="?", metavar="EXERCISE", help="default: the exercise you are on")
    hint.add_argument("--all", action="store_true", help="show every hint of the exercise")

    watch = verbs.add_parser("watch", help="re-run the current exercise every time you save a file in exercises/")
    watch.add_argument(
        "exercise", nargs="?", metavar="EXERCISE", help="start here (default: the first unfinished exercise)"
    )
    mode = watch.add_mutually_exclusive_group()
    mode.add_argument(
        "--poll", action="store_true", help="look for changes every half second (network drives, some VMs)"
    )
    mode.add_argument("--manual", action="store_true", help="do not watch files: press r to run the tests")

    notepad = verbs.add_parser("notepad", help="see your last run's requests and answers drawn, in the browser")
    notepad.add_argument("exercise", nargs="?", metavar="EXERCISE", help="default: the last run, whatever it ran")
    notepad.add_argument("--no-browser", action="store_true", help="only print where the page is")

    reset = verbs.add_parser("reset", help="put an exercise's stub back as it was (your version is backed up)")
    reset.add_argument("exercise", metavar="EXERCISE")
    reset.add_argument("--yes", "-y", action="store_true", help="do not ask first")

    compare = verbs.add_parser("compare", help="your file beside the reference solution, as a unified diff")
    compare.add_argument("exercise", metavar="EXERCISE")
    compare.add_argument("--peek", action="store_true", help="show it even though the exercise does not pass yet")

    serve = verbs.add_parser("serve", help="start the restaurant, for exploring with a browser or curl")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="port, 0 for any free one (default: %(default)s)")
    serve.add_argument(
        "--workshop", action="store_true", help="one kitchen for a room of pairs, with a board (docs/facilitator.md)"
    )
    serve.add_argument("--stuck-minutes", type=float, default=10.0, help="workshop: minutes before a team shows stuck")
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="workshop: the reverse proxy in front of the room (its X-Forwarded-For is believed; docs/online-room.md)",
    )

    verbs.add_parser("doctor", help="pre-flight check: Python, dependencies, the kitchen, write access")

    # Workshops (docs/facilitator.md) ----------------------------------------------------------------
    join = verbs.add_parser("join", help="join a workshop's shared kitchen as a team (kata join URL NAME)")
    join.add_argument("url", nargs="?", metavar="URL", help="the workshop server, e.g. http://192.168.1.20:8000")
    join.add_argument("name", nargs="?", metavar="NAME", help="your team's name (one pair, one name)")
    join.add_argument(
        "--token", help="be again a team that already joined: another laptop or another day (NAME may be left out)"
    )
    join.add_argument("--code", help="the room's join code (the facilitator shows it; asked for when left out)")
    join.add_argument("--leave", action="store_true", help="leave the workshop: the kata works on its own again")
    join.add_argument(
        "--local-kitchen",
        action="store_true",
        help="keep your kitchen at home: tests run against a kitchen on your laptop, only results go to the room",
    )
    join.add_argument("--ca-bundle", metavar="FILE", help="an https:// room with a private CA: that CA's certificates")

    pair = verbs.add_parser("pair", help="remind the pair to swap driver and navigator every few minutes")
    pair.add_argument("--minutes", type=float, default=10.0, help="minutes between swaps (default: %(default)g)")
    pair.add_argument("--names", nargs=2, metavar=("DRIVER", "NAVIGATOR"), help="who drives first, who navigates")
    pair.add_argument("--rounds", type=int, default=None, help=argparse.SUPPRESS)  # stop after R swaps (tests)

    catch_up = verbs.add_parser(
        "catch-up", help="join the room at exercise N: reference solutions for the ones before (yours backed up)"
    )
    catch_up.add_argument("exercise", metavar="EXERCISE")
    catch_up.add_argument("--yes", "-y", action="store_true", help="do not ask first")
    return top
