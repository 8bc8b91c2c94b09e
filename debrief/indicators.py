"""Indicator metrics: named measurements of one role's play, computed from a run's trace.

A rubric indicator names a metric and its parameters (scenarios/rubrics/regie.yaml); the
metric returns a :class:`Measure`: a value (None when the session gave no occasion to
measure it), how many observations it rests on, and the evidence: the log events (or
invoices, nights, signals) it was computed from, so the trainer can point at them.

Only the assessed role's own actions count, and only those made while the assessed kind of
player held the seat: a person in the session (``by == "human"``), the bot in a ghost run.
Rates are per 30 days of that seat time. Decision points are answered at once by people
(the clock waits for them), so timing is measured from *signals* on the street, in the
news and at the table to the role's next own initiative, not from decision points.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from debrief.indicator_params import (
    ChannelParams,
    CoverageParams,
    DisputeParams,
    InvoiceParams,
    KpiParams,
    MeerwerkParams,
    MeetingParams,
    MetricParams,
    NightParams,
    NoParams,
    RateParams,
    SeriesParams,
    ShareParams,
    SignalParams,
    SumParams,
)

INFLATED = 1.03  # an invoice above fair value by more than this counts as inflated (engine)


@dataclass
class Measure:
    """The result of one metric."""

    value: float | None
    n: int = 0  # observations it rests on
    evidence: list[dict] = field(default_factory=list)
    why: str = ""  # with no value: why there was no occasion (debrief.feedback says it)


@dataclass
class Context:
    """What a metric sees: the trace, the role assessed and who held its seat."""

    trace: object  # debrief.rerun.Trace
    role: str
    human: bool  # assess the person's actions (session) or the bot's (ghost)

    @property
    def seat_days(self) -> float:
        """Days the assessed player held the role."""
        return self.trace.seat_hours(self.role, self.human) / 24.0

    def in_seat(self, t: int) -> bool:
        """Whether the assessed player held the role at hour t."""
        return any(a <= t < b and (bot is None) == self.human
                   for a, b, bot in self.trace.seat.get(self.role, []))

    def actions(self, types: list[str] | None = None, where: dict | None = None,
                role: str | None = None) -> list[dict]:
        """The role's own accepted actions (optionally of some types, matching fields)."""
        role = role or self.role
        want = "human" if self.human else "bot"
        out = []
        for e in self.trace.events:
            if e["kind"] != "action" or e["role"] != role or e.get("by") != want:
                continue
            a = e["action"]
            if types and a.get("type") not in types:
                continue
            if where and not _matches(a, where):
                continue
            out.append(e)
        return out


def _matches(action: dict, where: dict) -> bool:
    for key, want in where.items():
        have = action.get(key)
        if isinstance(want, list):
            if have not in want:
                return False
        elif have != want:
            return False
    return True


def ev(e: dict, **data) -> dict:
    """Evidence pointing at a log event."""
    return {"type": "event", "t": e["t"], "seq": e.get("seq"), "event": e, **data}


# ------------------------------------------------------------------------ metrics -----
def action_rate(ctx: Context, p: RateParams) -> Measure:
    """Own actions of the given types per `per_days` days of seat time."""
    acts = ctx.actions(p.types, p.where)
    days = ctx.seat_days
    if days <= 0:
        return Measure(None)
    return Measure(len(acts) * p.per_days / days, _whole_days(days), [ev(e) for e in acts])


def action_share(ctx: Context, p: ShareParams) -> Measure:
    """Share of the role's actions of these types (matching `of_where`) that match `where`."""
    den = ctx.actions(p.types, p.of_where)
    if not den:
        return Measure(None)
    num = [e for e in den if _matches(e["action"], p.where)]
    return Measure(len(num) / len(den), len(den), [ev(e, hit=e in num) for e in den])


