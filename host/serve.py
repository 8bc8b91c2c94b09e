"""Serving a classroom: the aiohttp site, the clock, the projector window, a clean stop.

Prints (it may: this is the command's front end) the address, the PIN and the join codes,
then one line ``regie host: serving http://...`` that scripts and tests wait for.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
import time
from typing import TYPE_CHECKING

from aiohttp import web

from host.clock import run_clock
from host.hub import Hub
from host.server import make_app
from sim.actions import ROLES

if TYPE_CHECKING:
    from host.classroom import Classroom

VIEW_S = 0.25  # the projector's class view is rebuilt at most this often [s]


def lan_address() -> str:
    """This computer's address on the network that leads outward (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def serve(
    classroom: Classroom, *, bind: str, port: int, pin: str | None, headless: bool, lang: str = "nl"
) -> int:
    """Run until Ctrl-C, SIGTERM or the projector window closes; 2 if the port is busy."""
    try:
        return asyncio.run(_serve(classroom, bind, port, pin, headless, lang))
    finally:
        classroom.close()


async def open_site(classroom: Classroom, bind: str, port: int) -> tuple[web.AppRunner, Hub]:
    """Start serving a classroom on (bind, port); port 0 takes a free one (see hub.url)."""
    hub = Hub(classroom, "")
    runner = web.AppRunner(make_app(classroom, hub), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, bind, port).start()
    except OSError:
        await runner.cleanup()
        raise
    actual = runner.addresses[0][1]
    shown = lan_address() if bind in ("0.0.0.0", "::") else bind
    hub.url = f"http://{shown}:{actual}/"
    return runner, hub


async def _serve(
    classroom: Classroom, bind: str, port: int, pin: str | None, headless: bool, lang: str
) -> int:
    try:
        runner, hub = await open_site(classroom, bind, port)
    except OSError as err:
        print(
            f"regie host: error: cannot listen on {bind}:{port}: {err.strerror or err}",
            file=sys.stderr,
        )
        return 2
    try:
        frame = None if headless else classroom.parts.part("projector")(classroom, hub, lang)
    except RuntimeError as err:  # pygame.error: no display for the window
        await runner.cleanup()
        print(
            f"regie host: error: no projector window ({err}); start again with "
            f"--headless (regie host --resume {classroom.directory} --headless)",
            file=sys.stderr,
        )
        return 2
    try:
        _announce(classroom, hub, pin)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run_clock(classroom, hub, stop, frame)
    finally:
        await runner.cleanup()
    print(
        f"regie host: stopped; continue with regie host --resume {classroom.directory}", flush=True
    )
    return 0


def _announce(classroom: Classroom, hub: Hub, pin: str | None) -> None:
    """The address, the PIN and every seat's join code."""
    print(f"regie host: {len(classroom.tables)} table(s), session in {classroom.directory}")
    print(f"  trainer console: {hub.url}console   PIN: {pin or '(as given at the start)'}")
    print(f"  participants:    {hub.url}  (or scan the projector's QR code)")
    for table in classroom.tables:
        codes = "  ".join(f"{seat} {table.codes[seat]}" for seat in table.seats)
        print(f"  table {table.number}: {codes}")
    print(f"regie host: serving {hub.url}", flush=True)


class ProjectorFeed:
    """The projector window (host/projector.py) fed from the classroom: called by the
    clock each frame; rebuilds the class view (public views only) when something changed,
    at most every `every` seconds, and never while a job has a table's model."""

    def __init__(self, classroom: Classroom, hub: Hub, lang: str, every: float = VIEW_S) -> None:
        from host.projector import ProjectorWindow

        self.classroom, self.hub, self.lang, self.every = classroom, hub, lang, every
        self.window = ProjectorWindow(lang=lang)
        self.view = None
        self._key: object = None
        self._at = -1.0

    def __call__(self) -> bool:
        """One frame; False once the window was closed."""
        tables = self.classroom.tables
        if not any(t.busy for t in tables):
            key = (tuple(self.hub.table_key(t) for t in tables), len(self.hub.connections))
            now = time.monotonic()
            if key != self._key and now - self._at >= self.every:
                self._key, self._at = key, now
                self.view = self.class_view()
        return self.window.frame(self.view)

    def class_view(self):
        """The projector's view of the class now."""
        from host.projector_view import ClassView, JoinCode, table_board
        from sim.observation import observe_public

        c, hub = self.classroom, self.hub
        boards = [
            table_board(
                t.model,
                t.number,
                paused=t.state.paused,
                online={r: t.connected(r) > 0 for r in ROLES},
            )
            for t in c.tables
        ]
        joins = [
            JoinCode(t.number, r, t.codes[r], hub.join_url(t.codes[r]))
            for t in c.tables
            for r in ROLES
        ]
        held = c.hold is not None and any(t.held for t in c.tables)
        return ClassView(
            public=observe_public(c.tables[0].model),
            tables=boards,
            speed=float(c.tables[0].state.speed),
            join=joins,
            join_url=hub.url,
            # Join codes while every table is paused, until a design phase has begun.
            show_join=all(t.state.paused for t in c.tables)
            and not any(b.design is not None and b.design["moves"] for b in boards),
            question=c.hold.question if held else None,
            lang=self.lang,
        )
