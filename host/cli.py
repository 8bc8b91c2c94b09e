"""`regie host`: run N tables of one winter for browsers (a plugin of sim.cli).

Prints the address, the PIN and the join codes, then serves until Ctrl-C or SIGTERM
(logs left resumable). Exit codes: 0 done; 2 bad input (scenario, option, a busy port,
a session directory in use) in one line; a missing aiohttp names the `game` extra.
Imports here stay light: aiohttp and the model load in the handler.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

SPEED_CHOICES = (1, 2, 4, 8, 16, 32, 64)  # game.settings.SPEEDS (imported lazily there)
DEFAULT_PORT = 8765


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `host` sub-command."""
    p = sub.add_parser(
        "host",
        help="classroom network play: tables of one winter for browsers",
        description="Run N tables of the same scenario and seed; participants join from a "
        "browser with a table-and-seat code, the trainer steers from /console with the "
        "PIN. Every table starts paused. See docs/network.md.",
    )
    p.add_argument(
        "scenario",
        nargs="?",
        default=None,
        metavar="SCENARIO",
        help="scenario file or shipped name (default: the default scenario)",
    )
    p.add_argument("--tables", type=int, default=3, help="number of tables, 1-12 (default 3)")
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"TCP port (default {DEFAULT_PORT}; 0: any free port)",
    )
    p.add_argument(
        "--pin",
        default=None,
        help="trainer PIN, 4-32 characters (default: 6 random digits, printed; with "
        "--resume: a new PIN, else the one given at the start)",
    )
    p.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDRESS",
        help="address to listen on (default 127.0.0.1: this computer only; "
        "the laptop's LAN address or 0.0.0.0 for a classroom)",
    )
    p.add_argument("--headless", action="store_true", help="no projector window")
    p.add_argument(
        "--resume",
        default=None,
        metavar="DIR",
        help="continue the session kept in DIR after a crash",
    )
    p.add_argument("--seed", type=int, default=None, help="seed (default: the scenario's)")
    p.add_argument(
        "--speed",
        type=int,
        choices=SPEED_CHOICES,
        default=4,
        help="simulated hours per real second at the start (default 4)",
    )
    p.add_argument(
        "--lang",
        choices=("nl", "en"),
        default="nl",
        help="language of the session logs and the projector (default nl)",
    )
    p.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="where the session is kept (default sessions/host-<date-time>)",
    )
    p.set_defaults(handler=host_command)


def _fail(message: str) -> int:
    print(f"regie host: error: {message}", file=sys.stderr)
    return 2


def _check(args: argparse.Namespace) -> str:
    """What is wrong with the options ('' if nothing)."""
    from host.protocol import MAX_TABLES

    if not 1 <= args.tables <= MAX_TABLES:
        return f"--tables {args.tables}: must be 1 to {MAX_TABLES}"
    if not 0 <= args.port <= 65535:
        return f"--port {args.port}: must be 0 to 65535"
    if args.pin is not None and not 4 <= len(args.pin) <= 32:
        return "--pin: 4 to 32 characters"
    if args.resume and (args.scenario or args.out or args.seed is not None):
        return "--resume DIR takes the scenario, seed and directory from DIR"
    return ""


def _port_taken(bind: str, port: int) -> str:
    """Why the address cannot be listened on ('' if it can), before anything is written."""
    import socket

    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((bind, port))
        except OSError as err:
            return f"cannot listen on {bind}:{port}: {err.strerror or err}"
    return ""


def host_command(args: argparse.Namespace) -> int:
    """Start (or resume) the classroom and serve it."""
    import aiohttp  # noqa: F401 - a missing game extra is reported by sim.cli

    from host.classroom import Classroom
    from host.store import new_pin

    problem = _check(args) or _port_taken(args.bind, args.port)
    if problem:
        return _fail(problem)
    pin = args.pin
    if args.resume:
        directory = Path(args.resume)
        if not (directory / "host.json").is_file():
            return _fail(f"--resume {directory}: no host.json there (not a host session)")
        classroom = Classroom.resume(directory, pin)
    else:
        from sim.scenario.loader import resolve_scenario

        path = resolve_scenario(args.scenario)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        directory = Path(args.out) if args.out else Path("sessions") / f"host-{stamp}"
        pin = pin or new_pin()
        try:
            classroom = Classroom.create(
                path,
                directory,
                tables=args.tables,
                seed=args.seed,
                speed=args.speed,
                pin=pin,
                lang=args.lang,
            )
        except FileExistsError as err:
            return _fail(str(err))
    from host.serve import serve

    return serve(
        classroom, bind=args.bind, port=args.port, pin=pin, headless=args.headless, lang=args.lang
    )
