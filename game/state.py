"""The game's state outside the model: clock, seats, who is looking, trainer acts.

No pygame here: the screens read this object and call its verbs; tests drive it directly.
Every change to the model goes through the model's front door (``submit``, ``inject``,
``set_controller``) so the session log sees it; trainer acts that leave the model alone
go to the log through :class:`game.logbook.Logbook`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.settings import DEFAULT_SPEED, MAX_STEPS_PER_FRAME, SPEEDS
from sim.actions import ROLES

if TYPE_CHECKING:
    from game.logbook import Logbook
    from sim.governance.engine import ActionResult
    from sim.model import RegieModel


@dataclass
class Bookmark:
    """A trainer's mark on a moment, for the debrief."""

    hour: int
    tag: str
    note: str


@dataclass
class GameState:
    """Model + log + clock; `active_role` is whose private information the screen shows."""

    model: RegieModel
    log: Logbook
    speed: int = DEFAULT_SPEED
    paused: bool = False
    active_role: str | None = None
    names: dict[str, str] = field(default_factory=dict)
    bookmarks: list[Bookmark] = field(default_factory=list)
    ended: bool = False
    end_reason: str = ""
    _acc: float = 0.0
    prev_pos: dict[int, float] = field(default_factory=dict)  # truck id -> pos_km an hour ago
    prev_hour: int = -1

    def __post_init__(self) -> None:
        humans = self.human_roles()
        if self.active_role is None and humans:
            self.active_role = humans[0]

    # --- seats --------------------------------------------------------------------------
    def human_roles(self) -> list[str]:
        """Roles a person plays now, in the fixed role order."""
        return [r for r in ROLES if self.model.governance.is_human(r)]

    def bot_name(self, role: str) -> str | None:
        """The bot archetype in a seat, or None for a person."""
        bot = self.model.governance.controllers[role]
        return None if bot is None else bot.name

    def waiting_roles(self) -> list[str]:
        """Human roles with an open decision point, the one waiting longest first."""
        gov = self.model.governance
        order: list[str] = []
        for point in gov.board.open_points():
            if gov.is_human(point.role) and point.role not in order:
                order.append(point.role)
        return order

    def open_points(self, role: str) -> list[dict]:
        """Open decision points of a role (as the observation shows them)."""
        return [p.to_dict() for p in self.model.governance.board.open_for(role)]

    # --- the clock ------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """Season over or round ended."""
        return self.ended or self.model.finished

    @property
    def running(self) -> bool:
        """Whether the clock moves now."""
        return not (self.paused or self.finished or self.model.waiting_for_humans())

    @property
    def hour_fraction(self) -> float:
        """Part of the next hour already elapsed (for smooth truck movement) [0-1)."""
        return min(self._acc, 0.999) if self.running else 0.0

    def advance(self, dt: float) -> int:
        """Let `dt` seconds of wall time pass at the current speed; returns hours stepped."""
        if not self.running:
            self._acc = 0.0
            return 0
        self._acc += dt * self.speed
        steps = 0
        while self._acc >= 1.0 - 1e-9 and steps < MAX_STEPS_PER_FRAME:
            self.remember_positions()
            self.log.step(self.model)
            self._acc = max(0.0, self._acc - 1.0)
            steps += 1
            if not self.running:
                self._acc = 0.0
                break
        self._acc = min(self._acc, 1.0)
        return steps

    def remember_positions(self) -> None:
        """Truck positions before the hour is stepped (the map interpolates from them)."""
        self.prev_hour = self.model.hour
        self.prev_pos = {t.id: (t.pos_km if t.route is not None else 0.0)
                         for t in self.model.executor.fleet.trucks}

    # --- people act -------------------------------------------------------------------------
    def submit(self, role: str, action: dict) -> ActionResult:
        """A person's action, through the model's front door (the log records it)."""
        return self.model.submit(role, action)

    # --- trainer acts -----------------------------------------------------------------------
    def set_paused(self, paused: bool) -> None:
        """Pause or resume the clock."""
        if paused != self.paused:
            self.paused = paused
            self.log.trainer("pause" if paused else "resume")

    def set_speed(self, speed: int) -> None:
        """One of SPEEDS [simulated hours per wall second]."""
        if speed not in SPEEDS:
            raise ValueError(f"speed must be one of {SPEEDS}")
        if speed != self.speed:
            self.speed = speed
            self.log.trainer("speed", value=float(speed))

    def faster(self, direction: int) -> None:
        """Next speed up (+1) or down (-1)."""
        i = SPEEDS.index(self.speed) if self.speed in SPEEDS else 0
        self.set_speed(SPEEDS[max(0, min(len(SPEEDS) - 1, i + direction))])

    def inject(self, name: str, severity: float) -> None:
        """An event from the inject library, now."""
        self.model.inject(name, severity, source="trainer")

    def set_seat(self, role: str, bot: str | None, name: str | None = None) -> None:
        """Hand a role to a person (bot None) or a bot archetype."""
        self.model.set_controller(role, bot, name if bot is None else None)
        if bot is None:
            self.names[role] = name or self.names.get(role, "")

    def bookmark(self, tag: str, note: str) -> None:
        """Mark this moment with a competence tag and a note (private to the trainer)."""
        self.bookmarks.append(Bookmark(self.model.hour, tag, note))
        self.log.trainer("bookmark", tag=tag, note=note, private=True)

    def end_round(self) -> None:
        """The trainer ends the round: the log gets its end event."""
        if not self.ended:
            self.log.trainer("end_round")
            self.ended = True
            self.end_reason = "trainer"
        self.close()

    def close(self) -> None:
        """Close the session log with the season summary (idempotent)."""
        if not self.log.ended:
            self.log.close(self.model)
