"""Indicator metrics of the procesregie family: named measurements of one seat's play,
computed from a :class:`~debrief.proces_trace.ProcesTrace` (the log's actions, the weekly
snapshots of the re-run, the consolidations and the final figures).

As in the gladheid family (debrief.indicators) a metric returns a Measure (None when the
session gave no occasion), and only what happened while the assessed kind of player held
the seat counts: a person in the session, the bot in a ghost run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from debrief.indicator_params import MetricParams, Scalar
from debrief.indicators import Measure, _matches
from debrief.proces_trace import ACTIVE_ROLES, REGISSEUR, ProcesTrace, week_of
from sim.procesregie.actions import PARTY_ACTIONS, REGISSEUR_ACTIONS
from sim.procesregie.kpi import KPI_NAMES

SEAT_ACTIONS: dict[str, tuple[str, ...]] = {
    REGISSEUR: tuple(a.model_fields["type"].default for a in REGISSEUR_ACTIONS),
    "party": tuple(a.model_fields["type"].default for a in PARTY_ACTIONS),
}
"""The action types each kind of seat may take (the model's typed actions)."""
ActionType = Literal[tuple(t for ts in SEAT_ACTIONS.values() for t in ts)]  # type: ignore
FACTS = ("gemeente_gain",)
WEEKLY_FIELDS = (
    "conditions",
    "rules_agreed",
    "high_stake_invited",
    "gemeente_active",
    "at_table",
    "trust_in_gemeente",
)


@dataclass
class Context:
    """What a metric sees: the trace, the seat assessed and who held it."""

    trace: ProcesTrace
    seat: str  # "regisseur" or a party key
    human: bool

    @property
    def seat_weeks(self) -> int:
        return self.trace.seat_weeks(self.seat, self.human)

    def in_seat(self, week: int) -> bool:
        return self.trace.in_seat(self.seat, week, self.human)

    def actions(self, types: list[str], where: dict | None = None) -> list[dict]:
        """The seat's own accepted actions of these types, taken while in the seat."""
        out = []
        for e in self.trace.events:
            if e["kind"] != "action" or e.get("seat", e.get("role")) != self.seat:
                continue
            if (
                e["action"].get("type") in types
                and self.in_seat(week_of(e))
                and (not where or _matches(e["action"], where))
            ):
                out.append(e)
        return out

    def weeks(self) -> list[dict]:
        """The weekly snapshots of the weeks in the seat."""
        return [
            w
            for w in self.trace.weekly
            if w["week"] < max(self.trace.stop_week, 1) and self.in_seat(w["week"])
        ]

    def consolidations(self) -> list[dict]:
        """The go/no-go moments while in the seat."""
        return [c for c in self.trace.consolidations if self.in_seat(max(c["week"] - 1, 0))]


def ev(e: dict, **data) -> dict:
    """Evidence pointing at an event."""
    return {"type": "event", "week": week_of(e), "seq": e.get("seq"), "event": e, **data}


# ------------------------------------------------------------------ parameters -----
class ActionsParams(MetricParams):
    types: list[ActionType] = Field(min_length=1)  # type: ignore[valid-type]
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)


class FirstParams(ActionsParams):
    never_after: float = Field(4.0, gt=0)


class RateParams(ActionsParams):
    per_weeks: float = Field(4.0, gt=0)


class FinalParams(MetricParams):
    name: Literal[(*KPI_NAMES, *FACTS)]  # type: ignore[valid-type]
    per: Literal["none", "step", "time_limit"] = "none"
    """Divide by the steps taken to a go/no-go, or by the weeks before the process is
    abandoned, so one threshold fits a half-hour exercise and a long process alike."""


class WeeklyParams(MetricParams):
    field: Literal[WEEKLY_FIELDS]  # type: ignore[valid-type]
    stat: Literal["mean", "last"] = "mean"
    min_stake: float = Field(0.5, ge=0, le=1)


class ConsentParams(MetricParams):
    own: bool = False


class DecisionParams(MetricParams):
    stat: Literal["go_share", "blocks"]


class NoParams(MetricParams):
    pass


# --------------------------------------------------------------------- metrics -----
def divergence_margin(ctx: Context, p: NoParams) -> Measure:
    """Rounds of divergeren beyond the minimum, on average, when the seat closed it."""
    closes = [c for c in ctx.trace.closes if ctx.in_seat(c["week"])]
    if not closes:
        return Measure(None)
    margins = [c["rounds"] - c["min_rounds"] for c in closes]
    return Measure(
        sum(margins) / len(margins),
        len(closes),
        [{"type": "close", "week": c["week"], "seq": None, **c} for c in closes],
    )


def action_frequency(ctx: Context, p: RateParams) -> Measure:
    """Own actions of these types per `per_weeks` weeks in the seat."""
    weeks = ctx.seat_weeks
    if weeks <= 0:
        return Measure(None)
    acts = ctx.actions(p.types, p.where)
    return Measure(len(acts) * p.per_weeks / weeks, weeks, [ev(e) for e in acts])


