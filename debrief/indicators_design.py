"""Indicator metrics of the design phase (issue 14): designing for where it will go wrong,
and a transition period with a joint project team that is used.

Read from the log: the `contract_agreed` event (the contract the class agreed), the
role's own `design_move` offers, `rule_changed` events (a gap closed in play) and the
role's direct contact while the transition runs. A session whose scenario skips the design
phase, or whose design phase a bot played, gives no occasion: the measure says why
(`Measure.why`), and the report says so instead of scoring a 0. The metrics register
themselves in :data:`debrief.indicators.METRICS`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from debrief import design_score as ds
from debrief.indicator_params import MetricParams
from debrief.indicators import METRICS, Context, Measure, Metric, ev
from sim.design.terms import DesignTerms, terms_of

# The metrics of this module: a competence measured by them alone is about the design
# phase (the cards' observer lists it on the design phase's page).
DESIGN_METRICS = frozenset(
    {"design_foresight", "design_terms", "gaps_closed", "transition_agreed", "transition_contact"}
)
# The terms for the unforeseen, in the order of design_score.RISKS.
UNFORESEEN = tuple(term for _, term, _ in ds.RISKS)


class ForesightParams(MetricParams):
    pass


class TermsParams(MetricParams):
    source: Literal["agreed", "asked"] = "agreed"


class TransitionParams(MetricParams):
    pass


class ContactParams(MetricParams):
    per_days: float = Field(30.0, gt=0)


def is_design(competence) -> bool:
    """Whether a rubric competence is measured by the design metrics alone."""
    return all(i.metric in DESIGN_METRICS for i in competence.indicators)


def count_terms(terms: DesignTerms) -> int:
    """How many of the terms for the unforeseen a set of terms holds."""
    return sum(
        (getattr(terms, t) is not None)
        if t in ("salt_rule_t", "plough_rule_cm")
        else bool(getattr(terms, t))
        for t in UNFORESEEN
    )


def _designed(ctx: Context) -> Measure | None:
    """None when the assessed player designed the contract; else a Measure saying why not."""
    if ds.agreed_event(ctx.trace) is None:
        unfinished = ctx.trace.start.get("design", False)  # the log stops inside the phase
        return Measure(None, why="design_unfinished" if unfinished else "design_skipped")
    if not ctx.in_seat(0):
        return Measure(None, why="design_by_other")
    return None


def design_foresight(ctx: Context, p: ForesightParams) -> Measure:
    """Share of the risks the winter brought that the agreed contract had a term for."""
    skipped = _designed(ctx)
    if skipped is not None:
        return skipped
    score = ds.score(ctx.trace)
    brought = score.brought
    if not brought:
        return Measure(None)
    agreed = ds.agreed_event(ctx.trace)
    evidence = [ev(agreed, hit=bool(score.foreseen))]
    for r in brought:
        first = r.evidence[0]
        if "seq" in first:  # a log event (not a figure such as the shortage days)
            evidence.append(ev(first, hit=r.had_term, risk=r.id))
    return Measure(len(score.foreseen) / len(brought), len(brought), evidence)


def design_terms(ctx: Context, p: TermsParams) -> Measure:
    """Terms for the unforeseen (of five) in the agreed contract, or in the role's first
    own offer (what it asked)."""
    skipped = _designed(ctx)
    if skipped is not None:
        return skipped
    if p.source == "agreed":
        agreed = ds.agreed_event(ctx.trace)
        return Measure(float(count_terms(terms_of(ds.played_contract(ctx.trace)))), 1, [ev(agreed)])
    offers = [e for e in ctx.actions(["design_move"]) if e["action"].get("move") == "offer"]
    if not offers:
        return Measure(None)
    first = offers[0]
    terms = DesignTerms.model_validate(first["action"]["terms"], strict=False)
    return Measure(float(count_terms(terms)), 1, [ev(first)])


def gaps_closed(ctx: Context, p: ForesightParams) -> Measure:
    """Share of the gaps a meeting can close (a beslisregel, the committee) that the
    class closed in play (`rule_changed`: added)."""
    skipped = _designed(ctx)
    if skipped is not None:
        return skipped
    score = ds.score(ctx.trace)
    closable = [r for r in score.gaps if r.term in ds.RULE_TERM.values()]
    if not closable:
        return Measure(None)
    changes = [
        e for e in ctx.trace.events if e["kind"] == "rule_changed" and e.get("change") == "add"
    ]
    closed = [r for r in closable if r.added_t is not None]
    return Measure(len(closed) / len(closable), len(closable), [ev(e) for e in changes])


def transition_agreed(ctx: Context, p: TransitionParams) -> Measure:
    """Months of transition with a joint project team in the agreed contract."""
    skipped = _designed(ctx)
    if skipped is not None:
        return skipped
    months = ds.played_contract(ctx.trace).transition_months
    return Measure(float(months), 1, [ev(ds.agreed_event(ctx.trace))])


def transition_contact(ctx: Context, p: ContactParams) -> Measure:
    """The role's own direct contacts per `per_days` days while the transition runs (the
    joint team learns with how much the sides see of each other: sim.governance.schedule)."""
    months = ds.played_contract(ctx.trace).transition_months
    if months <= 0:
        return Measure(None, why="no_transition")
    end = min(months * 30 * 24, ctx.trace.stop_t)
    hours = sum(
        max(0, min(b, end) - a)
        for a, b, bot in ctx.trace.seat.get(ctx.role, [])
        if (bot is None) == ctx.human and a < end
    )
    if hours <= 0:
        return Measure(None)
    acts = [e for e in ctx.actions(["direct_contact"]) if e["t"] < end]
    days = hours / 24.0
    return Measure(len(acts) * p.per_days / days, max(1, round(days)), [ev(e) for e in acts])


METRICS.update(
    {
        "design_foresight": Metric(
            design_foresight,
            ForesightParams,
            "share of the winter's risks the agreed contract foresaw",
        ),
        "design_terms": Metric(
            design_terms,
            TermsParams,
            "terms for the unforeseen in the agreed contract or the own ask",
        ),
        "gaps_closed": Metric(
            gaps_closed, ForesightParams, "share of closable gaps a meeting closed in play"
        ),
        "transition_agreed": Metric(
            transition_agreed, TransitionParams, "months of transition in the agreed contract"
        ),
        "transition_contact": Metric(
            transition_contact,
            ContactParams,
            "own direct contacts per 30 days during the transition",
        ),
    }
)
