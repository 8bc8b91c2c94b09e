"""`regie play`: the classroom game (a plugin of sim.cli; pygame is imported by the handler).

Exit codes: 0 done; 2 bad input (scenario, log, option) as one ``FILE:LINE`` or usage line.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROLES = ("regisseur", "executor", "wethouder")
AUTOPLAY_SEATS = {"regisseur": {"type": "human", "name": "Anna"},
                  "executor": {"type": "human", "name": "Bram"}}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `play` sub-command."""
    p = sub.add_parser("play", help="the classroom game (pygame-ce)",
                       description="Start the processimulatie game. Speed N× means N simulated "
                       "hours per second of wall time; the clock stops while a person decides.")
    p.add_argument("--scenario", default=None, help="scenario file or shipped name")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="interface language")
    p.add_argument("--seed", type=int, default=None, help="seed (default: the scenario's)")
    p.add_argument("--log", default=None, help="session log to write (JSONL; never overwritten)")
    p.add_argument("--resume", default=None, metavar="FILE",
                   help="continue an unfinished session from its log")
    p.add_argument("--session-dir", default=None,
                   help="where session logs go (default: ~/.regiekamer/sessions)")
    look = p.add_mutually_exclusive_group()
    look.add_argument("--desktop", action="store_true",
                      help="the smaller desktop theme (for a laptop screen, not a projector)")
    look.add_argument("--projector", action="store_true",
                      help="projector mode: large text and controls, high contrast (default)")
    p.add_argument("--human", action="append", default=[], metavar="ROLE[=NAME]",
                   help="a person plays this role (repeatable)")
    p.add_argument("--bot", action="append", default=[], metavar="ROLE=ARCHETYPE",
                   help="a bot archetype plays this role (repeatable)")
    p.add_argument("--speed", type=int, choices=(1, 2, 4, 8, 16, 32, 64), default=None,
                   help="start speed in simulated hours per second (default 4; 64 with "
                   "--autoplay)")
    p.add_argument("--pin", default=None, help="PIN that guards the trainer panel (F2)")
    p.add_argument("--sound", action="store_true", help="sounds on (off by default)")
    p.add_argument("--size", default="1280x720", help="window size WxH")
    p.add_argument("--headless", action="store_true",
                   help="no window (SDL dummy video driver): for tests and demos")
    p.add_argument("--autoplay", action="store_true",
                   help="a scripted player drives the game through its input")
    p.add_argument("--until", type=int, default=None, metavar="DAY",
                   help="with --autoplay: end the round on this season day")
    p.add_argument("--screenshot-dir", default=None, metavar="DIR",
                   help="save a PNG of every screen the first time it shows")
    p.add_argument("--frames", type=int, default=None, help=argparse.SUPPRESS)
    p.set_defaults(handler=play_command)


def _fail(message: str) -> int:
    print(f"regie play: error: {message}", file=sys.stderr)
    return 2


def scenario_seats(scenario: str | None) -> dict[str, tuple[str, ...]]:
    """The seats of a scenario's family and the bots each may hold (the gladheid roles
    when the scenario cannot be read: starting the session then reports why)."""
    from game.families import parts_for_path, read_yaml
    from sim.inputfile import InputFileError
    from sim.scenario.loader import resolve_scenario

    try:
        path = resolve_scenario(scenario)
    except InputFileError:
        from sim.bots import BOTS

        return {r: tuple(BOTS[r]) for r in ROLES}
    parts = parts_for_path(path)
    return {seat: parts.bots(seat) for seat in parts.seats(read_yaml(path))}


def parse_seats(humans: list[str], bots: list[str],
                seat_bots: dict[str, tuple[str, ...]] | None = None) -> dict[str, dict]:
    """--human ROLE[=NAME] and --bot ROLE=ARCHETYPE into controller specs; `seat_bots`
    (seat -> its archetypes) defaults to the gladheid roles."""
    if seat_bots is None:
        from sim.bots import BOTS

        seat_bots = {r: tuple(BOTS[r]) for r in ROLES}
    seats: dict[str, dict] = {}
    for text in humans:
        role, _, name = text.partition("=")
        if role not in seat_bots:
            raise ValueError(f"--human {text}: role must be one of {', '.join(seat_bots)}")
        seats[role] = {"type": "human", "name": name.strip() or None}
    for text in bots:
        role, _, bot = text.partition("=")
        if role not in seat_bots or bot not in seat_bots[role]:
            choices = ", ".join(f"{r}={b}" for r, bs in seat_bots.items() for b in bs)
            raise ValueError(f"--bot {text}: choose from {choices}")
        if role in seats:
            raise ValueError(f"{role} given both as --human and --bot")
        seats[role] = {"type": "bot", "bot": bot}
    return seats


def play_command(args: argparse.Namespace) -> int:
    """Run the game."""
    try:
        width, _, height = args.size.lower().partition("x")
        size = (int(width), int(height))
        seats = parse_seats(args.human, args.bot, scenario_seats(args.scenario))
    except ValueError as err:
        return _fail(str(err))
    if args.until is not None and not args.autoplay:
        return _fail("--until needs --autoplay")
    if args.resume and not Path(args.resume).is_file():
        return _fail(f"{args.resume}: no such session log")
    if args.headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame
        import pygame_gui  # noqa: F401
    except ImportError as err:
        return _fail(f"the game needs the 'game' extra ({err}); install it with: "
                     'pip install ".[game]"')
    if not getattr(pygame, "IS_CE", False):
        return _fail("plain pygame is installed over pygame-ce; repair with: pip uninstall -y "
                     "pygame pygame-ce && pip install pygame-ce")
    from game.app import App, Options

    if args.autoplay and not seats:
        seats = dict(AUTOPLAY_SEATS)
    speed = args.speed or (64 if args.autoplay else 4)
    options = Options(
        lang=args.lang, projector=not args.desktop, headless=args.headless,
        autoplay=args.autoplay, until=args.until,
        screenshot_dir=Path(args.screenshot_dir) if args.screenshot_dir else None,
        scenario=args.scenario, seed=args.seed, log=Path(args.log) if args.log else None,
        resume=Path(args.resume) if args.resume else None,
        session_dir=Path(args.session_dir) if args.session_dir else None, pin=args.pin,
        speed=speed, sound=args.sound, size=size, seats=seats, frames=args.frames)
    app = App(options)
    code = app.run()
    if args.frames is not None:
        print(f"first_frame_s={app.first_frame_s:.4f}", flush=True)
    return code
