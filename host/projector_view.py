"""What the projector shows, as plain data built from the front door's public views only.

The host builds a :class:`ClassView` when a table's hour changes (or the trainer changes
something) and hands it to :class:`host.projector.Projector`; the projector never sees a
model. Every figure comes from `sim.observation.observe_public` and
`observe_kpis(model, "public")`: no role's private view reaches the class's screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from host.design import summary
from sim.observation import KPI_TILES, ROLES, observe_kpis, observe_public

if TYPE_CHECKING:
    from sim.model import RegieModel

# The indicators anybody may see (sim.observation.KPI_TILES with no readers): the only ones
# a scoreboard on the projector may show.
PUBLIC_KPIS: tuple[str, ...] = tuple(
    k for k, (_, readers, _, _) in KPI_TILES.items() if readers is None
)
DEFAULT_KPIS: tuple[str, ...] = PUBLIC_KPIS

# The projector's own texts (the model's names come from sim.words through game.i18n).
TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "table": "Tafel {n}",
        "scoreboard": "Scorebord van de klas",
        "map": "{town}, tafel {n}: wegen naar toestand",
        "held": "Alle tafels staan stil: {when}",
        "held_short": "Klas staat stil",
        "discuss": "Bespreek aan uw tafel",
        "paused": "PAUZE",
        "running": "Klok loopt: {speed}×",
        "waiting": "wacht op {roles}",
        "finished": "winter voorbij",
        "join_title": "Meedoen: open de camera en scan de code van uw rol",
        "join_url": "of ga naar {url} en typ de code",
        "seat_device": "apparaat",
        "seat_offline": "apparaat weg",
        "seat_bot": "bot",
        "kpi.reachability": "Bereikbaar",
        "kpi.incidents": "Incidenten",
        "kpi.complaints": "Klachten",
        "kpi.satisfaction": "Tevredenheid",
        "no_tables": "Nog geen tafels",
        "design_title": "Tafel {n}: het contract op tafel",
        "design_class": "De klas schrijft het contract",
        "design_line": "nog {left} min · {open} van {items} punten open",
    },
    "en": {
        "table": "Table {n}",
        "scoreboard": "Class scoreboard",
        "map": "{town}, table {n}: roads by condition",
        "held": "All tables are held: {when}",
        "held_short": "Class held",
        "discuss": "Discuss at your table",
        "paused": "PAUSED",
        "running": "Clock running: {speed}×",
        "waiting": "waiting for {roles}",
        "finished": "winter over",
        "join_title": "Join: open your camera and scan your role's code",
        "join_url": "or go to {url} and type the code",
        "seat_device": "device",
        "seat_offline": "device gone",
        "seat_bot": "bot",
        "kpi.reachability": "Reachable",
        "kpi.incidents": "Incidents",
        "kpi.complaints": "Complaints",
        "kpi.satisfaction": "Satisfaction",
        "no_tables": "No tables yet",
        "design_title": "Table {n}: the contract on the table",
        "design_class": "The class writes the contract",
        "design_line": "{left} min left · {open} of {items} items open",
    },
}


@dataclass(frozen=True)
class JoinCode:
    """One seat's join code and the address its QR code holds."""

    table: int  # 1-based table number
    role: str
    code: str
    url: str


@dataclass(frozen=True)
class TableBoard:
    """One table's line on the scoreboard (public figures and who holds the seats)."""

    number: int  # 1-based
    hour: int
    kpis: dict[str, dict]  # key -> {"value", "ref", "series"} of the public tiles
    seats: dict[str, str | None]  # role -> None (a person) or the bot's id
    online: dict[str, bool]  # role -> a device holds the seat and is connected now
    waiting: tuple[str, ...] = ()
    paused: bool = False
    finished: bool = False
    design: dict | None = None  # the design phase at this table (host.design.summary)


@dataclass
class ClassView:
    """Everything one projector frame shows."""

    public: dict | None  # observe_public of the table whose map is shown
    tables: list[TableBoard]
    map_table: int = 1
    kpis: tuple[str, ...] = DEFAULT_KPIS
    speed: float = 1.0
    join: list[JoinCode] = field(default_factory=list)
    join_url: str = ""  # the host's address for typing a code by hand
    show_join: bool = False
    question: str | None = None  # the trainer's discussion question of a held day
    lang: str = "nl"

    def __post_init__(self) -> None:
        private = [k for k in self.kpis if k not in PUBLIC_KPIS]
        if private:
            raise ValueError(
                f"the projector shows public indicators only, not {private}; "
                f"choose from {PUBLIC_KPIS}"
            )


@dataclass
class TrainerChoice:
    """What the trainer picked at the projector's keyboard; None keeps what the host sends.

    Keys (``host.projector.ProjectorWindow``): 1-4 show or hide a public indicator's
    column (one stays), J shows or hides the join codes, L switches Dutch and English."""

    kpis: tuple[str, ...] | None = None
    show_join: bool | None = None
    lang: str | None = None

    def apply(self, view: ClassView) -> ClassView:
        """The host's view with the trainer's picks."""
        return replace(
            view,
            kpis=self.kpis if self.kpis is not None else view.kpis,
            show_join=view.show_join if self.show_join is None else self.show_join,
            lang=self.lang or view.lang,
        )

    def toggle_kpi(self, n: int, current: tuple[str, ...]) -> None:
        """Show or hide the n-th public indicator (0-based); the last one shown stays."""
        if not 0 <= n < len(PUBLIC_KPIS):
            return
        key = PUBLIC_KPIS[n]
        shown = set(current) ^ {key}
        if shown:
            self.kpis = tuple(k for k in PUBLIC_KPIS if k in shown)


def table_board(
    model: RegieModel,
    number: int,
    *,
    paused: bool = False,
    online: dict[str, bool] | None = None,
    days: int = 30,
) -> TableBoard:
    """A table's scoreboard line from its public views (`online`: the host's knowledge of
    which devices are connected)."""
    pub = observe_public(model)
    return TableBoard(
        number=number,
        hour=pub["hour"],
        kpis=observe_kpis(model, "public", days=days),
        seats=dict(pub["seats"]),
        online={r: bool((online or {}).get(r)) for r in ROLES},
        waiting=tuple(pub["waiting"]),
        paused=paused,
        finished=pub["finished"],
        design=summary(pub["design"]),
    )


def text(lang: str, key: str, **values: object) -> str:
    """One of the projector's own texts."""
    s = TEXT["en" if lang == "en" else "nl"][key]
    return s.format(**values) if values else s
