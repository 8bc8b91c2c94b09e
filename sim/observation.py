"""What each role may know: `observe(model, role)`, and what the class may see on the projector.

Information asymmetry is part of the game: the regisseur sees reported output and the
street, not the executor's true effort or stock (unless it inspects); the executor sees
its own fleet, stock and true output; the wethouder sees the news, the council and
what the regisseur tells. The projector view (`observe_public`, `observe_kpis`,
`observe_feed`) shows the shared winter, the streets and the public figures; who else
may read an indicator or a message is decided here, not in the game.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

import numpy as np

from sim.agents.executor import FORECAST_LEAD_H
from sim.agents.fleet import CALLED, DRIVING
from sim.agents.places import trouble_kind
from sim.design.classroom import public_view as design_view
from sim.governance.invoices import penalty_cap
from sim.governance.politics import CAMPAIGN_DAYS
from sim.governance.regimes import GEMEENTE, can_exit

if TYPE_CHECKING:
    from sim.model import RegieModel
    from sim.world.weather import Weather

ROLES = ("regisseur", "executor", "wethouder")
TRUCK_STATES = {CALLED: "called", DRIVING: "driving"}
_add = np.add


def observe(model: RegieModel, role: str) -> dict:
    """The observation of one role at the current hour."""
    return {key: build(model, role) for key, build in SECTIONS.items()}


def observe_lazily(model: RegieModel, role: str) -> LazyObservation:
    """The same observation, each section built when a reader first asks for it: for the
    model's own bots, which read a few entries in most hours and act in few (reading it
    changes nothing, so what is never read need not be built)."""
    return LazyObservation(model, role)


class LazyObservation(Mapping):
    """`observe(model, role)` as a read-only mapping whose sections are built on first
    access and kept; valid for the hour it was made in, before anything is submitted."""

    __slots__ = ("_model", "_role", "_built")

    def __init__(self, model: RegieModel, role: str) -> None:
        self._model, self._role, self._built = model, role, {}

    def __getitem__(self, key: str) -> object:
        built = self._built
        if key not in built:
            built[key] = SECTIONS[key](self._model, self._role)
        return built[key]

    def __iter__(self) -> Iterator[str]:
        return iter(SECTIONS)

    def __len__(self) -> int:
        return len(SECTIONS)


def _public(model: RegieModel, role: str) -> dict:
    cit = model.citizens
    n = model.roads.n_segments
    return {"complaints_today": cit.today["complaints"],
            "injuries_today": cit.today["injuries"],
            "complaints_season": cit.complaints,
            "injuries_season": cit.injuries,
            "media_stories": model.wethouder.media_stories,
            "reachability_yesterday_pct": round(model.kpi.last_day_reachability, 2),
            "pavement_snow_cm": round(_mean(model.roads.snow_cm[n:]), 3)}


def _mean(values: np.ndarray) -> float:
    """`float(values.mean())` of a non-empty float array, bit for bit (the same pairwise sum
    divided by the count) without the wrapper's cost."""
    return float(_add.reduce(values) / len(values))


def _actions_since(actions: list, hour: int) -> int:
    """How many call-outs were alarmed at `hour` or later (the list is in alarm order)."""
    count = 0
    for action in reversed(actions):
        if action.alarm_hour < hour:
            break
        count += 1
    return count


# The shared winter of the last hour asked: one tuple (weather, hour, its two sections),
# replaced whole (so a reader in another thread sees one hour's entry). Every role and the
# projector see the same weather and forecast in an hour; the Weather object is held so
# that its id cannot be reused while the entry stands.
_winter_seen: list[tuple] = [(None, -1, {}, {})]


def _winter(model: RegieModel) -> dict:
    """The weather of this hour and the forecast everybody gets (the shared winter)."""
    seen = _winter_entry(model)
    return {"weather": dict(seen[2]), "forecast": dict(seen[3])}