def weekly_coverage(ctx: Context, p: CoverageParams) -> Measure:
    """Share of `window_days` windows of seat time with at least one such action."""
    w = int(p.window_days * 24)
    windows = []
    for a, b, bot in ctx.trace.seat.get(ctx.role, []):
        if (bot is None) != ctx.human:
            continue
        t = a
        while t + w <= b or (t == a and b - a >= w // 2):
            windows.append((t, min(t + w, b)))
            t += w
    if not windows:
        return Measure(None)
    acts = ctx.actions(p.types, p.where)
    hit = [any(lo <= e["t"] < hi for e in acts) for lo, hi in windows]
    return Measure(sum(hit) / len(windows), len(windows), [ev(e) for e in acts])


def action_sum(ctx: Context, p: SumParams) -> Measure:
    """Sum of a numeric action field per `per_days` days of seat time."""
    acts = ctx.actions(p.types, p.where)
    days = ctx.seat_days
    if days <= 0:
        return Measure(None)
    total = sum(float(e["action"].get(p.field, 0.0)) for e in acts)
    return Measure(total * p.per_days / days, _whole_days(days), [ev(e) for e in acts])


def _whole_days(days: float) -> int:
    """What a rate rests on: the days in the seat (at least 1 once the seat was held)."""
    return max(1, round(days))


def _signals(ctx: Context, p: SignalParams) -> list[dict]:
    tr = ctx.trace
    out = []
    for e in tr.events:
        k = e["kind"]
        name = None
        if k in ("media", "bypass", "dispute") and k in p.signals:
            name = k
        elif k == "inject" and "inject" in p.signals:
            name = "inject"
        elif k == "decision_point":
            dp = e.get("dp_kind")
            if dp == "council_question" and "council_question" in p.signals:
                name = "council_question"
            elif dp == "meerwerk_request" and "meerwerk_request" in p.signals:
                name = "meerwerk_request"
            elif dp == "incident" and "incident" in p.signals:
                name = "incident"
        if name is not None:
            out.append({"t": e["t"], "signal": name, "event": e, "seq": e.get("seq")})
    daily = tr.daily
    for i, gday in enumerate(daily.get("gday", [])):
        t = int(gday) * 24 + 23
        if "complaints_day" in p.signals and daily["complaints"][i] >= p.complaints_min:
            out.append({"t": t, "signal": "complaints_day", "value": daily["complaints"][i]})
        if "injuries_day" in p.signals and daily["injuries"][i] >= p.injuries_min:
            out.append({"t": t, "signal": "injuries_day", "value": daily["injuries"][i]})
        if ("reachability_dip" in p.signals
                and daily["reachability_pct"][i] < p.reachability_below):
            out.append({"t": t, "signal": "reachability_dip",
                        "value": daily["reachability_pct"][i]})
    out.sort(key=lambda s: s["t"])
    merged, last = [], {}
    for s in out:
        if not ctx.in_seat(s["t"]) or s["t"] >= tr.stop_t:
            continue
        if s["signal"] in last and s["t"] - last[s["signal"]] < p.merge_hours:
            continue
        last[s["signal"]] = s["t"]
        merged.append(s)
    return merged


def signal_response(ctx: Context, p: SignalParams) -> Measure:
    """Hours from a signal to the role's next own initiative of the response types."""
    signals = _signals(ctx, p)
    if not signals:
        return Measure(None)
    acts = sorted(ctx.actions(p.responses), key=lambda e: e["t"])
    lags, evidence = [], []
    for s in signals:
        nxt = next((e for e in acts if e["t"] >= s["t"]), None)
        lag = min(p.cap_hours, nxt["t"] - s["t"]) if nxt is not None else p.cap_hours
        if s["t"] + p.cap_hours > ctx.trace.stop_t and nxt is None:
            continue  # the session ended before an answer could be expected
        lags.append(lag)
        evidence.append({"type": "signal", "t": s["t"], "seq": s.get("seq"),
                         "signal": s["signal"], "value": s.get("value"), "lag_h": lag,
                         "response": nxt, "capped": nxt is None or lag >= p.cap_hours})
    if not lags:
        return Measure(None)
    if p.stat == "mean_hours":
        return Measure(sum(lags) / len(lags), len(lags), evidence)
    within = sum(1 for x in lags if x <= p.within_hours)
    return Measure(within / len(lags), len(lags), evidence)


def kpi_final(ctx: Context, p: KpiParams) -> Measure:
    """A season KPI (sim/kpi.py) where the run stopped."""
    v = ctx.trace.kpis.get(p.kpi)
    return Measure(None if v is None else float(v), 1)


def series_stat(ctx: Context, p: SeriesParams) -> Measure:
    """A statistic of a daily series (sim.kpi.DAILY_SERIES) over the run."""
    s = ctx.trace.daily.get(p.series) or []
    if not s:
        return Measure(None)
    value = {"mean": lambda: sum(s) / len(s), "min": lambda: min(s), "max": lambda: max(s),
             "first": lambda: s[0], "last": lambda: s[-1],
             "change": lambda: s[-1] - s[0]}[p.stat]()
    return Measure(float(value), len(s))


def invoice_judgement(ctx: Context, p: InvoiceParams) -> Measure:
    """How well invoices were judged: disputed when inflated, approved when fair."""
    decided = {}
    for e in ctx.actions(["review_invoice"]):
        decided[(e["season"], e["action"]["invoice_id"])] = e
    rows = []
    for inv in ctx.trace.extras.get("invoices", []):
        e = decided.get((inv["season"], inv["id"]))
        if e is None:
            continue
        inflated = inv["claimed"] > inv["fair"] * INFLATED
        disputed = e["action"]["decision"] == "dispute"
        rows.append((inflated, disputed, e, inv))
    if p.measure == "precision":
        rows = [r for r in rows if r[1]]
    elif p.measure == "recall":
        rows = [r for r in rows if r[0]]
    if not rows:
        return Measure(None)
    # Weighted by amount: a wrong call on a large invoice weighs more than on a small one.
    total = sum(inv["claimed"] for *_, inv in rows)
    right = sum(inv["claimed"] for inflated, disputed, _, inv in rows if inflated == disputed)
    evidence = [{"type": "invoice", "t": e["t"], "seq": e.get("seq"), "claimed": inv["claimed"],
                 "fair": inv["fair"], "inflated": inflated, "disputed": disputed}
                for inflated, disputed, e, inv in rows]
    share = right / total if total > 0 else sum(a == b for a, b, *_ in rows) / len(rows)
    return Measure(share, len(rows), evidence)


def meeting_outcomes(ctx: Context, p: MeetingParams) -> Measure:
    """Share of agenda items the role recorded that ended with one of the given outcomes
    (the meeting's result when both sides moved; the recorded outcome in older logs)."""
    results = {(e.get("season", 0), e["meeting_id"], r["item_id"]): r["outcome"]
               for e in ctx.trace.events if e["kind"] == "meeting_outcome"
               for r in e.get("outcomes", [])}
    items, evidence = [], []
    for e in ctx.actions(["record_meeting"]):
        meeting = (e.get("season", 0), e["action"]["meeting_id"])
        outs = [results.get((*meeting, o["item_id"])) or o.get("outcome")
                for o in e["action"].get("outcomes", [])]
        items.extend(o in p.outcomes for o in outs)
        if outs:
            evidence.append(ev(e, outcomes=outs))
    if not items:
        return Measure(None)
    return Measure(sum(items) / len(items), len(items), evidence)


def dispute_stat(ctx: Context, p: DisputeParams) -> Measure:
    """Escalations per dispute, the hardest position, or the share still open at the end."""
    disputes = ctx.trace.extras.get("disputes", [])
    evidence = [ev(e) for e in ctx.trace.events if e["kind"] == "dispute"]
    if not disputes:
        return Measure(None)
    if p.stat == "escalations_per_dispute":
        value = sum(d["level"] for d in disputes) / len(disputes)
    elif p.stat == "max_hardness":
        value = float(max(d["hardness"] for d in disputes))
    else:
        value = sum(1 for d in disputes if not d["resolved"]) / len(disputes)
    return Measure(value, len(disputes), evidence)


def meerwerk_approval(ctx: Context, p: MeerwerkParams) -> Measure:
    """Share of meerwerk requests of these kinds the role approved."""
    kinds = {(r["season"], r["id"]): r["kind"] for r in ctx.trace.extras.get("requests", [])}
    rows = [e for e in ctx.actions(["decide_meerwerk"])
            if kinds.get((e["season"], e["action"]["request_id"])) in p.kinds]
    if not rows:
        return Measure(None)
    ok = [e for e in rows if e["action"]["decision"] == "approve"]
    return Measure(len(ok) / len(rows), len(rows),
                   [ev(e, kind=kinds[(e["season"], e["action"]["request_id"])]) for e in rows])


def risky_nights(ctx: Context, p: NightParams) -> Measure:
    """Share of briefings with a cold forecast that the executor answered with `mode`."""
    forecast = {(pt["season"], pt["ref"]): pt["context"]
                for pt in ctx.trace.extras.get("points", []) if pt["kind"] == "forecast_briefing"}
    rows = []
    for e in ctx.actions(["plan_night"]):
        fc = forecast.get((e["season"], e["action"]["briefing_id"]))
        if fc is None or fc.get("min_surface_temp_c") is None:
            continue
        if fc["min_surface_temp_c"] < p.colder_than_c:
            rows.append((e, fc))
    if not rows:
        return Measure(None)
    hits = [e for e, _ in rows if e["action"]["mode"] == p.mode]
    return Measure(len(hits) / len(rows), len(rows),
                   [{"type": "night", "t": e["t"], "seq": e.get("seq"),
                     "min_surface_temp_c": fc["min_surface_temp_c"],
                     "mode": e["action"]["mode"]} for e, fc in rows
                    if e["action"]["mode"] == p.mode][:40])


def invoice_markup(ctx: Context, p: NoParams) -> Measure:
    """Markup of the invoices over their fair value [%], weighted by invoice value: the
    total claimed over the total fair value (one small invoice cannot dominate)."""
    invs = [i for i in ctx.trace.extras.get("invoices", []) if i["fair"] > 0
            and ctx.in_seat(i["t"])]
    if not invs:
        return Measure(None)
    markup = 100.0 * (sum(i["claimed"] for i in invs) / sum(i["fair"] for i in invs) - 1.0)
    return Measure(markup, len(invs),
                   [{"type": "invoice", "t": i["t"], "seq": None, "claimed": i["claimed"],
                     "fair": i["fair"], "inflated": i["claimed"] > i["fair"] * INFLATED,
                     "disputed": i["status"] == "disputed"} for i in invs])


def channel_share(ctx: Context, p: ChannelParams) -> Measure:
    """Share of the wethouder's interventions (answers and own calls) through `channels`."""
    rows = []
    for e in ctx.actions(["intervene", "call_executor"]):
        channel = e["action"].get("channel", "call_executor")
        if channel == "none":
            continue
        rows.append((e, channel))
    if not rows:
        return Measure(None)
    hits = [e for e, c in rows if c in p.channels]
    return Measure(len(hits) / len(rows), len(rows), [ev(e, channel=c) for e, c in rows])


@dataclass(frozen=True)
class Metric:
    """A metric: its function, its parameter model and what its value means."""

    fn: Callable[[Context, BaseModel], Measure]
    params: type[MetricParams]
    doc: str


METRICS: dict[str, Metric] = {
    "action_rate": Metric(action_rate, RateParams, "actions per 30 days of seat time"),
    "action_share": Metric(action_share, ShareParams, "share of actions matching `where`"),
    "weekly_coverage": Metric(weekly_coverage, CoverageParams,
                              "share of weeks with such an action"),
    "action_sum": Metric(action_sum, SumParams, "sum of an action field per 30 days"),
    "signal_response": Metric(signal_response, SignalParams,
                              "hours from a signal to the next own initiative"),
    "kpi_final": Metric(kpi_final, KpiParams, "season KPI"),
    "series_stat": Metric(series_stat, SeriesParams, "statistic of a daily series"),
    "invoice_judgement": Metric(invoice_judgement, InvoiceParams,
                                "share of invoice value judged right (disputed iff inflated)"),
    "meeting_outcomes": Metric(meeting_outcomes, MeetingParams,
                               "share of agenda items settled so"),
    "dispute_stat": Metric(dispute_stat, DisputeParams, "escalation and hardening of disputes"),
    "meerwerk_approval": Metric(meerwerk_approval, MeerwerkParams,
                                "share of such meerwerk requests approved"),
    "risky_nights": Metric(risky_nights, NightParams,
                           "share of cold-forecast briefings answered so"),
    "invoice_markup": Metric(invoice_markup, NoParams,
                             "invoice markup over fair value, weighted by amount"),
    "channel_share": Metric(channel_share, ChannelParams,
                            "share of interventions through these channels"),
}

# Action types a metric's `types`/`responses` may name per role is checked by the rubric.
ROLE_METRICS: dict[str, tuple[str, ...]] = {
    "invoice_judgement": ("regisseur",),
    "meeting_outcomes": ("regisseur",),
    "meerwerk_approval": ("regisseur",),
    "risky_nights": ("executor",),
    "invoice_markup": ("executor",),
    "channel_share": ("wethouder",),
    "move_share": ("regisseur", "executor"),
    "items_settled": ("regisseur", "executor"),
}


def measure(metric: str, params: BaseModel, ctx: Context) -> Measure:
    """Compute one metric."""
    return METRICS[metric].fn(ctx, params)


# The negotiation and trust-as-belief metrics register themselves in METRICS.
import debrief.indicators_design  # noqa: E402,F401
import debrief.indicators_negotiation  # noqa: E402,F401
