"""A procesregie table at the host: its state with the class hold, seats, clock and scoreboard.

The seats are the procesregisseur and every party of the scenario; one tick of the clock is
a week of the process, so the class hold counts weeks. The table is read through the
model's front door (``sim.procesregie.view``) only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.procesregie.state import ProcesState, Result
from host.describe import translator
from host.table import Held
from sim import words
from sim.procesregie.actions import REGISSEUR
from sim.procesregie.kpi import KPI_NAMES
from sim.session.format import MAX_NOTE_CHARS

if TYPE_CHECKING:
    from host.table import Table
    from sim.procesregie.schema import ProcesScenario


@dataclass
class ProcesTableState(Held, ProcesState):
    """The procesregie game's state with the class hold (at a week)."""

    hold_hour: int | None = None

    @property
    def running(self) -> bool:
        """As the game's clock, and it also waits while a person's party at the table has
        not given its word on every shortlisted option (consolideren): in a classroom the
        parties answer on their own devices, which takes longer than a week of the clock.
        The trainer can hand a silent seat to a bot."""
        return super().running and not self.waiting_parties()

    def open_words(self, seat: str) -> list[int]:
        """The shortlisted options a person's party at the table has not yet given its
        word on while consolidating (its own declarations: the seat's own knowledge)."""
        model = self.model
        if seat == REGISSEUR or seat in model.bots or model.phase != "consolideren":
            return []
        if self.finished:
            return []
        party = model.party(seat)
        if not party.at_table:
            return []
        return [i for i in range(len(model.shortlist)) if i not in party.declared]

    def waiting_parties(self) -> list[str]:
        """The parties whose word the clock waits for."""
        return [k for k in self.model.keys_list() if self.open_words(k)]

    def waiting_roles(self) -> list[str]:
        """The regisseur when the table waits for its choice; parties owing their word."""
        return [*super().waiting_roles(), *self.waiting_parties()]

    def submit(self, seat: str, action: dict) -> Result:
        """A seat's action; the page's note for the debrief (``note``, which the model's
        actions do not take) goes to the log as a private note beside it."""
        action = dict(action)
        note = action.pop("note", None)
        result = super().submit(seat, action)
        if result.ok and isinstance(note, str) and note.strip():
            text = note.strip()[:MAX_NOTE_CHARS]
            self.log.trainer("note", tag=f"seat:{seat}", note=text, private=True)
        return result


def seats(scenario: ProcesScenario) -> tuple[str, ...]:
    """The procesregisseur first, then every party in the scenario's order."""
    return (REGISSEUR, *(p.key for p in scenario.parties))


def default_bot(scenario: ProcesScenario, seat: str) -> str:
    """The scenario's bot for a seat (the regisseur's, or the party's)."""
    if seat == REGISSEUR:
        return scenario.regisseur.bot
    return next(p.bot for p in scenario.parties if p.key == seat)


def seat_word(seat: str, lang: str) -> str:
    """A seat's name: the procesregisseur or the party."""
    if seat == REGISSEUR:
        return translator(lang)("proces.regisseur")
    return words.word("proces_party", seat, lang, seat)


def bot_word(bot: str, lang: str) -> str:
    return words.word("proces_bot", bot, lang, bot)


def clock_text(view: dict, lang: str) -> str:
    """'Week 3 of 12 · step 1 of 1 · divergeren' in a language."""
    tr = translator(lang)
    phase = words.word("proces_phase", view["phase"], lang, view["phase"])
    week = tr("proces.clock", week=view["week"], max=view["max_weeks"])
    step_no = min(view["step"] + 1, view["steps"])  # the last step stays shown once done
    step = tr("proces.topbar", week=view["week"], step=step_no, steps=view["steps"], phase=phase)
    return week + " · " + step.split(" · ", 1)[-1]


def clock(table: Table) -> dict:
    """A process table's clock: the week (in the `hour` and `day` fields the page and the
    console read), the phase of wyberen, and the same flags as a winter table's."""
    s = table.state
    view = s.view
    return {
        "hour": view["week"],
        "day": view["week"],
        "date": None,
        "hours": view["max_weeks"],
        "week": view["week"],
        "phase": view["phase"],
        "text": {lang: clock_text(view, lang) for lang in words.LANGS},
        "speed": s.speed,
        "max_speed": s.max_speed,
        "paused": s.paused,
        "held": s.held,
        "hold_day": s.hold_hour,
        "waiting": s.waiting_roles(),
        "running": s.running,
        "finished": bool(view["finished"]),
        "ended": s.finished,
    }


def scoreboard(table: Table) -> dict[str, float]:
    """The process's KPIs now (public: the projector shows them to the class)."""
    return {k: float(v) for k, v in table.state.view["kpis"].items()}


# How the pages write each KPI (host/static/common.js formatValue): counts and weeks as
# whole numbers, support as a percentage, joint value and trust with two decimals.
PAGE_UNITS = {
    "support_pct": "pct",
    "options_explored": "int",
    "parties_committed": "int",
    "lead_time_weeks": "int",
}


def kpi_labels() -> dict[str, dict]:
    """The family's KPIs with their words and units (the console's scoreboard)."""
    return {
        key: {
            "label": {lang: words.word("kpi", key, lang) for lang in words.LANGS},
            "unit": PAGE_UNITS.get(key, ""),
        }
        for key in KPI_NAMES
    }