def _winter_entry(model: RegieModel) -> tuple:
    """This hour's entry of the shared winter: (weather, hour, weather now, forecast)."""
    h = min(model.hour, model.hours - 1)
    w = model.weather
    seen = _winter_seen[0]
    if seen[0] is not w or seen[1] != h:
        seen = _winter_seen[0] = (w, h, *_winter_sections(w, h))
    return seen


def _winter_sections(w: Weather, h: int) -> tuple[dict, dict]:
    fc = w.forecast(h, FORECAST_LEAD_H)
    return (
        {"air_temp_c": round(float(w.air_temp_c[h]), 2),
         "surface_temp_c": round(float(w.surface_temp_c[h]), 2),
         "precip_mm_h": round(float(w.precip_mm_h[h]), 3),
         "precip_kind": int(w.precip_kind[h])},
        {"min_surface_temp_c": round(fc.min_surface_temp(), 2) if len(fc.hours) else None,
         "max_precip_prob": round(float(fc.precip_prob.max()), 3) if len(fc.hours) else 0.0,
         "snow_expected": bool(((fc.precip_kind == 2) & (fc.precip_prob > 0.5)).any()),
         "freezing_rain_expected": bool(
             ((fc.precip_kind == 3) & (fc.precip_prob > 0.3)).any())},
    )


def _regisseur(model: RegieModel) -> dict:
    gov = model.governance
    reported = [round(r["reported_output"], 3) for r in gov.reports
                if r["reported_output"] is not None]
    return {"budget_eur": model.gemeente.cfg.budget_eur_per_season,
            "cost_to_date_eur": round(model.gemeente.total_cost_eur(), 2),
            "trust_in_executor": round(gov.rel.trust_g_in_e, 4),
            "regie_hours_left": round(gov.muni.regie_capacity_h_per_week - gov.week_hours, 2),
            "unpenalised_misses": gov.unpenalised_misses,
            "penalty_cap_eur": penalty_cap(gov),
            "campaign_running": model.hour < gov.campaign_until,
            "days_since_campaign": (model.hour - gov.campaign_until) / 24.0
            + CAMPAIGN_DAYS if gov.campaign_until >= 0 else 999.0,
            "reported_output": reported[-3:],
            "open_disputes": sum(1 for d in gov.disputes if not d.resolved),
            "inspections": gov.counts["inspections"]}


def _executor(model: RegieModel) -> dict:
    gov, ex = model.governance, model.executor
    depot = ex.depot
    p2 = ex.priority2_segments
    return {"salt_stock_t": round(depot.stock_t, 3),
            "salt_capacity_t": depot.cfg.capacity_t,
            "round_salt_t": round(model.plan.round_salt_t(1, ex.cfg.dose_curative_g_m2), 3),
            "salt_on_order_t": round(depot.on_order_t, 3),
            "salt_on_spot_t": round(depot.on_spot_t, 3),
            "shortage_price_eur_per_t": depot.cfg.shortage_price_eur_per_t,
            "emergency_salt_rule": "salt_emergency_purchase" in gov.rules,
            "open_requests": {r.kind: True for r in gov.requests if r.status == "open"},
            "secondary_snow_cm": round(_mean(model.roads.snow_cm[p2]), 3)
            if len(p2) else 0.0,
            "trucks_out": sum(1 for t in ex.fleet.trucks if t.driver >= 0),
            "trust_in_gemeente": round(gov.rel.trust_e_in_g, 4),
            "maturity": round(gov.rel.maturity, 4),
            "true_cost_eur": round(ex.true_cost_eur, 2),
            "paid_eur": round(gov.ledger.paid_to_executor_eur, 2),
            "pressure": round(ex.conduct.pressure, 4),
            "markup_pct": round(ex.conduct.markup_pct, 3),
            "effort": ex.conduct.effort,
            "gemeente_can_exit": can_exit(gov, GEMEENTE)}


def _wethouder(model: RegieModel) -> dict:
    pol = model.wethouder
    return {"attention": round(pol.attention, 4),
            "threshold": pol.cfg.intervention_threshold,
            "media_stories": pol.media_stories,
            "council_questions": len(model.governance.council_questions),
            "trouble_place": trouble_kind(model),
            "budget_use_pct": round(100.0 * model.gemeente.total_cost_eur()
                                    / max(model.gemeente.cfg.budget_eur_per_season, 1.0), 2)}


