"""The one asyncio clock of the class: every tick it lets real time pass at every table,
pushes fresh views and draws a projector frame.

Each table steps through its own game clock (``game.state.GameState.advance``: the one
driver, at most a few hours a tick, stopping for a person's decision, a pause or the hold).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from host.classroom import Classroom
    from host.hub import Hub

TICK_S = 0.05  # real time between ticks [s]
MAX_DT_S = 0.25  # real time one tick may let pass at most (after a stall) [s]
FRAME_S = 1.0 / 30.0  # real time between projector frames [s]


class Frame(Protocol):
    """Something drawn each frame (the projector); False when it was closed."""

    def __call__(self) -> bool: ...


async def run_clock(
    classroom: Classroom, hub: Hub, stop: asyncio.Event, frame: Frame | None = None
) -> None:
    """Tick until `stop` is set (or the projector window is closed)."""
    loop = asyncio.get_running_loop()
    last = last_frame = loop.time()
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), TICK_S)
        now = loop.time()
        dt, last = min(now - last, MAX_DT_S), now
        for table in classroom.tables:
            classroom.advance_table(table, dt)
            await asyncio.sleep(0)  # messages that came in meanwhile go first
        hub.push()
        await asyncio.sleep(0)
        if frame is not None and now - last_frame >= FRAME_S:
            last_frame = now
            if not frame():
                stop.set()
