"""The game's state of a bestuursproces: model, log, clock, seats and who is looking.

Like game.state for gladheid, and with the same verbs the shell calls (advance, submit,
close, set_paused, faster). The model is read only through its front door: ``observe``,
``legal_actions``, ``submit`` and the views of sim.procesregie.view; the clock is the one
sim.driver.Driver. One tick of the clock is one week of the process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from game.clock import TrainerClock
from game.settings import DEFAULT_SPEED
from sim.procesregie.actions import REGISSEUR
from sim.procesregie.view import observe_events, observe_public, observe_seat

if TYPE_CHECKING:
    from sim.driver import Driver
    from sim.procesregie.model import ProcesModel

MAX_WEEKS_PER_FRAME = 1  # one week a frame at most: a go/no-go is never skipped past


@dataclass(frozen=True)
class Result:
    """An action's outcome as the screens read it (``ok``, ``reason``)."""

    ok: bool
    reason: str = ""


@dataclass
class ProcesState(TrainerClock):
    """Model + log + clock of one bestuursproces; `view` is the public view."""

    model: ProcesModel
    log: object
    speed: int = DEFAULT_SPEED
    names: dict[str, str] = field(default_factory=dict)
    paused: bool = False
    active_role: str | None = None
    ended: bool = False
    end_reason: str = ""
    view: dict = field(default_factory=dict)
    bookmarks: list[tuple[int, str, str]] = field(default_factory=list)  # (week, tag, note)
    driver: Driver | None = None
    _acc: float = 0.0
    _key: tuple = ()
    max_speed: ClassVar[int] = 16  # weeks a second: the room can follow the network change

    def __post_init__(self) -> None:
        if self.driver is None:
            self.driver = self.log.driver(self.model)
        self.speed = min(self.speed, self.max_speed)
        self.refresh()
        humans = self.human_roles()
        if self.active_role is None and humans:
            self.active_role = humans[0]

    # --- what the screens read ------------------------------------------------------------
    def refresh(self) -> bool:
        """Bring `view` up to date if a week passed or something happened."""
        view = observe_public(self.model)
        key = (self.model.hour, view["events"], view["waiting"])
        if key == self._key:
            return False
        self._key, self.view = key, view
        return True

    @property
    def version(self) -> tuple:
        return self._key

    @property
    def hour(self) -> int:
        """The week the view shows (the shell's name for a tick)."""
        return self.view["week"]

    def observe(self, seat: str) -> dict:
        """What a seat may know (its own brief included)."""
        return observe_seat(self.model, seat)

    def legal_actions(self, seat: str) -> list[dict]:
        return self.model.legal_actions(seat)

    def events_since(self, n: int) -> list[dict]:
        return observe_events(self.model, n)

    def season_summary(self) -> dict[str, float]:
        """The process's KPIs so far."""
        return dict(self.view["kpis"])

    # --- seats ------------------------------------------------------------------------------
    def seats(self) -> dict[str, str | None]:
        """Seat -> bot archetype (None: a person), the regisseur first."""
        out = {REGISSEUR: self.view["regisseur_bot"]}
        out.update({p["key"]: p["bot"] for p in self.view["parties"]})
        return out

    def human_roles(self) -> list[str]:
        return [s for s, bot in self.seats().items() if bot is None]

    def bot_name(self, seat: str) -> str | None:
        return self.seats()[seat]

    def waiting_roles(self) -> list[str]:
        """The regisseur, when the table waits for its choice on time."""
        return [REGISSEUR] if self.view["waiting"] else []

    # --- the clock --------------------------------------------------------------------------
    def advance(self, dt: float) -> int:
        """Let `dt` seconds pass at the current speed [weeks per second]; weeks stepped."""
        if not self.running:
            self._acc = 0.0
            return 0
        self._acc = min(self._acc + dt * self.speed, 1.0)
        steps = 0
        while self._acc >= 1.0 - 1e-9 and steps < MAX_WEEKS_PER_FRAME and self.running:
            self.driver.step_hour()
            self._acc -= 1.0
            steps += 1
        if steps:
            self.refresh()
        return steps

    # --- people act -------------------------------------------------------------------------
    def submit(self, seat: str, action: dict) -> Result:
        """A person's action through the model's front door (the log records it)."""
        result = self.model.submit(seat, action)
        ok, reason = result if isinstance(result, tuple) else (result.ok, result.reason)
        self.refresh()
        return Result(bool(ok), str(reason or ""))

    # --- trainer acts -----------------------------------------------------------------------
    def inject(self, name: str, severity: float) -> None:
        """An event the trainer puts into the process now (the issue of the day)."""
        self.model.inject(name, severity, source="trainer")
        self.refresh()

    def set_seat(self, seat: str, bot: str | None, name: str | None = None) -> None:
        """Hand a seat to a person (bot None) or a bot archetype."""
        self.model.set_controller(seat, bot, name if bot is None else None)
        if bot is None:
            self.names[seat] = name or self.names.get(seat, "")
        self.refresh()

    def bookmark(self, tag: str, note: str) -> None:
        """Mark this moment with a competence tag and a note (private to the trainer)."""
        self.bookmarks.append((self.model.hour, tag, note))
        self.log.trainer("bookmark", tag=tag, note=note, private=True)

    def end_round(self) -> None:
        """The trainer ends the session: the log gets its end event."""
        if not self.ended:
            self.log.trainer("end_round")
            self.ended, self.end_reason = True, "trainer"
        self.close()

    def close(self) -> None:
        """Close the session log with the process's KPIs (idempotent)."""
        if not self.log.ended:
            self.log.close(self.model)
