"""Politics and the public: council questions, the wethouder's interventions (through the
regisseur, the escalation committee, or a bypass straight to the executor) and the
regisseur's public campaign."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from sim.governance.meerwerk import order_extra_round
from sim.governance.meetings import schedule_meeting
from sim.governance.trust import feel

if TYPE_CHECKING:
    from sim.governance.regie import Governance

CAMPAIGN_COST_EUR = 1_000.0  # press release, social media, flyers (assumption)
CAMPAIGN_DAYS = 14
CAMPAIGN_CLEARING_BOOST = 0.25
# How a council answer changes the wethouder's attention (relief; negative: more heat).
COUNCIL_RELIEF = {"factual": 0.4, "defensive": -0.2, "blame_executor": 0.3}


def bypass(gov: Governance) -> None:
    """The wethouder phones the executor: it acts at once, outside the regie."""
    gov.counts["bypasses"] += 1
    order_extra_round(gov, 1, rush=True)
    feel(gov.rel, gov.model.hour, "bypass")
    gov.emit({"kind": "bypass"})


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
    if a.channel == "via_regisseur":
        order_extra_round(gov, 1, rush=False)
    elif a.channel == "committee":
        schedule_meeting(gov, "escalation", committee=True)
        feel(gov.rel, gov.model.hour, "committee convened")
    elif a.channel == "call_executor":
        bypass(gov)


def _check_call_executor(gov: Governance, role: str, a: BaseModel) -> str:
    return "the fleet is out already" if gov.model.executor.fleet.busy_with(1) else ""


def _call_executor(gov: Governance, role: str, a: BaseModel) -> None:
    gov.model.wethouder.intervened("call_executor")
    bypass(gov)


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
