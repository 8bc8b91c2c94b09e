"""One table of the class: the game's state (model, log, clock) plus who sits where.

The clock is the hot-seat game's (:class:`game.state.GameState`, the one driver): it
stops while a person must answer, while paused, and here also while the class is held at
a day. Every change goes through the model's front door or the session log, so the log of
a table is all a resume needs.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.logbook import Logbook
from game.state import GameState
from sim.actions import ROLES

if TYPE_CHECKING:
    from sim.scenario.schema import Scenario

MESSAGES_KEPT = 20  # trainer texts a table keeps for its devices [count]
SEAT_NAME_CHARS = 200  # a seat's names in the session log (sim.session.format) [characters]


@dataclass
class TableState(GameState):
    """The game's state with a hold: the clock also stops at `hold_hour`."""

    hold_hour: int | None = None

    @property
    def held(self) -> bool:
        """Whether the class hold stops this table now."""
        return self.hold_hour is not None and self.model.hour >= self.hold_hour

    @property
    def running(self) -> bool:
        """Whether the clock moves now (not paused, held, waiting for a person or over)."""
        return GameState.running.fget(self) and not self.held  # type: ignore[attr-defined]


@dataclass
class Table:
    """A table: its number (1-based), state, join codes and the devices in its seats."""

    number: int
    state: TableState
    codes: dict[str, str]
    devices: dict[str, set[int]] = field(default_factory=lambda: {r: set() for r in ROLES})
    names: dict[str, list[str]] = field(default_factory=lambda: {r: [] for r in ROLES})
    messages: list[dict] = field(default_factory=list)
    bookmarks: int = 0
    revision: int = 0  # bumped by changes the clock does not make (devices, names, the end)
    busy: bool = False  # a job (an act, a command) has the model in a worker thread
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def model(self):
        """The table's model (read through the front door only)."""
        return self.state.model

    @property
    def ended(self) -> bool:
        """Whether the round is over at this table (ended by the trainer or the season)."""
        return self.state.finished

    @property
    def held(self) -> bool:
        """Whether the class hold stops this table now."""
        return self.state.held

    def connected(self, role: str) -> int:
        """Devices connected to a seat now."""
        return len(self.devices[role])

    def seat_name(self, role: str) -> str:
        """The names of a seat's people as the session log keeps them (at most 200
        characters, the log's limit for a player's name)."""
        text = ", ".join(self.names[role])
        return text if len(text) <= SEAT_NAME_CHARS else text[: SEAT_NAME_CHARS - 3] + "..."

    def with_bot(self, role: str) -> bool:
        """Whether a bot holds the seat now."""
        return self.state.bot_name(role) is not None

    def add_message(self, kind: str, text: str) -> dict:
        """Keep a trainer text for the table's devices; returns it as a message."""
        msg = {
            "type": "message",
            "table": self.number,
            "kind": kind,
            "hour": self.model.hour,
            "text": text,
        }
        self.messages = [*self.messages, msg][-MESSAGES_KEPT:]
        return msg

    def clock(self) -> dict:
        """The table's clock as the state and class messages give it."""
        s = self.state
        view = s.view
        return {
            "hour": view["hour"],
            "day": view["day"],
            "date": view["date"],
            "hours": view["hours"],
            "speed": s.speed,
            "paused": s.paused,
            "held": s.held,
            "hold_day": None if s.hold_hour is None else s.hold_hour // 24,
            "waiting": list(view["waiting"]),
            "running": s.running,
            "finished": bool(view["finished"]),
            "ended": s.finished,
        }

    def seat(self, role: str) -> dict:
        """Who holds a seat (the state message's `seat`)."""
        return {
            "held_by": "bot" if self.with_bot(role) else "device",
            "bot": self.state.bot_name(role),
            "devices": self.connected(role),
            "names": list(self.names[role]),
        }


def new_table(
    number: int,
    path: Path,
    scenario: Scenario,
    seed: int,
    codes: dict[str, str],
    *,
    scenario_name: str,
    lang: str,
    base_dir: Path | None,
    speed: int,
) -> Table:
    """A new table: a new session log with every seat a person's, the clock paused."""
    seats = {r: {"type": "human"} for r in ROLES}
    model, log = Logbook.create(path, scenario, seed, seats, scenario_name, lang, base_dir)
    state = TableState(model=model, log=log, speed=speed, paused=True)
    return Table(number, state, dict(codes))


def resume_table(
    number: int, path: Path, codes: dict[str, str], speed: int, names: dict[str, list[str]]
) -> Table:
    """A table rebuilt from its session log: the model where the log ends, the pause and
    speed as the log's last trainer acts left them, trainer texts and bookmarks kept."""
    from sim.session import read_log

    model, log = Logbook.open(path)
    paused, messages, bookmarks = True, [], 0
    for event in read_log(path).events:
        if event["kind"] != "trainer":
            continue
        act = event["act"]
        if act in ("pause", "resume"):
            paused = act == "pause"
        elif act == "speed":
            speed = int(event["value"])
        elif act == "bookmark":
            bookmarks += 1
        elif act == "note" and event["tag"].startswith(("inject:", "hold")):
            kind = "question" if event["tag"] == "hold" else "inject"
            messages.append(
                {
                    "type": "message",
                    "table": number,
                    "kind": kind,
                    "hour": event["tick"],
                    "text": event["note"],
                }
            )
    state = TableState(model=model, log=log, speed=speed, paused=paused)
    state.ended = log.ended
    table = Table(number, state, dict(codes), bookmarks=bookmarks)
    table.names = {r: list(names.get(r, [])) for r in ROLES}
    table.messages = [m for m in messages if m["text"]][-MESSAGES_KEPT:]
    return table
