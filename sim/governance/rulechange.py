"""Rules change in play: while a meeting is open either side may propose to add, change
or drop a beslisregel or the escalation route, and the change holds from the moment the
other side accepts (Hesselink et al.: a contract 'gedoebestendig' is one the parties keep
adjusting together; the meeting is where that happens). A proposal the other side has
not answered when the meeting is held lapses.

A bot in the other seat answers at once, by archetype (ANSWERS): inside the proposer's
submission, so a replay of a person's logged proposal gets the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.design.apply import use_contract
from sim.scenario.schema import DecisionRule

if TYPE_CHECKING:
    from pydantic import BaseModel

    from sim.governance.meetings import Meeting
    from sim.governance.regie import Governance

COMMITTEE = "escalation_committee"
OTHER = {"regisseur": "executor", "executor": "regisseur"}
# What a bot accepts, from its interests: the kinds of change, less the ones it refuses
# (assumptions from the archetypes' descriptions, docs/ODD.md 7.23): a controller wants
# rules, not a committee where the wethouder sits; an opportunist keeps the wethouder
# away and takes no new duty, but takes a rule that lets it work or buy without asking
# (it pays); a bureaucrat wants everything written and drops nothing.
ANSWERS: dict[str, tuple[set[str], set[tuple[str, str]]]] = {
    "controller": ({"add", "change"}, {("add", COMMITTEE)}),
    "relational": ({"add", "change", "drop"}, set()),
    "absent": ({"add", "change", "drop"}, set()),
    "cooperative": ({"add", "change", "drop"}, set()),
    "opportunistic": ({"add", "change", "drop"}, {("add", COMMITTEE), ("add", "sand_fallback")}),
    "bureaucratic": ({"add", "change"}, set()),
}


def bot_accepts(archetype: str, change: str, rule: str) -> bool:
    """Whether a bot of this archetype accepts the change."""
    kinds, refused = ANSWERS.get(archetype, (set(), set()))
    return change in kinds and (change, rule) not in refused


@dataclass
class RuleProposal:
    """A proposed change of the contract's rules, waiting for the other side."""

    id: int
    hour: int
    meeting_id: int
    role: str
    change: str
    rule: str
    threshold: float
    max_amount_eur: float
    status: str = "open"  # open | accepted | rejected | lapsed


def proposals(gov: Governance) -> list[RuleProposal]:
    """Every rule change proposed in this run (kept on the regie's state)."""
    return gov.__dict__.setdefault("rule_proposals", [])


def open_meeting(gov: Governance) -> Meeting | None:
    """The meeting waiting to be held, if any."""
    return next((m for m in gov.meetings if not m.held), None)


def why_not(gov: Governance, change: str, rule: str, threshold: float, amount: float) -> str:
    """Why this change makes no sense against the contract now ('' if it does)."""
    if rule == COMMITTEE:
        has = gov.contract.escalation_committee
        if change == "change":
            return "the escalation route has no threshold or amount to change"
        if change == "add" and has:
            return "the contract already has an escalation committee"
        if change == "drop" and not has:
            return "the contract has no escalation committee to drop"
        return ""
    now = gov.rules.get(rule)
    if change == "add" and now is not None:
        return f"the contract already has the rule {rule}: propose to change it"
    if change in ("change", "drop") and now is None:
        return f"the contract has no rule {rule} to {change}"
    if change == "change" and (now.threshold, now.max_amount_eur) == (threshold, amount):
        return "this change changes nothing"
    return ""


def _check_propose(gov: Governance, role: str, a: BaseModel) -> str:
    meeting = open_meeting(gov)
    if meeting is None:
        return "no meeting is open: rules change only at a meeting"
    if meeting.id != a.meeting_id:
        return f"meeting {a.meeting_id} is not the open meeting ({meeting.id})"
    if any(p.status == "open" for p in proposals(gov)):
        return "a rule change is already on the table"
    return why_not(gov, a.change, a.rule, a.threshold, a.max_amount_eur)


def _propose(gov: Governance, role: str, a: BaseModel) -> None:
    p = RuleProposal(
        len(proposals(gov)),
        gov.model.hour,
        a.meeting_id,
        role,
        a.change,
        a.rule,
        a.threshold,
        a.max_amount_eur,
    )
    proposals(gov).append(p)
    other = OTHER[role]
    seat = gov.controllers[other]
    if seat is not None and getattr(seat, "kind", "") != "human":  # a bot answers now
        yes = bot_accepts(seat.name, p.change, p.rule)
        gov.submit(
            other,
            {
                "type": "answer_rule_change",
                "proposal_id": p.id,
                "answer": "accept" if yes else "reject",
            },
            by="bot",
        )


def _check_answer(gov: Governance, role: str, a: BaseModel) -> str:
    ps = proposals(gov)
    if a.proposal_id >= len(ps) or ps[a.proposal_id].status != "open":
        return f"no open rule change {a.proposal_id}"
    if ps[a.proposal_id].role == role:
        return "a side cannot answer its own proposal"
    return ""


def _answer(gov: Governance, role: str, a: BaseModel) -> None:
    p = proposals(gov)[a.proposal_id]
    if a.answer == "reject":
        p.status = "rejected"
        return
    p.status = "accepted"
    use_contract(gov.model, changed(gov, p))
    gov.emit(
        {
            "kind": "rule_changed",
            "proposal_id": p.id,
            "meeting_id": p.meeting_id,
            "change": p.change,
            "rule": p.rule,
            "threshold": p.threshold,
            "max_amount_eur": p.max_amount_eur,
            "proposed_by": p.role,
        }
    )


def changed(gov: Governance, p: RuleProposal):
    """The contract with the proposal's change (validated as the scenario is)."""
    contract = gov.contract
    if p.rule == COMMITTEE:
        return contract.model_copy(update={COMMITTEE: p.change == "add"})
    rules = [r for r in contract.decision_rules if r.rule != p.rule]
    if p.change != "drop":
        rules.append(
            DecisionRule(rule=p.rule, threshold=p.threshold, max_amount_eur=p.max_amount_eur)
        )
    return contract.model_copy(update={"decision_rules": rules})


def meeting_held(gov: Governance, meeting: Meeting) -> None:
    """The meeting is over: a proposal nobody answered lapses (meetings.py calls this)."""
    for p in proposals(gov):
        if p.status == "open" and p.meeting_id == meeting.id:
            p.status = "lapsed"


def templates(gov: Governance, role: str) -> list[dict]:
    """Rule-change actions the role may take now (for legal_actions)."""
    meeting = open_meeting(gov)
    if meeting is None or role not in OTHER:
        return []
    out = [
        {"type": "answer_rule_change", "proposal_id": p.id, "answer": answer}
        for p in proposals(gov)
        if p.status == "open" and p.role != role
        for answer in ("accept", "reject")
    ]
    if any(p.status == "open" for p in proposals(gov)):
        return out
    for rule in (*DecisionRule.model_fields["rule"].annotation.__args__, COMMITTEE):
        for change in ("add", "drop"):
            if not why_not(gov, change, rule, 0.0, 50_000.0):
                out.append(
                    {
                        "type": "propose_rule_change",
                        "meeting_id": meeting.id,
                        "change": change,
                        "rule": rule,
                    }
                )
    return out


HANDLERS = {
    "propose_rule_change": (_check_propose, _propose),
    "answer_rule_change": (_check_answer, _answer),
}
