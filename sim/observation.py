"""What each role may know: `observe(model, role)` returns a JSON-ready dict.

Information asymmetry is part of the game: the regisseur sees reported output and the
street, not the executor's true effort or stock (unless it inspects); the executor sees
its own fleet, stock and true output; the wethouder sees the news, the council and
what the regisseur tells.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.agents.executor import FORECAST_LEAD_H
from sim.governance.engine import CAMPAIGN_DAYS

if TYPE_CHECKING:
    from sim.model import RegieModel


def observe(model: RegieModel, role: str) -> dict:
    """The observation of one role at the current hour."""
    h = min(model.hour, model.hours - 1)
    w = model.weather
    fc = w.forecast(h, FORECAST_LEAD_H)
    gov = model.governance
    cit = model.citizens
    n = model.roads.n_segments
    obs = {
        "role": role,
        "hour": model.hour,
        "day": model.day,
        "date": model.date.isoformat(),
        "weather": {"air_temp_c": round(float(w.air_temp_c[h]), 2),
                    "surface_temp_c": round(float(w.surface_temp_c[h]), 2),
                    "precip_mm_h": round(float(w.precip_mm_h[h]), 3),
                    "precip_kind": int(w.precip_kind[h])},
        "forecast": {"min_surface_temp_c": round(fc.min_surface_temp(), 2)
                     if len(fc.hours) else None,
                     "max_precip_prob": round(float(fc.precip_prob.max()), 3)
                     if len(fc.hours) else 0.0,
                     "snow_expected": bool(((fc.precip_kind == 2) & (fc.precip_prob > 0.5)).any()),
                     "freezing_rain_expected": bool(
                         ((fc.precip_kind == 3) & (fc.precip_prob > 0.3)).any())},
        "public": {"complaints_today": cit.today["complaints"],
                   "injuries_today": cit.today["injuries"],
                   "complaints_season": cit.complaints,
                   "injuries_season": cit.injuries,
                   "media_stories": model.wethouder.media_stories,
                   "reachability_yesterday_pct": round(model.kpi.last_day_reachability, 2),
                   "pavement_snow_cm": round(float(model.roads.snow_cm[n:].mean()), 3)},
        "executor_actions_24h": sum(1 for a in model.executor.fleet.actions
                                    if a.alarm_hour > model.hour - 24),
        "decisions": [p.to_dict() for p in gov.board.open_for(role)],
    }
    obs["private"] = PRIVATE[role](model)
    return obs


def _regisseur(model: RegieModel) -> dict:
    gov = model.governance
    reported = [round(r["reported_output"], 3) for r in gov.reports
                if r["reported_output"] is not None]
    return {"budget_eur": model.gemeente.cfg.budget_eur_per_season,
            "cost_to_date_eur": round(model.gemeente.total_cost_eur(), 2),
            "trust_in_executor": round(gov.rel.trust_g_in_e, 4),
            "regie_hours_left": round(gov.muni.regie_capacity_h_per_week - gov.week_hours, 2),
            "unpenalised_misses": gov.unpenalised_misses,
            "penalty_cap_eur": gov.contract.penalty_eur * gov.unpenalised_misses,
            "campaign_running": model.hour < gov.campaign_until,
            "days_since_campaign": (model.hour - gov.campaign_until) / 24.0
            + CAMPAIGN_DAYS if gov.campaign_until >= 0 else 999.0,
            "reported_output": reported[-3:],
            "open_disputes": sum(1 for d in gov.disputes if not d.resolved),
            "inspections": gov.counts["inspections"]}


def _executor(model: RegieModel) -> dict:
    gov, ex = model.governance, model.executor
    depot = ex.depot
    p2 = ex._p2_segments
    return {"salt_stock_t": round(depot.stock_t, 3),
            "salt_capacity_t": depot.cfg.capacity_t,
            "round_salt_t": round(model.plan.round_salt_t(1, ex.cfg.dose_curative_g_m2), 3),
            "salt_on_order_t": round(depot.on_order_t, 3),
            "salt_on_spot_t": round(depot.on_spot_t, 3),
            "shortage_price_eur_per_t": depot.cfg.shortage_price_eur_per_t,
            "emergency_salt_rule": "salt_emergency_purchase" in gov.rules,
            "open_requests": {r.kind: True for r in gov.requests if r.status == "open"},
            "secondary_snow_cm": round(float(model.roads.snow_cm[p2].mean()), 3)
            if len(p2) else 0.0,
            "trucks_out": sum(1 for t in ex.fleet.trucks if t.driver >= 0),
            "trust_in_gemeente": round(gov.rel.trust_e_in_g, 4),
            "maturity": round(gov.rel.maturity, 4),
            "true_cost_eur": round(ex.true_cost_eur, 2),
            "paid_eur": round(gov.ledger.paid_to_executor_eur, 2)}


def _wethouder(model: RegieModel) -> dict:
    pol = model.wethouder
    return {"attention": round(pol.attention, 4),
            "threshold": pol.cfg.intervention_threshold,
            "media_stories": pol.media_stories,
            "council_questions": len(model.governance.council_questions),
            "budget_use_pct": round(100.0 * model.gemeente.total_cost_eur()
                                    / max(model.gemeente.cfg.budget_eur_per_season, 1.0), 2)}


PRIVATE = {"regisseur": _regisseur, "executor": _executor, "wethouder": _wethouder}
