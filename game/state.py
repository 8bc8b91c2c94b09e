"""The game's state outside the model: clock, seats, who is looking, trainer acts.

No pygame here: the screens read this object and call its verbs; tests drive it directly.
The game reads the model only through its front door: ``observe(role)``,
``legal_actions(role)`` and the projector view of :mod:`sim.observation`; every change
goes through ``submit``, ``inject`` and ``set_controller`` so the session log sees it,
and trainer acts that leave the model alone go to the log through
:class:`game.logbook.Logbook`. The clock is the one :class:`sim.driver.Driver`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.clock import TrainerClock
from game.settings import DEFAULT_SPEED, MAX_STEPS_PER_FRAME, SPARK_DAYS
from sim.actions import ROLES
from sim.observation import event_count, observe_feed, observe_kpis, observe_public, observe_trucks

if TYPE_CHECKING:
    from game.logbook import Logbook
    from sim.driver import Driver
    from sim.governance.api import ActionResult
    from sim.model import RegieModel


@dataclass
class Bookmark:
    """A trainer's mark on a moment, for the debrief."""

    hour: int
    tag: str
    note: str


@dataclass
class Decision:
    """A person's accepted action and what it changed in that role's own figures."""

    hour: int
    role: str
    action: dict
    changes: list[tuple[str, object, object]]  # (private field, before, after)


@dataclass
class GameState(TrainerClock):
    """Model + log + clock; `active_role` is whose private information the screen shows.

    `view` is the projector view (``sim.observation.observe_public``) as of the last
    :meth:`refresh`; the screens draw from it, so drawing never touches the model.
    """

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
    view: dict = field(default_factory=dict)
    _view_key: tuple = ()
    _points: dict[str, list[dict]] = field(default_factory=dict)  # role -> open points now
    decisions: list[Decision] = field(default_factory=list)  # people's, oldest first
    driver: Driver | None = None

    def __post_init__(self) -> None:
        if self.driver is None:
            self.driver = self.log.driver(self.model)
        self.refresh()
        humans = self.human_roles()
        if self.active_role is None and humans:
            self.active_role = humans[0]

    # --- what the screens read ----------------------------------------------------------------
    def refresh(self) -> bool:
        """Bring `view` up to date if the model moved or an event happened; True if it did."""
        key = (self.model.hour, event_count(self.model))
        if key == self._view_key:
            return False
        self._view_key = key
        self.view = observe_public(self.model)
        self._points = {}
        return True

    @property
    def hour(self) -> int:
        """The model hour the view shows."""
        return self.view["hour"]

    @property
    def version(self) -> tuple:
        """Changes whenever the view does (an hour passed or an event happened)."""
        return self._view_key

    def observe(self, role: str) -> dict:
        """What a role may know now (the model's observation)."""
        return self.model.observe(role)

    def legal_actions(self, role: str) -> list[dict]:
        """Action templates a role may submit now."""
        return self.model.legal_actions(role)

    def kpis(self, role: str | None) -> dict[str, dict]:
        """Dashboard indicators the looking role may see (None: trainer or observer)."""
        return observe_kpis(self.model, role, SPARK_DAYS)

    def season_summary(self) -> dict[str, float]:
        """The season's KPIs so far (as the session log's end event holds them)."""
        from sim.kpi import summary

        return summary(self.model)

    def feed(self, since: int) -> list[dict]:
        """Events from number `since` on, each with the roles that may read it."""
        return observe_feed(self.model, since)

    # --- seats --------------------------------------------------------------------------
    def human_roles(self) -> list[str]:
        """Roles a person plays now, in the fixed role order."""
        return [r for r in ROLES if self.view["seats"][r] is None]

    def bot_name(self, role: str) -> str | None:
        """The bot archetype in a seat, or None for a person."""
        return self.view["seats"][role]

    def waiting_roles(self) -> list[str]:
        """Human roles with an open decision point, the one waiting longest first."""
        return list(self.view["waiting"])

    def open_points(self, role: str) -> list[dict]:
        """Open decision points of a role (as its observation shows them), kept until the
        view changes: the play screen asks every frame (from update, never from draw)."""
        if role not in self._points:
            self._points[role] = self.observe(role)["decisions"]
        return self._points[role]

    # --- the clock ------------------------------------------------------------------------
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
            self.driver.step_hour()
            self._acc = max(0.0, self._acc - 1.0)
            steps += 1
            if not self.running:
                self._acc = 0.0
                break
        self._acc = min(self._acc, 1.0)
        if steps:
            self.refresh()
        return steps

    def remember_positions(self) -> None:
        """Truck positions before the hour is stepped (the map interpolates from them)."""
        self.prev_hour = self.model.hour
        self.prev_pos = {t["id"]: (t["pos_km"] if t["segments"] is not None else 0.0)
                         for t in observe_trucks(self.model)}

    # --- people act -------------------------------------------------------------------------
    def submit(self, role: str, action: dict) -> ActionResult:
        """A person's action, through the model's front door (the log records it); an
        accepted one is kept with the changes in the role's own figures it brought."""
        before = self.observe(role)["private"]
        hour = self.model.hour
        result = self.model.submit(role, action)
        self.refresh()
        if result.ok:
            after = self.observe(role)["private"]
            changes = [(k, before[k], v) for k, v in after.items()
                       if isinstance(v, int | float) and not isinstance(v, bool)
                       and k in before and before[k] != v]
            self.decisions.append(Decision(hour, role, dict(action), changes))
        return result

    def last_decisions(self, role: str, n: int = 3) -> list[Decision]:
        """The role's last `n` decisions, newest first."""
        return [d for d in reversed(self.decisions) if d.role == role][:n]

    # --- trainer acts -----------------------------------------------------------------------
    def inject(self, name: str, severity: float) -> None:
        """An event from the inject library, now."""
        self.model.inject(name, severity, source="trainer")
        self.refresh()

    def set_seat(self, role: str, bot: str | None, name: str | None = None) -> None:
        """Hand a role to a person (bot None) or a bot archetype."""
        self.model.set_controller(role, bot, name if bot is None else None)
        if bot is None:
            self.names[role] = name or self.names.get(role, "")
        self.refresh()

    def bookmark(self, tag: str, note: str) -> None:
        """Mark this moment with a competence tag and a note (private to the trainer)."""
        self.bookmarks.append(Bookmark(self.model.hour, tag, note))
        self.log.trainer("bookmark", tag=tag, note=note, private=True)

    def design_act(self, act: str, minutes: float = 0.0) -> None:
        """The trainer closes the design phase (the starting offer holds) or extends its
        table clock by `minutes`; logged before it is done, so a replay does the same.
        ValueError (with the reason) when it cannot be done now."""
        from sim.design import classroom

        reason = classroom.check(self.model, act, minutes)
        if reason:
            raise ValueError(reason)
        self.log.trainer(act, value=minutes if act == "design_extend" else None)
        classroom.apply(self.model, act, minutes)
        self._view_key = ()  # the clock moved without an event: show it
        self.refresh()

    def risks(self, role: str, name: str, risks: list[str]) -> None:
        """A person's forecast of what the winter will bring (ticked while others
        negotiate), kept in the log for the debrief (sim.design.classroom.risk_note)."""
        from sim.design.classroom import risk_note

        tag, note = risk_note(role, name, risks)
        self.log.trainer("note", tag=tag, note=note)

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