PRIVATE = {"regisseur": _regisseur, "executor": _executor, "wethouder": _wethouder}

# The sections of an observation, in order: key -> build(model, role).
SECTIONS: dict[str, Callable[[RegieModel, str], object]] = {
    "role": lambda m, role: role,
    "hour": lambda m, role: m.hour,
    "day": lambda m, role: m.day,
    "date": lambda m, role: m.date.isoformat(),
    "weather": lambda m, role: dict(_winter_entry(m)[2]),
    "forecast": lambda m, role: dict(_winter_entry(m)[3]),
    "public": _public,
    "executor_actions_24h": lambda m, role: _actions_since(m.executor.fleet.actions,
                                                          m.hour - 23),
    "decisions": lambda m, role: [p.to_dict() for p in m.governance.board.open_for(role)],
    "private": lambda m, role: PRIVATE[role](m),
}


# --- the projector ---------------------------------------------------------------------------
def observe_public(model: RegieModel) -> dict:
    """What the class may see on the projector now: the clock, the shared winter, the
    streets (road condition, trucks out), public counts, who holds each seat and whom the
    clock waits for. The street parts are numpy arrays and the town's geometry (for the
    map), so unlike `observe` this dict is not JSON-ready."""
    gov = model.governance
    cit = model.citizens
    meta = model.scenario.meta
    return {
        "hour": model.hour,
        "day": model.day,
        "hours": model.hours,
        "date": model.date.isoformat(),
        "start_date": model.weather.start_date,
        "finished": model.finished,
        **_winter(model),
        "scenario": {"title_nl": meta.title_nl, "title_en": meta.title_en,
                     "town": model.scenario.municipality.name},
        "town": model.town,
        "roads": {"condition": model.roads.condition(),
                  "slipperiness": model.roads.slipperiness[: model.roads.n_segments]},
        "trucks": observe_trucks(model),
        "incidents_season": int(cit.slips + cit.accidents),
        "daily": {name: list(model.datacollector.model_vars.get(name, []))
                  for name in ("complaints", "injuries")},
        "seats": {r: None if gov.is_human(r) else gov.controllers[r].name for r in ROLES},
        "waiting": _waiting(model),
        "open_points": [p.id for p in gov.board.open_points()],
        "events": event_count(model),
        "design": design_view(model),  # the design phase on the table (sim.design.classroom)
    }


def observe_trucks(model: RegieModel) -> list[dict]:
    """Every gritter as seen from the street: its state and, when out, where on its route.

    `state` is "called" (crew on the way to the depot), "driving" or "in" (at the depot,
    broken or idle); a truck out carries its route's segments and cumulative length [km].
    """
    out = []
    for t in model.executor.fleet.trucks:
        route = t.route
        out.append({"id": t.id, "state": TRUCK_STATES.get(t.state, "in"), "pos_km": t.pos_km,
                    "segments": None if route is None else route.segments,
                    "cum_km": None if route is None else route.cum_km})
    return out


def _waiting(model: RegieModel) -> list[str]:
    """Roles played by people with an open decision point, the one waiting longest first."""
    gov = model.governance
    order: list[str] = []
    for point in gov.board.open_points():
        if gov.is_human(point.role) and point.role not in order:
            order.append(point.role)
    return order


# --- indicators on the dashboard: public ones, and those only some roles would know -------------
def _budget_to_date(m: RegieModel) -> float:
    elapsed = (m.hour / 24.0) / max(m.hours / 24.0, 1.0)
    return elapsed * m.gemeente.cfg.budget_eur_per_season


