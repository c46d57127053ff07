"""`kata join URL NAME`: take part in a workshop as team NAME (see docs/facilitator.md).

Joins the facilitator's server and keeps the team's token in
`.kata/workshop.json`; from then on the tests use the team's kitchen on that
server and report every run to the facilitator's board. `kata join` alone
says which workshop this kata is in; `kata join --leave` leaves it (the kata
works on its own again). A second laptop of the same pair, or the same learner on another
day of a course, joins with the token: `kata join URL --token TOKEN` (the room says whose it is;
a token it never gave, or a removed team's, is refused in one line).

Joining needs the room's join code (on the facilitator's board): `--code CODE`,
else `KATA_JOIN_CODE`, else `kata join` asks for it.

`--local-kitchen` keeps the team's kitchen at home: the tests run against a kitchen on
this laptop, as a solo learner's do, and only their results go to the room (an online
class). An https:// room's certificate is verified; `--ca-bundle FILE` names a private CA.
"""

from __future__ import annotations

import argparse
import os
import sys

from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.output import Output
from kata.command_line import kata_command
from kata.workshop import room as workshop
from kata.workshop import tls


def run(args: argparse.Namespace) -> int:
    out = Output()
    root = load_catalogue().root
    if args.leave:
        if workshop.forget(root):
            out.line("Left the workshop: your tests use a kitchen on your laptop again, and report to nobody.")
        else:
            out.line("This kata is not in a workshop: nothing to leave.")
        return 0
    if not args.url:
        return show(out, root)
    if not args.name and not args.token:
        out.line(out.bad("Which team are you?") + f" {out.command(f'join {args.url} TEAM-NAME')}")
        return 2
    given = " ".join((args.name or "").split())
    team = workshop.TeamLogin(workshop.normalise_server(args.url), given, (args.token or "").strip() or None)
    team.local = bool(getattr(args, "local_kitchen", False))
    if getattr(args, "ca_bundle", None):
        try:
            team.ca_bundle = tls.check_bundle(args.ca_bundle)
        except tls.BundleUnusable as error:
            out.line(out.bad(f"Could not join the workshop at {team.server}: ") + str(error) + ".")
            return 2
    stored = workshop.configured(root, {})
    same = stored is not None and stored.server == team.server and stored.name.casefold() == team.name.casefold()
    if same and stored is not None and team.ca_bundle is None:
        team.ca_bundle = stored.ca_bundle  # the room's CA, named at the first join
    if team.token is None and same and stored is not None and stored.token:
        team.token = stored.token  # joined before: check that the token still works
    try:
        if team.token:
            found = str(workshop.whoami(team)["name"])
            if given and given.casefold() != found.casefold():
                return refused(out, team, f"this token is team {found!r}'s, not {given!r}.", again=True)
            team.name = found
            workshop.write_state(root, team)
            verb = "Back in"
        else:
            code = join_code(out, args)
            if code is None:
                return 2
            team = workshop.join(root, team, code)
            verb = "Joined"
    except workshop.WorkshopCallFailed as error:
        return refused(out, team, str(error))
    out.line(out.good(f"{verb} the workshop at {team.server} as team {team.name!r}."))
    if team.local:
        out.line(
            "Your kitchen stays at home: your tests use a kitchen on this laptop, and only their results "
            "go to the facilitator's board."
        )
    else:
        out.line("Your tests now use your team's kitchen there, and every run shows on the facilitator's board.")
        out.line(f"  your kitchen (docs in a browser): {out.code(team.kitchen + '/')}")
    out.line(f"  token, kept in .kata/workshop.json: {team.token}")
    again = kata_command(f"join {team.server} --token {team.token}" + (" --local-kitchen" if team.local else ""))
    out.line(f"  another laptop, or another day: {out.code(again)}")
    out.line(f"  leave the workshop: {out.command('join --leave')}")
    if os.environ.get(workshop.SERVER_ENV) is not None:
        out.line(out.warn(f"Note: {workshop.SERVER_ENV} is set in this shell, and it wins over kata join."))
    return 0


def join_code(out: Output, args: argparse.Namespace) -> str | None:
    """The room's join code: --code, KATA_JOIN_CODE, or asked for (None, and a line saying how, when none)."""
    code = (getattr(args, "code", None) or os.environ.get(workshop.CODE_ENV) or "").strip()
    if code:
        return code
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            code = input("Join code (the facilitator shows it on the board): ").strip()
        except EOFError:
            code = ""
    if not code:
        out.line(
            out.bad("Joining needs the room's join code.")
            + f" The facilitator shows it: {out.command(f'join {args.url} {_quoted(args.name)} --code CODE')}"
        )
        return None
    return code


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


def refused(out: Output, team: workshop.TeamLogin, error: str, again: bool = False) -> int:
    out.line(out.bad(f"Could not join the workshop at {team.server}: ") + error)
    if again:  # a token and a name that do not go together: the token alone says who
        out.line(f"  Leave the name out: {out.command(f'join {team.server} --token {team.token}')}.")
    if "cannot be reached" in error and team.server.startswith("http://"):
        out.line("  - Is the address right? The facilitator's screen shows it (http://...:8000).")
        out.line("  - Are you on the same Wi-Fi as the facilitator's laptop?")
        out.line(
            "  - Does that address open in a browser? If not, the network or a firewall is in the way: "
            "tell the facilitator."
        )
    elif "join code" in error.lower():
        out.line(f"  Check the code on the facilitator's board: {out.command('join URL TEAM-NAME --code CODE')}.")
    elif "already joined" in error:
        out.line(
            f"  Another name? Or your own team on a second laptop: "
            f"{out.command(f'join {team.server} {_quoted(team.name)} --token TOKEN')} "
            "(the first laptop's .kata/workshop.json has the token)."
        )
    return 1


def show(out: Output, root: object) -> int:
    try:
        team = workshop.configured(root, None)  # type: ignore[arg-type]
    except workshop.WorkshopCallFailed as error:
        out.line(out.bad(str(error)))
        return 2
    if team is None:
        out.line("This kata is not in a workshop. Join one with " + out.command("join URL TEAM-NAME") + ".")
        return 0
    if not team.token:
        out.line(f"Team {team.name!r} at {team.server}: not joined yet (the first test run joins).")
        return 0
    try:
        summary = workshop.whoami(team)
    except workshop.WorkshopCallFailed as error:
        out.line(f"Team {team.name!r} at {team.server}: " + out.warn(error.args[0]))
        return 1
    out.line(f"Team {team.name!r} at {team.server}: {summary['done']}/{summary['total']} exercises done on the board.")
    if team.local:
        out.line("  your kitchen: at home (on this laptop); only results go to the board")
    else:
        out.line(f"  your kitchen: {out.code(team.kitchen + '/')}")
    return 0
