"""Disputes, meetings and direct contact: agendas, the chance an item is resolved,
settlement and escalation, and the handlers of `call_meeting`, `record_meeting` and
`direct_contact`.

The case (Hesselink, Den Hollander & Keesmaat): "Basisstrategie ... het zo systematisch
mogelijk voorkomen van conflicten, althans het voorkomen van het innemen van posities".
An unresolved dispute hardens (its `hardness` grows each meeting) and moves up a level;
hard positions resolve less.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import BaseModel

from sim.governance.trust import feel

if TYPE_CHECKING:
    from sim.governance.regie import Governance

HOURS_CONTACT = 1.0  # regie hours of a direct contact [h]
HOURS_MEETING = 3.0  # regie hours of a meeting [h]
HOURS_DISPUTE_PER_WEEK = 2.0  # regie hours each open dispute costs a week [h]

LEVELS: tuple[str, ...] = ("operational", "management", "escalation")

# Logistic resolution model (assumptions; see docs/ODD.md, Meetings submodel).
RESOLVE_BIAS = -0.2
RESOLVE_TRUST = 4.0  # per unit of the gemeente's trust in the executor above 0.5
RESOLVE_RELATIONAL = 0.9  # relational or outcome-oriented steering
RESOLVE_RULE = 1.0  # a pre-agreed decision rule covers the item
RESOLVE_BENCHMARK = 1.2  # price items with an external benchmark
RESOLVE_HARDNESS = 0.8  # per meeting a position has been held
RESOLVE_COMMITTEE = 1.0  # escalation with an agreed committee (wethouder at the table)


@dataclass
class Dispute:
    """An open disagreement between gemeente and executor."""

    id: int
    hour: int
    kind: str  # price | performance | meerwerk | penalty | reporting
    amount_eur: float
    level: int = 0
    hardness: int = 0
    resolved: bool = False
    rule_covered: bool = False
    inflated: bool = False  # the disputed invoice really was above fair value


@dataclass
class AgendaItem:
    """One agenda item: a dispute or a point for discussion."""

    id: int
    kind: str
    text: str
    dispute_id: int | None = None
    amount_eur: float = 0.0


@dataclass
class Meeting:
    """A meeting at a level with the agenda the model built."""

    id: int
    hour: int
    level: str
    agenda: list[AgendaItem] = field(default_factory=list)
    held: bool = False


def resolve_probability(trust: float, relational: bool, rule: bool, benchmark_price: bool,
                        hardness: int, committee: bool) -> float:
    """Chance the room resolves an item [0..1].

    Built only from what the regisseur can read from the room (its own trust, the style,
    agreed references, how hard positions are), not from the executor's private state.
    """
    z = (RESOLVE_BIAS + RESOLVE_TRUST * (trust - 0.5) + RESOLVE_RELATIONAL * relational
         + RESOLVE_RULE * rule + RESOLVE_BENCHMARK * benchmark_price
         - RESOLVE_HARDNESS * hardness + RESOLVE_COMMITTEE * committee)
    return 1.0 / (1.0 + math.exp(-z))


# --- the regie's handling of disputes and meetings ----------------------------------------
def open_dispute(gov: Governance, kind: str, amount: float,
                 rule_covered: bool = False) -> Dispute:
    """A new dispute, on the agenda of the next operational meeting.

    A pre-agreed reference helps the room: a decision rule for the meerwerk in
    question (`rule_covered`), or the external benchmark for a price dispute.
    """
    rule = rule_covered or (kind == "price" and gov.contract.price_benchmark)
    dispute = Dispute(id=len(gov.disputes), hour=gov.model.hour, kind=kind,
                      amount_eur=amount, rule_covered=rule)
    gov.disputes.append(dispute)
    gov.emit({"kind": "dispute", "id": dispute.id, "dispute_kind": kind,
              "amount_eur": round(amount, 2)})
    return dispute


def settle(gov: Governance, dispute: Dispute, outcome: str, amount: float) -> None:
    """Apply a meeting outcome to a dispute (a settled dispute stays settled)."""
    if dispute.resolved:
        return
    hour = gov.model.hour
    if outcome in ("agree", "compromise"):
        dispute.resolved = True
        paid = min(amount, dispute.amount_eur)
        gov.ledger.paid_to_executor_eur += paid
        if dispute.kind == "price" and not dispute.inflated:
            # Money the executor feels it was denied comes back on later invoices.
            gov.model.executor.conduct.feel_denied(dispute.amount_eur - paid)
        feel(gov.rel, hour, "dispute resolved")
    elif outcome == "reject":
        dispute.hardness += 1
        feel(gov.rel, hour, "positions hardened")
    hardened = outcome == "escalate" or (outcome == "reject" and dispute.hardness >= 2)
    if hardened and dispute.level < len(LEVELS) - 1:
        dispute.level += 1
        gov.counts["escalations"] += 1
        gov.model.wethouder.feed(escalation=1)
        feel(gov.rel, hour, "escalated")


def schedule_meeting(gov: Governance, level: str, committee: bool = False) -> Meeting:
    """Build the agenda from open disputes at this level and open a decision point."""
    lvl = LEVELS.index(level)
    meeting = Meeting(id=len(gov.meetings), hour=gov.model.hour, level=level)
    on_agenda = {item.dispute_id for m in gov.meetings if not m.held for item in m.agenda}
    for d in gov.disputes:
        if d.resolved or d.id in on_agenda:
            continue
        if d.level == lvl or (level == "escalation" and d.level >= 1):
            meeting.agenda.append(AgendaItem(len(meeting.agenda), d.kind,
                                             f"{d.kind} dispute", d.id, d.amount_eur))
    gov.meetings.append(meeting)
    relational = gov.muni.steering_style != "output_control"
    ctx_items = []
    for item in meeting.agenda:
        d = gov.disputes[item.dispute_id]
        # The chance the regisseur can read from the room: built from what it knows (its
        # own trust, the style, rules, benchmark, how hard positions are), not from the
        # executor's private trust or maturity.
        p = resolve_probability(gov.rel.trust_g_in_e, relational, d.rule_covered,
                                d.kind == "price" and gov.contract.price_benchmark,
                                d.hardness, committee)
        ctx_items.append({"item_id": item.id, "kind": item.kind, "text": item.text,
                          "amount_eur": round(item.amount_eur, 2),
                          "hardness": d.hardness, "resolution_chance": round(p, 4)})
    gov.raise_point("meeting", meeting.id,
                    [{"type": "record_meeting", "meeting_id": meeting.id, "outcomes": []}],
                    {"level": level, "committee": committee, "agenda": ctx_items})
    return meeting


def meeting_due(gov: Governance, level: str) -> bool:
    """Whether no meeting at this level is waiting to be held."""
    return not any(not m.held and m.level == level for m in gov.meetings)


def _check_call_meeting(gov: Governance, role: str, a: BaseModel) -> str:
    if any(not m.held for m in gov.meetings):
        return "a meeting is already scheduled"
    return ""


def _call_meeting(gov: Governance, role: str, a: BaseModel) -> None:
    schedule_meeting(gov, a.level, committee=(a.level == "escalation"
                                              and gov.contract.escalation_committee))


def _check_record_meeting(gov: Governance, role: str, a: BaseModel) -> str:
    ids = {item.id for item in gov.meetings[a.meeting_id].agenda}
    for o in a.outcomes:
        if o.item_id not in ids:
            return f"item {o.item_id} is not on the agenda"
    return ""


def _record_meeting(gov: Governance, role: str, a: BaseModel) -> None:
    gov.answer(role, "record_meeting", a.meeting_id)
    meeting = gov.meetings[a.meeting_id]
    meeting.held = True
    gov.week_hours += HOURS_MEETING
    by_id = {o.item_id: o for o in a.outcomes}
    for item in meeting.agenda:
        outcome = by_id.get(item.id)
        if outcome is not None and item.dispute_id is not None:
            settle(gov, gov.disputes[item.dispute_id], outcome.outcome, outcome.amount_eur)
    feel(gov.rel, gov.model.hour, "meeting")
    gov.emit({"kind": "meeting_outcome", "meeting_id": meeting.id, "level": meeting.level,
              "outcomes": [o.model_dump(mode="json") for o in a.outcomes]})


def _check_direct_contact(gov: Governance, role: str, a: BaseModel) -> str:
    if gov.last_contact_day[role] == gov.model.day:
        return "already had direct contact today"
    if role == "regisseur" and gov.hours_left() < HOURS_CONTACT:
        return "not enough regie hours this week"
    return ""


def _direct_contact(gov: Governance, role: str, a: BaseModel) -> None:
    gov.last_contact_day[role] = gov.model.day
    if role == "regisseur":
        gov.week_hours += HOURS_CONTACT
    gov.counts["direct_contacts"] += 1
    feel(gov.rel, gov.model.hour, "direct contact")


HANDLERS = {
    "call_meeting": (_check_call_meeting, _call_meeting),
    "record_meeting": (_check_record_meeting, _record_meeting),
    "direct_contact": (_check_direct_contact, _direct_contact),
}