# key: (daily series summed for the history, readers (None: public), live value, reference)
KPI_TILES: dict[str, tuple[tuple[str, ...], tuple[str, ...] | None,
                           Callable[[RegieModel], float],
                           Callable[[RegieModel], float] | None]] = {
    "reachability": (("reachability_pct",), None, lambda m: m.kpi.last_day_reachability,
                     None),
    "incidents": (("slips", "accidents"), None,
                  lambda m: m.citizens.slips + m.citizens.accidents, None),
    "complaints": (("complaints",), None, lambda m: m.citizens.complaints, None),
    "satisfaction": (("satisfaction",), None, lambda m: 100.0 * m.citizens.mean_satisfaction,
                     None),
    "cost": (("cost_total_eur",), ("regisseur", "wethouder"),
             lambda m: m.gemeente.total_cost_eur(), _budget_to_date),
    "trust_g": (("trust_gemeente_in_executor",), ("regisseur",),
                lambda m: m.governance.rel.trust_g_in_e, None),
    "trust_e": (("trust_executor_in_gemeente",), ("executor",),
                lambda m: m.governance.rel.trust_e_in_g, None),
    "attention": (("attention",), ("wethouder",), lambda m: m.wethouder.attention,
                  lambda m: m.wethouder.cfg.intervention_threshold),
}


def kpi_visible(key: str, role: str | None) -> bool:
    """Whether `role` may see an indicator; None is the trainer (or an observer with no
    seat of its own), who sees all; "public" sees only the public ones."""
    readers = KPI_TILES[key][1]
    return role is None or readers is None or role in readers


def observe_kpis(model: RegieModel, role: str | None, days: int = 30) -> dict[str, dict]:
    """The dashboard's indicators `role` may see: value now, reference (budget to date,
    threshold; None if the indicator has none) and the daily history of the last `days`."""
    cols = model.datacollector.model_vars
    out = {}
    for key, (names, _, live, ref) in KPI_TILES.items():
        if not kpi_visible(key, role):
            continue
        rows = [cols.get(name, []) for name in names]
        n = min((len(r) for r in rows), default=0)
        history = [float(sum(r[i] for r in rows)) for i in range(max(0, n - days), n)]
        out[key] = {"value": live(model), "ref": None if ref is None else ref(model),
                    "series": history}
    return out


# --- the events feed: every event the session log gets, with who may read it -------------------
# Who reads a decision point besides its owner (the owner, and who else would hear of it).
POINT_READERS = {
    "forecast_briefing": ("executor",),
    "monthly_report": ("executor", "regisseur"),
    "invoice": ("regisseur", "executor"),
    "meerwerk_request": ("regisseur", "executor"),
    "meeting": ("regisseur", "executor"),
    "council_question": ("regisseur", "wethouder"),
    "incident": ("wethouder",),
    "posture": ("executor",),
    "order": ("executor", "regisseur"),
    "meeting_position": ("executor",),
}
BETWEEN_PARTIES = ("regisseur", "executor")
EVENT_READERS: dict[str, tuple[str, ...]] = {
    "media": ROLES, "inject": ROLES, "bypass": ROLES, "controller": ROLES, "tender": ROLES,
    "dispute": BETWEEN_PARTIES, "meeting_outcome": BETWEEN_PARTIES,
    "rule_applied": BETWEEN_PARTIES, "rule_not_applied": BETWEEN_PARTIES,
}


def event_readers(event: dict) -> tuple[str, ...]:
    """The roles that may read an event; an unlisted kind is for the trainer only (())."""
    kind = event.get("kind")
    if kind == "decision_point":
        return POINT_READERS.get(event["dp_kind"], (event["role"],))
    if kind == "action" or (kind == "rejected" and event.get("by") == "human"):
        return (event["role"],)
    return EVENT_READERS.get(kind, ())


def event_count(model: RegieModel) -> int:
    """How many events the model has had; a new number means the views have changed."""
    return len(model.governance.events)


def observe_feed(model: RegieModel, since: int = 0) -> list[dict]:
    """The model's events from number `since` on (the same the session log gets), each a
    copy with its `readers`; `observe_public(model)["events"]` is where the feed ends."""
    return [{**e, "readers": event_readers(e)} for e in model.governance.events[since:]]
