"""Bots propose rule changes: when a meeting opens, a bot at either seat proposes to add
a beslisregel or the escalation route when the winter brought what the contract did not
foresee (docs/ODD.md 7.23): salt ran short with no emergency-salt rule; snow needed
ploughing with no ploughing rule; a price dispute with no committee to take it to.

Which archetypes propose what, after how many such events, follows their interests
(PROPOSES, assumptions from the archetypes' descriptions, 7.21): a controller wants
written rules it can check, but only once a gap has shown twice (each rule commits the
gemeente's money) and no committee where the wethouder sits; a relational regisseur
and a cooperative executor propose every gap at once; an opportunist the rules that
let it work and buy without asking (revenue), never a committee; a bureaucrat wants
everything written. The other side's bot answers from its interests (rulechange.ANSWERS).
Each side proposes at most one change a meeting and never the same one twice a season.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.governance.rulechange import COMMITTEE, OTHER, proposals

if TYPE_CHECKING:
    from sim.governance.meetings import Meeting
    from sim.governance.regie import Governance

SALT, PLOUGH = "salt_emergency_purchase", "plough_authorised"
# archetype -> {rule it proposes: events of its gap before it does}
PROPOSES: dict[str, dict[str, int]] = {
    "controller": {SALT: 2, PLOUGH: 2},
    "relational": {SALT: 1, PLOUGH: 1, COMMITTEE: 1},
    "cooperative": {SALT: 1, PLOUGH: 1, COMMITTEE: 1},
    "opportunistic": {PLOUGH: 1, SALT: 1},
    "bureaucratic": {SALT: 1, PLOUGH: 1, COMMITTEE: 1},
}
# The emergency-salt rule proposed: buy below two curative rounds of salt (the
# cooperative executor's own trigger for asking, 7.21), at most six rounds at the
# shortage price a purchase (the size of the executor's emergency request, 7.21).
SALT_RULE_ROUNDS = 2.0
SALT_RULE_BUY_ROUNDS = 6.0
# The ploughing rule proposed: plough without asking from this snow depth [cm] (the
# design phase's ploughing rule, sim.design.bots: more than twice RWS's 2 cm, where a
# plough round is beyond doubt), up to this many rounds at the contract's unit price a
# season. Assumption: a severe winter has about ten snow days (Zeeland: 60 actions in
# 2009-10 against 25-30 normally, DF).
PLOUGH_RULE_CM = 5.0
PLOUGH_RULE_ROUNDS = 10.0


def gaps(gov: Governance) -> dict[str, int]:
    """How often this season the winter met each gap in the contract: salt-shortage days
    and emergency-salt requests without a salt rule; ploughing asked without a ploughing
    rule; price disputes without a committee."""
    kinds = [r.kind for r in gov.requests]
    out = {}
    if SALT not in gov.rules:
        out[SALT] = gov.model.kpi.shortage_days + kinds.count("emergency_salt")
    if PLOUGH not in gov.rules and gov.contract.sourcing != "in_house":
        out[PLOUGH] = kinds.count("plough")
    if not gov.contract.escalation_committee:
        out[COMMITTEE] = sum(1 for d in gov.disputes if d.kind == "price")
    return out


def proposal(gov: Governance, meeting: Meeting, rule: str) -> dict:
    """The change a bot proposes for this gap, with its threshold and amount."""
    action = {"type": "propose_rule_change", "meeting_id": meeting.id, "change": "add"}
    ex = gov.model.executor
    if rule == SALT:
        round_t = gov.model.plan.round_salt_t(1, ex.cfg.dose_curative_g_m2)
        buy_t = min(0.5 * ex.depot.cfg.capacity_t, SALT_RULE_BUY_ROUNDS * round_t)
        price = ex.depot.cfg.shortage_price_eur_per_t
        return {
            **action,
            "rule": rule,
            "threshold": round(SALT_RULE_ROUNDS * round_t, 1),
            "max_amount_eur": round(buy_t * price, -2),
        }
    if rule == PLOUGH:
        unit = gov.contract.unit_price_eur_per_action
        return {
            **action,
            "rule": rule,
            "threshold": PLOUGH_RULE_CM,
            "max_amount_eur": round(PLOUGH_RULE_ROUNDS * unit, -2),
        }
    return {**action, "rule": COMMITTEE}


def bots_propose(gov: Governance, meeting: Meeting) -> None:
    """At a meeting that opens: each bot seat, the regisseur first, proposes the first
    gap its archetype acts on (the other side's bot answers inside, rulechange)."""
    for role in OTHER:
        seat = gov.controllers.get(role)
        if getattr(seat, "kind", "") != "archetype":
            continue  # a person proposes for themselves (a scripted player too)
        if any(p.status == "open" for p in proposals(gov)):
            return  # one change on the table at a time
        wants = PROPOSES.get(seat.name, {})
        tried = {(p.role, p.rule) for p in proposals(gov)}
        for rule, count in gaps(gov).items():
            if rule in wants and count >= wants[rule] and (role, rule) not in tried:
                gov.submit(role, proposal(gov, meeting, rule), by="bot")
                break
