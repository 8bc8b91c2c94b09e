"""Steering the work itself: the executor's plan for the night at the forecast briefing,
the regisseur's operational instructions (micromanagement) and the executor's investment
in its own development."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from sim.agents.conduct import EFFORT, MICROMANAGE_EFFICIENCY_LOSS
from sim.governance.trust import feel

if TYPE_CHECKING:
    from sim.governance.regie import Governance

HOURS_MICROMANAGE = 1.0  # regie hours of an instruction [h]
STAND_DOWN_H = 14  # a stand-down at the 18h briefing holds until the morning [h]
DEVELOPMENT_EUR_PER_STEP = 100_000.0  # investment that closes 10% of the maturity gap
MAX_INVESTMENT_EUR = 200_000.0  # the most one investment may be [EUR]


def _plan_night(gov: Governance, role: str, a: BaseModel) -> None:
    from sim.agents.executor import CallOut

    gov.answer(role, "plan_night", a.briefing_id)
    ex = gov.model.executor
    if a.mode == "preventive_now":
        ex.pending_call = CallOut("preventive", 1, ex.cfg.dose_preventive_g_m2, False,
                                  "decided at the briefing")
    elif a.mode == "stand_down":
        ex.stand_down_until = gov.model.hour + STAND_DOWN_H


def _check_micromanage(gov: Governance, role: str, a: BaseModel) -> str:
    return "" if gov.hours_left() >= HOURS_MICROMANAGE else "not enough regie hours"


def _micromanage(gov: Governance, role: str, a: BaseModel) -> None:
    gov.week_hours += HOURS_MICROMANAGE
    gov.counts["micromanagement"] += 1
    gov.model.executor.conduct.lose_efficiency(MICROMANAGE_EFFICIENCY_LOSS)
    feel(gov.rel, gov.model.hour, "micromanagement")


def _check_invest_development(gov: Governance, role: str, a: BaseModel) -> str:
    return "no investment budget left" if a.amount_eur > MAX_INVESTMENT_EUR else ""


def _invest_development(gov: Governance, role: str, a: BaseModel) -> None:
    gov.ledger.development_eur += a.amount_eur
    gov.rel.grow_maturity(0.1 * a.amount_eur / DEVELOPMENT_EUR_PER_STEP)
    gov.model.executor.conduct.apply()


def posture_point(gov: Governance) -> None:
    """The monthly point: the executor reads its pressure from its margin and sets its
    markup and effort (`set_posture`); the first option keeps the current posture."""
    conduct = gov.model.executor.conduct
    conduct.update_pressure()
    view = conduct.posture_view()
    ref = sum(1 for p in gov.board.points if p.kind == "posture")
    options = [{"type": "set_posture", "posture_id": ref,
                "markup_pct": round(conduct.markup_pct, 2), "effort": e,
                "small_jobs": conduct.small_jobs}
               for e in sorted(EFFORT, key=lambda e: e != conduct.effort)]
    gov.raise_point("posture", ref, options, view)


def _set_posture(gov: Governance, role: str, a: BaseModel) -> None:
    gov.answer(role, "set_posture", a.posture_id)
    gov.model.executor.conduct.set_posture(a.markup_pct, a.effort, a.small_jobs)


HANDLERS = {
    "set_posture": (None, _set_posture),
    "plan_night": (None, _plan_night),
    "micromanage": (_check_micromanage, _micromanage),
    "invest_development": (_check_invest_development, _invest_development),
}