def first_action_weeks(ctx: Context, p: FirstParams) -> Measure:
    """Weeks from taking the seat to the first such action. Never taken: the weeks held,
    once the seat was held `never_after` weeks (before that: not observed yet)."""
    spans = [(a, b) for a, b, bot in ctx.trace.seat.get(ctx.seat, []) if (bot is None) == ctx.human]
    if not spans:
        return Measure(None)
    acts = ctx.actions(p.types, p.where)
    if not acts:
        if ctx.seat_weeks < p.never_after:
            return Measure(None)
        return Measure(float(ctx.seat_weeks), 1)
    first = min(week_of(e) for e in acts)
    return Measure(float(first - spans[0][0]), 1, [ev(acts[0])])


def final(ctx: Context, p: FinalParams) -> Measure:
    """A KPI or final figure where the run stopped."""
    value = ctx.trace.kpis.get(p.name, ctx.trace.facts.get(p.name))
    if value is None:
        return Measure(None)
    if p.per == "step":
        value /= max(1, len(ctx.trace.consolidations))
    elif p.per == "time_limit":
        value /= max(1, ctx.trace.weeks)
    return Measure(float(value), 1)


def _weekly_value(ctx: Context, w: dict, p: WeeklyParams) -> float:
    if p.field == "high_stake_invited":
        keys = [k for k, s in ctx.trace.stakes.items() if s >= p.min_stake]
        return sum(w["invited"][k] for k in keys) / len(keys) if keys else 1.0
    if p.field == "gemeente_active":
        return float(w["invited"]["gemeente"] and w["roles"]["gemeente"] in ACTIVE_ROLES)
    if p.field == "at_table":
        me = "gemeente" if ctx.seat == REGISSEUR else ctx.seat
        return float(w["invited"][me] and w["roles"][me] != "niet_meedoen")
    if p.field == "trust_in_gemeente":
        vals = list(w["trust_in_gemeente"].values())
        return sum(vals) / len(vals) if vals else 0.0
    return float(w[p.field])


def weekly(ctx: Context, p: WeeklyParams) -> Measure:
    """The mean (or last value) of a weekly figure over the weeks in the seat."""
    weeks = ctx.weeks()
    if not weeks:
        return Measure(None)
    values = [_weekly_value(ctx, w, p) for w in weeks]
    value = values[-1] if p.stat == "last" else sum(values) / len(values)
    return Measure(value, len(weeks))


def consent_share(ctx: Context, p: ConsentParams) -> Measure:
    """Share of the table that consented at the consolidations (own: whether this party
    consented, at the consolidations where it sat at the table)."""
    rows = ctx.consolidations()
    if p.own:
        rows = [c for c in rows if ctx.seat in c["table"]]
        shares = [float(c["consented"][ctx.seat]) for c in rows]
    else:
        rows = [c for c in rows if c["table"]]
        shares = [sum(c["consented"][k] for k in c["table"]) / len(c["table"]) for c in rows]
    if not rows:
        return Measure(None)
    return Measure(
        sum(shares) / len(shares),
        len(rows),
        [{"type": "consolidation", "week": c["week"], "seq": None, **c} for c in rows],
    )


def decisions(ctx: Context, p: DecisionParams) -> Measure:
    """At the go/no-go moments: the share that was a go, or the parties that blocked."""
    rows = ctx.consolidations()
    if not rows:
        return Measure(None)
    if p.stat == "go_share":
        value = sum(c["decision"] == "go" for c in rows) / len(rows)
    else:
        value = float(sum(len(c["blocked"]) for c in rows))
    return Measure(
        value,
        len(rows),
        [{"type": "consolidation", "week": c["week"], "seq": None, **c} for c in rows],
    )


@dataclass(frozen=True)
class Metric:
    """A metric: its function, its parameter model and what its value means."""

    fn: Callable[[Context, BaseModel], Measure]
    params: type[MetricParams]
    doc: str


METRICS: dict[str, Metric] = {
    "divergence_margin": Metric(
        divergence_margin, NoParams, "rounds of divergeren beyond the minimum at each close"
    ),
    "action_frequency": Metric(action_frequency, RateParams, "own actions per `per_weeks` weeks"),
    "first_action_weeks": Metric(
        first_action_weeks, FirstParams, "weeks in the seat before the first such action"
    ),
    "final": Metric(final, FinalParams, "a KPI or final figure of the process"),
    "weekly": Metric(weekly, WeeklyParams, "mean or last value of a weekly figure"),
    "consent_share": Metric(consent_share, ConsentParams, "share consenting at consolidation"),
    "decisions": Metric(decisions, DecisionParams, "go share or blocks at go/no-go moments"),
}
BASIS = {  # metric -> (nl, en) name of what n counts (debrief.feedback.basis)
    "divergence_margin": ("keren afgesloten", "closes"),
    "action_frequency": ("weken", "weeks"),
    "weekly": ("weken", "weeks"),
    "consent_share": ("consolideringen", "consolidations"),
    "decisions": ("go/no-go-momenten", "go/no-go moments"),
}
