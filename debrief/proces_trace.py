"""A procesregie run as the debrief sees it (:class:`ProcesTrace`), and the observer that
collects it while the driver steps: a snapshot of the process each week (phase, roles, who
is at the table, trust in the gemeente, the rules in force), every consolidation with who
consented and what the college and council decided, and who held each seat when.

The Driver calls a source before each week is stepped (again while the clock waits for a
person), so the snapshot of a week is the state the seats act on; a week seen twice counts
once. Plain data: a trace crosses process boundaries (ghost runs run in a pool).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.driver import Driver, Source

REGISSEUR = "regisseur"
ACTIVE_ROLES = ("initieren", "participeren")
"""Roles in which a party takes part in the network (the workshop text's 'groot belang,
grote inzet'), as opposed to faciliteren or niet meedoen."""


@dataclass
class ProcesTrace:
    """One procesregie run: the session's re-run or a ghost run."""

    label: str  # "session" or "<seat>:<archetype>"
    seed: int
    weeks: int  # weeks before the process is abandoned (max_weeks)
    stop_week: int  # week where the run stopped
    finished: bool
    parties: list[str]  # party keys in the scenario's order
    stakes: dict[str, float]
    events: list[dict]  # the run's events, each with "week" (a log's: with seq and by)
    weekly: list[dict]  # one snapshot a week (see Snapshots.take)
    consolidations: list[dict]  # week, step, table, consented, decision, blocked
    closes: list[dict]  # divergeren closed: week, step, rounds, min_rounds
    kpis: dict[str, float]
    series: dict[str, list[float]]  # each KPI per week (the model's datacollector)
    facts: dict[str, float]  # final figures that are not KPIs (gemeente_gain, ...)
    seat: dict[str, list[tuple[int, int, str | None]]]  # seat -> [(from, to, bot|None)]
    seat_kinds: dict[str, str] = field(default_factory=dict)  # seat -> regisseur | party
    role: str | None = None  # ghost: the seat the archetype took
    archetype: str | None = None
    divergence: str | None = None  # session re-run: first difference with the log
    notes: list[str] = field(default_factory=list)

    def seat_weeks(self, seat: str, human: bool) -> int:
        """Weeks a seat was held by a person (human=True) or by a bot."""
        return sum(b - a for a, b, bot in self.seat.get(seat, []) if (bot is None) == human)

    def in_seat(self, seat: str, week: int, human: bool) -> bool:
        """Whether the assessed kind of player held the seat in that week."""
        return any(
            a <= week < b and (bot is None) == human for a, b, bot in self.seat.get(seat, [])
        )


def week_of(e: dict) -> int:
    """An event's week (its `tick`: one tick is a week in this family)."""
    return int(e.get("tick", e.get("week", 0)))


def seat_kind(seat: str) -> str:
    """The rubric's role of a seat: the regisseur, or a party (any party key)."""
    return REGISSEUR if seat == REGISSEUR else "party"


def holders(model) -> dict[str, str | None]:
    """Who holds each seat now: the bot archetype's name, or None for a person."""
    seats = [REGISSEUR, *model.keys_list()]
    return {s: (model.bots[s].name if s in model.bots else None) for s in seats}


class Snapshots(Source):
    """Observes a ProcesModel as the driver steps it (every hook only reads)."""

    def __init__(self, model) -> None:
        self.weekly: list[dict] = []
        self.consolidations: list[dict] = []
        self.closes: list[dict] = []
        self.seen_events = 0
        self.div_rounds = 0  # rounds of divergeren in the current step so far
        self.spans: dict[str, list[tuple[int, int, str | None]]] = {}
        self.current: dict[str, tuple[int, str | None]] = {}
        self.take(model)

    def before_hour(self, driver: Driver) -> None:
        self.take(driver.model)

    def take(self, model) -> None:
        """Note the week's state once, the decisions taken since the last look, and any
        change of who holds a seat."""
        week = model.week
        self._consolidations(model)
        snap = self._snapshot(model)
        if self.weekly and self.weekly[-1]["week"] == week:
            self.weekly[-1] = snap
        else:
            self.weekly.append(snap)
        for seat, bot in holders(model).items():
            if seat not in self.current or self.current[seat][1] != bot:
                self._switch(seat, week, bot)

    def _switch(self, seat: str, week: int, bot: str | None) -> None:
        if seat in self.current:
            start, old = self.current[seat]
            if week > start:
                self.spans.setdefault(seat, []).append((start, week, old))
        self.current[seat] = (week, bot)

    def _snapshot(self, model) -> dict:
        g = model.party("gemeente").index
        trust_in_g = {
            p.key: float(model.trust[p.index, g]) for p in model.parties if p.key != "gemeente"
        }
        return {
            "week": model.week,
            "step": model.step_no,
            "phase": model.phase,
            "rounds_in_phase": model.rounds_in_phase,
            "roles": {p.key: p.role for p in model.parties},
            "invited": {p.key: bool(p.invited) for p in model.parties},
            "conditions": bool(model.rules.conditions),
            "rules_agreed": bool(model.rules.agreed),
            "options": len(model.options),
            "trust_in_gemeente": trust_in_g,
        }

    def _consolidations(self, model) -> None:
        """Each go or no-go since the last look, with the consents it was decided on, and
        each close of divergeren with the rounds it had (from the model's events)."""
        new = model.events[self.seen_events :]
        self.seen_events = len(model.events)
        blocked: list[str] = []
        within: list[str] | None = None
        for e in new:
            if e["kind"] == "round" and e.get("phase") == "divergeren":
                self.div_rounds = int(e.get("round", 0))
            elif e["kind"] == "action" and e["action"].get("type") == "close_phase":
                self.closes.append(
                    {
                        "week": week_of(e),
                        "step": model.step_no,
                        "rounds": self.div_rounds,
                        "min_rounds": model.scenario.process.divergence_min_rounds,
                    }
                )
            elif e["kind"] == "block":
                blocked = list(e.get("parties", []))
            elif e["kind"] == "consolidated":
                within = list(e.get("within_mandate", []))
            elif e["kind"] in ("go", "no_go"):
                table = [p.key for p in model.table()]
                self.consolidations.append(
                    {
                        "week": week_of(e),
                        "step": e.get("step", model.step_no),
                        "decision": e["kind"],
                        "blocked": blocked,
                        "table": table,
                        "consented": {p.key: bool(p.consented) for p in model.parties},
                        "within_mandate": table if within is None else within,
                    }
                )
                blocked, within = [], None

    def close(self, model) -> dict[str, list[tuple[int, int, str | None]]]:
        """The seat spans up to where the run stopped (after a last look)."""
        self.take(model)
        for seat, (start, bot) in self.current.items():
            if model.week > start:
                self.spans.setdefault(seat, []).append((start, model.week, bot))
        self.current = {}
        return self.spans


def gemeente_gain(model) -> float:
    """The gemeente's utility of the final agreement minus its utility of the
    split-the-difference compromise: its influence on the result (0 without one)."""
    from sim.procesregie.kpi import compromise

    if model.final is None:
        return 0.0
    g = model.party("gemeente")
    return float(g.utility(model.final) - g.utility(compromise(model)))


def build_trace(
    model, snaps: Snapshots, *, label: str, events: list[dict] | None = None, **kw
) -> ProcesTrace:
    """The finished (or stopped) run as a :class:`ProcesTrace`."""
    from sim.procesregie.kpi import KPI_NAMES, summary

    spans = snaps.close(model)
    df = model.datacollector.get_model_vars_dataframe()
    series = {k: [float(v) for v in df[k]] for k in KPI_NAMES if k in df.columns}
    if events is None:
        events = [dict(e, seq=n) for n, e in enumerate(model.events)]
    return ProcesTrace(
        label=label,
        seed=model.seed,
        weeks=model.hours,
        stop_week=model.week,
        finished=bool(model.finished),
        parties=model.keys_list(),
        stakes={p.key: float(p.spec.stake) for p in model.parties},
        events=events,
        weekly=snaps.weekly,
        consolidations=snaps.consolidations,
        closes=snaps.closes,
        kpis=summary(model),
        series=series,
        facts={"gemeente_gain": gemeente_gain(model)},
        seat=spans,
        seat_kinds={s: seat_kind(s) for s in spans},
        **kw,
    )
