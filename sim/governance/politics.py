"""Politics and the public: council questions, the wethouder's interventions (through the
regisseur, the escalation committee, or a bypass straight to the executor) and the
regisseur's public campaign.

An intervention is aimed at a place (`sim.agents.places`): a targeted job treats that
place's streets and pavements. Through the regisseur it waits for a free truck; a bypass
jumps the queue, taking a truck off its route (left undone), and is billed as rushed
meerwerk. The escalation committee takes one operational decision and records it:
emergency salt when the depot is low, else the place first (re-prioritised within the
contract), or an extra round on the secondary roads in snow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from sim.agents.places import place_route, worst_place
from sim.governance.contract import RUSH_FACTOR
from sim.governance.meerwerk import authorise, order_extra_round
from sim.governance.orders import bill_small_job
from sim.governance.trust import feel

if TYPE_CHECKING:
    from sim.governance.regie import Governance

CAMPAIGN_COST_EUR = 1_000.0  # press release, social media, flyers (assumption)
CAMPAIGN_DAYS = 14
CAMPAIGN_CLEARING_BOOST = 0.25
# How a council answer changes the wethouder's attention (relief; negative: more heat).
COUNCIL_RELIEF = {"factual": 0.4, "defensive": -0.2, "blame_executor": 0.3}
# The committee buys emergency salt when the depot and its open orders hold fewer
# preventive rounds than this (assumption: five days of a cold spell at two rounds a
# day) [rounds] ...
COMMITTEE_SALT_ROUNDS = 10.0
COMMITTEE_SALT_ORDERS = 1.0  # ... this many regular orders' worth, on the spot market [-]
COMMITTEE_SNOW_CM = 2.0  # snow on the secondary roads that calls for their round [cm]


def targeted_job(gov: Governance, kind: str, channel: str) -> str:
    """Send a crew to the place of this kind with the most trouble now; bill it as meerwerk
    (rushed for a bypass). Returns the kind of place treated."""
    model, ex = gov.model, gov.model.executor
    place = worst_place(model, kind)
    if place is None:
        return kind
    route = place_route(model.town, place)
    cfg = ex.cfg
    delay = 0.5 * (cfg.alarm_to_depart_min_h + cfg.alarm_to_depart_max_h)
    take = channel in ("call_executor", "committee")
    # In snow the crew ploughs the place's streets first (it was sent for them).
    plough = float(model.roads.snow_cm[place.segments].mean()) > cfg.plough_threshold_cm
    ex.fleet.send_job(model.hour, route, "targeted", cfg.dose_curative_g_m2, delay, take,
                      plough)
    gov.counts["extra_rounds"] += 1
    hours = delay + ex.fleet.route_hours(route, plough)
    fair = hours * gov.contract.meerwerk_rate_eur_per_h * (
        RUSH_FACTOR if channel == "call_executor" else 1.0)
    bill_small_job(gov, "meerwerk: targeted job", fair)  # or tussendoor (sim.governance.orders)
    gov.emit({"kind": "targeted_job", "place": place.kind, "channel": channel,
              "place_id": place.index, "streets": len(place.segments)})
    return place.kind


def bypass(gov: Governance, place: str) -> None:
    """The wethouder phones the executor: a crew goes to the place at once, outside the
    regie, taking a truck off its route if none is free."""
    gov.counts["bypasses"] += 1
    treated = targeted_job(gov, place, "call_executor")
    feel(gov.rel, gov.model.hour, "bypass")
    gov.emit({"kind": "bypass", "place": treated})


def committee_decides(gov: Governance, place: str) -> str:
    """The escalation committee's operational decision, taken and recorded at once."""
    ex = gov.model.executor
    round_t = gov.model.plan.round_salt_t(1, ex.cfg.dose_preventive_g_m2)
    if ex.depot.stock_t + ex.depot.on_order_t < COMMITTEE_SALT_ROUNDS * round_t:
        decision = "emergency_salt"
        qty = COMMITTEE_SALT_ORDERS * ex.depot.cfg.order_quantity_t
        authorise(gov, "emergency_salt", qty * ex.depot.cfg.shortage_price_eur_per_t)
    elif ex.secondary_snow_cm() >= COMMITTEE_SNOW_CM and not ex.fleet.busy_with(2):
        decision = "extra_round"
        order_extra_round(gov, 2, rush=False)
    else:
        decision = "reprioritise"
        place = targeted_job(gov, place, "committee")
    gov.emit({"kind": "committee_decision", "decision": decision, "place": place})
    return decision


def _answer_council(gov: Governance, role: str, a: BaseModel) -> None:
    gov.answer(role, "answer_council", a.question_id)
    wethouder = gov.model.wethouder
    wethouder.attention = max(0.0, wethouder.attention - COUNCIL_RELIEF[a.tone])
    if a.tone == "blame_executor":
        feel(gov.rel, gov.model.hour, "blamed in the council")


def _check_intervene(gov: Governance, role: str, a: BaseModel) -> str:
    if a.channel == "committee" and not gov.contract.escalation_committee:
        return "the contract has no escalation committee"
    return ""


def _intervene(gov: Governance, role: str, a: BaseModel) -> None:
    gov.answer(role, "intervene", a.incident_id)
    gov.model.wethouder.intervened(a.channel)
    incident = gov.incidents[a.incident_id]
    if a.channel == "via_regisseur":
        incident["done"] = targeted_job(gov, a.place, "via_regisseur")
    elif a.channel == "committee":
        incident["done"] = committee_decides(gov, a.place)
        feel(gov.rel, gov.model.hour, "committee convened")
    elif a.channel == "call_executor":
        bypass(gov, a.place)


def _check_call_executor(gov: Governance, role: str, a: BaseModel) -> str:
    out = any(t.route is not None and t.route.priority == 0
              for t in gov.model.executor.fleet.trucks)
    return "a crew is already out on the wethouder's job" if out else ""


def _call_executor(gov: Governance, role: str, a: BaseModel) -> None:
    gov.model.wethouder.intervened("call_executor")
    bypass(gov, a.place)


def _check_launch_campaign(gov: Governance, role: str, a: BaseModel) -> str:
    return "a campaign is running" if gov.model.hour < gov.campaign_until else ""


def _launch_campaign(gov: Governance, role: str, a: BaseModel) -> None:
    gov.campaign_until = gov.model.hour + 24 * CAMPAIGN_DAYS
    gov.ledger.campaign_eur += CAMPAIGN_COST_EUR
    gov.counts["campaigns"] += 1
    cit = gov.model.citizens
    cit.clearing_share = min(1.0, cit.cfg.self_clearing_share + CAMPAIGN_CLEARING_BOOST)


def end_campaign(gov: Governance) -> None:
    """After a campaign, residents clear their pavements as they did before."""
    cit = gov.model.citizens
    if gov.model.hour >= gov.campaign_until:
        cit.clearing_share = cit.cfg.self_clearing_share


HANDLERS = {
    "answer_council": (None, _answer_council),
    "intervene": (_check_intervene, _intervene),
    "call_executor": (_check_call_executor, _call_executor),
    "launch_campaign": (_check_launch_campaign, _launch_campaign),
}
