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
from host.family import parts_of
from sim.actions import ROLES

if TYPE_CHECKING:
    from sim.scenario.schema import Scenario

MESSAGES_KEPT = 20  # trainer texts a table keeps for its devices [count]
SEAT_NAME_CHARS = 200  # a seat's names in the session log (sim.session.format) [characters]


class Held:
    """The class hold, mixed into a family's game state: the clock also stops at
    `hold_hour` (a model tick)."""

    hold_hour: int | None

    @property
    def held(self) -> bool:
        """Whether the class hold stops this table now."""
        return self.hold_hour is not None and self.model.hour >= self.hold_hour

    @property
    def running(self) -> bool:
        """Whether the clock moves now (not paused, held, waiting for a person or over)."""
        return super().running and not self.held  # type: ignore[misc]


@dataclass
class TableState(Held, GameState):
    """The gladheid game's state with the class hold."""

    hold_hour: int | None = None


def gladheid_seats(scenario: object) -> tuple[str, ...]:
    """A gladheid table's seats: the three roles."""
    return ROLES


def gladheid_default_bot(scenario: Scenario, role: str) -> str:
    """The scenario's bot for a role."""
    return getattr(scenario.roles, role).bot


@dataclass
class Table:
    """A table: its number (1-based), state, join codes and the devices in its seats."""

    number: int
    state: TableState
    codes: dict[str, str]
    seats: tuple[str, ...] = ROLES
    devices: dict[str, set[int]] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)
    messages: list[dict] = field(default_factory=list)
    bookmarks: int = 0
    revision: int = 0  # bumped by changes the clock does not make (devices, names, the end)
    busy: bool = False  # a job (an act, a command) has the model in a worker thread
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        for seat in self.seats:
            self.devices.setdefault(seat, set())
            self.names.setdefault(seat, [])

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
        """The table's clock as the state and class messages give it (its family's)."""
        return parts_of(self.model).part("clock")(self)

    def seat(self, role: str) -> dict:
        """Who holds a seat (the state message's `seat`)."""
        return {
            "held_by": "bot" if self.with_bot(role) else "device",
            "bot": self.state.bot_name(role),
            "devices": self.connected(role),
            "names": list(self.names[role]),
        }


def gladheid_clock(table: Table) -> dict:
    """A winter table's clock: hour, day and date."""
    s = table.state
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
    parts = parts_of(scenario)
    seats = tuple(parts.part("seats")(scenario))
    chosen = {r: {"type": "human"} for r in seats}
    model, log = Logbook.create(path, scenario, seed, chosen, scenario_name, lang, base_dir)
    state = parts.part("state")(model=model, log=log, speed=speed, paused=True)
    return Table(number, state, dict(codes), seats=seats)


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
    parts = parts_of(model)
    seats = tuple(parts.part("seats")(model.scenario))
    state = parts.part("state")(model=model, log=log, speed=speed, paused=paused)
    state.ended = log.ended
    table = Table(number, state, dict(codes), seats=seats, bookmarks=bookmarks)
    table.names = {r: list(names.get(r, [])) for r in seats}
    table.messages = [m for m in messages if m["text"]][-MESSAGES_KEPT:]
    return table
