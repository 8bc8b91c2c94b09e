"""The host's parts of a scenario family: seats, the table's clock, bots, injects and views.

The classroom, the hub and the console ask these parts for what differs between families;
which parts a scenario gets is found through ``sim.families`` (the family's name), so the
tables, the protocol and the session logs stay the same for every family. A family's parts
name their heavy modules lazily ("module:attribute"), as ``sim.families`` does.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sim import words

if TYPE_CHECKING:
    from host.table import Table


def _load(ref: str) -> Any:
    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


@dataclass(frozen=True)
class HostParts:
    """What the host needs of one family ("module:attribute" names its functions)."""

    name: str
    state: str
    """The table's state class (a game state with the class hold)."""
    seats: str
    """seats(scenario) -> the seats of a table, in order."""
    bots: str
    """bots(seat) -> the bot archetypes that may take a seat."""
    default_bot: str
    """default_bot(scenario, seat) -> the scenario's bot for a seat handed to a bot."""
    injects: tuple[str, ...]
    ticks_per_day: int
    """Model ticks in one unit of the class hold (a day of winter, a week of process)."""
    clock: str
    """clock(table) -> the `clock` of state and class messages."""
    state_message: str
    """state_message(hub, table, role) -> a seat's `state` message."""
    scoreboard: str
    """scoreboard(table) -> KPI key -> value for the class view."""
    kpi_labels: str
    """kpi_labels() -> KPI key -> {label, unit} (the console's scoreboard)."""
    seat_word: str
    """seat_word(seat, lang) -> a seat's name."""
    bot_word: str
    """bot_word(bot, lang) -> a bot archetype's name."""
    hold_unit: dict[str, str]
    """The class hold's unit in words (day, week)."""
    feed: str = ""
    """A table's message feed class (made once per table from its state), "" for none."""
    projector: str = "host.serve:ProjectorFeed"
    """The projector window's feed: cls(classroom, hub, lang), called once a frame."""

    def part(self, which: str) -> Any:
        return _load(getattr(self, which))

    def labels(self, which: str, keys: list[str] | tuple[str, ...]) -> list[dict]:
        """Every key with its word in each language (`which`: "seat_word" or "bot_word")."""
        fn = self.part(which)
        return [{"name": k, "label": {lang: fn(k, lang) for lang in words.LANGS}} for k in keys]


def _gladheid_injects() -> tuple[str, ...]:
    from sim.governance.injects import INJECTS

    return tuple(INJECTS)


GLADHEID = HostParts(
    name="gladheid",
    state="host.table:TableState",
    seats="host.table:gladheid_seats",
    bots="game.families:_gladheid_bots",
    default_bot="host.table:gladheid_default_bot",
    injects=(),  # filled from sim.governance.injects on first use (see `injects_of`)
    ticks_per_day=24,
    clock="host.table:gladheid_clock",
    state_message="host.hub:gladheid_state_message",
    scoreboard="host.hub:gladheid_scoreboard",
    kpi_labels="host.describe:kpi_labels",
    seat_word="host.family:_role_word",
    bot_word="host.family:_bot_word",
    hold_unit={"nl": "dag", "en": "day"},
    feed="game.inbox:InboxFeed",
)

PROCESREGIE = HostParts(
    name="procesregie",
    state="host.proces:ProcesTableState",
    seats="host.proces:seats",
    bots="game.procesregie.parts:bots",
    default_bot="host.proces:default_bot",
    injects=("issue_of_the_day",),
    ticks_per_day=1,
    clock="host.proces:clock",
    state_message="host.proces_describe:state_message",
    scoreboard="host.proces:scoreboard",
    kpi_labels="host.proces:kpi_labels",
    seat_word="host.proces:seat_word",
    bot_word="host.proces:bot_word",
    hold_unit={"nl": "week", "en": "week"},
    projector="host.proces_projector:ProcesProjectorFeed",
)

PARTS = {"gladheid": GLADHEID, "procesregie": PROCESREGIE}


def parts_of(scenario: object) -> HostParts:
    """The host parts of a scenario's (or model's) family; ValueError for a family the
    host does not serve yet."""
    from sim.families import family_of

    name = family_of(scenario).name
    if name not in PARTS:
        raise ValueError(f"regie host serves {' | '.join(PARTS)}; not family {name!r}")
    return PARTS[name]


def injects_of(parts: HostParts) -> tuple[str, ...]:
    """The injects a trainer may fire at this family's tables."""
    return parts.injects or _gladheid_injects()


def _role_word(role: str, lang: str) -> str:
    return words.word("role", role, lang)


def _bot_word(bot: str, lang: str) -> str:
    return words.word("bot", bot, lang, bot)


def table_parts(table: Table) -> HostParts:
    """The parts of a table's family."""
    return parts_of(table.model)
