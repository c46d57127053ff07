"""What ``python -m mock_server --workshop`` adds: the settings, the server's sizing, and the banner.

The facilitator's secret comes from ``KATA_FACILITATOR_SECRET``, else from the room's database
(a restart keeps it), else it is made up at start; it is printed inside the board's address and
nowhere else. The join code works the same way with ``KATA_JOIN_CODE``, and is printed plainly:
it is for the room. The database is ``workshop.sqlite3`` in the folder the server starts from.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path
from typing import Any, TextIO

from mock_server.serving import waitress_server
from mock_server.workshop.db import DEFAULT_FILE
from mock_server.workshop.registry import MIN_SECRET

SECRET_ENV = "KATA_FACILITATOR_SECRET"
CODE_ENV = "KATA_JOIN_CODE"
MAX_TEAMS = 200  # a room in person; a course whose learners keep their kitchens at home holds more (--max-teams)
MAX_TEAMS_CEILING = 20000  # what one room file and board are meant for (bench/README.md, "Learners at home")
THREADS = 32  # waitress workers: enough for 100 teams, their capped slow requests (limits) and the board
# waitress' default (100 connections) is one laptop per team with nothing to spare; one address holds 64 at most.
CONNECTIONS = {
    "connection_limit": waitress_server.WORKSHOP_CONNECTION_LIMIT,
    "per_address": waitress_server.WORKSHOP_PER_ADDRESS,
}
REAL_CLOCK_REFUSED = (
    "--workshop runs on the manual clock: with --clock real the kitchen would make the teams' webhook calls "
    "itself, from this machine, to whatever local port a team names. Leave --clock out."
)


def settings(
    stuck_minutes: float = 10.0,
    environ: Any = None,
    database: str | None = None,
    restore: bool = False,
    max_teams: int = MAX_TEAMS,
    idle_days: float = 3.0,
) -> dict[str, Any]:
    environ = os.environ if environ is None else environ
    given = (environ.get(SECRET_ENV) or "").strip()
    if given and len(given) < MIN_SECRET:
        raise SystemExit(f"{SECRET_ENV} must have at least {MIN_SECRET} characters (a made-up one has 32).")
    code = (environ.get(CODE_ENV) or "").strip()
    if not 1 <= max_teams <= MAX_TEAMS_CEILING:
        raise SystemExit(f"--max-teams must be 1 to {MAX_TEAMS_CEILING}.")
    if code and len("".join(code.split()).replace("-", "")) < 4:
        raise SystemExit(f"{CODE_ENV} must have at least 4 characters.")
    return {
        "secret": given or None,  # None: the database's, or a new one (workshop.init_app)
        "secret_from_env": bool(given),
        "join_code": code or None,
        "database": str(Path(database or DEFAULT_FILE).resolve()),
        "restore": restore,
        "stuck_after": max(0.0, stuck_minutes * 60),
        "max_teams": max_teams,
        "idle_after": max(0.0, idle_days * 86400),
    }


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1): nobody else can reach those."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, as the resolver knows them (no packet is sent)."""
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return found
    for info in infos:
        address = str(info[4][0])
        if not address.startswith("127.") and address not in found:
            found.append(address)
    return found


def announce(host: str, port: int, workshop: dict[str, Any], out: TextIO, proxies: list[str] | None = None) -> None:
    """The banner a facilitator reads at start: where learners join, the board's address, the warnings."""
    loopback = is_loopback(host)
    if host in ("0.0.0.0", "::", ""):
        addresses = lan_addresses()
    elif loopback:
        addresses = []
    else:
        addresses = [host]
    shown = [f"[{a}]" if ":" in a else a for a in addresses]
    local = "127.0.0.1" if host not in ("::", "::1") else "[::1]"
    key = "<the secret in $" + SECRET_ENV + ">" if workshop.get("secret_from_env") else workshop["secret"]
    rule = "=" * 78
    lines = [
        rule,
        "WORKSHOP MODE: one kitchen for the room, a kitchen of its own per team.",
        "",
        "Learners join with (one pair, one name):",
    ]
    if proxies:  # behind nginx or Caddy (docs/online-room.md): the learners know the room by the proxy's name
        lines += [
            "    kata join https://<the room's name, as the proxy serves it> TEAM-NAME",
            f"    (behind a reverse proxy: {', '.join(proxies)} trusted for X-Forwarded-For; add --local-kitchen",
            "     to keep each team's kitchen on its laptop: only results come here)",
        ]
    elif shown:
        lines += [f"    kata join http://{address}:{port} TEAM-NAME" for address in shown]
    else:
        lines.append(f"    kata join http://<this laptop's address>:{port} TEAM-NAME")
        if loopback:
            lines.append("    (listening on loopback only: nobody else can reach it; use --host 0.0.0.0 for the room)")
        else:
            lines.append(
                "    (find the address: `ipconfig` on Windows, `ipconfig getifaddr en0` on macOS, `hostname -I`)"
            )
    lines += [
        "    (`kata` with the kata's venv active; else `uv run kata`, `.venv/bin/kata` on macOS and Linux,",
        "     `.venv\\Scripts\\kata.exe` in PowerShell, `.venv/Scripts/kata.exe` in Git Bash)",
        f"    and type the join code when asked: {workshop['join_code']}   (it is on the board too)",
        "",
        "Your board (keep this address to yourself: the key in it is the facilitator's secret):",
        *([f"    https://<the room's name>/__workshop/board?key={key}"] if proxies else []),
        f"    http://{local}:{port}/__workshop/board?key={key}",
        "",
        f"Stuck means: on the same exercise for {workshop['stuck_after'] / 60:g} min or more.",
        f"The room (teams, tokens, progress, secret, code) is kept in {workshop['database']}:",
        "    start again in this folder and every team carries on; their kitchens start empty.",
        f"    Backups: {Path(workshop['database']).stem}-backups/ beside it (--workshop-restore: the newest).",
    ]
    if not loopback:
        lines += [
            "",
            f"WARNING: listening on {host}: every machine on this network can reach this kitchen.",
            "Teams are kept apart by their tokens; only the secret opens the board. Stop it (Ctrl+C) when the",
            "workshop ends, and allow it through the firewall on a private network only.",
        ]
    lines.append(rule)
    out.write("\n".join(lines) + "\n")
    out.flush()
