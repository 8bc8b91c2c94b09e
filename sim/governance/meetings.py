"""Disputes, meetings and direct contact: agendas, what both sides do at the table,
settlement and escalation, and the handlers of `call_meeting`, `table_positions`,
`record_meeting` and `direct_contact`.

The case (Hesselink, Den Hollander & Keesmaat): "Basisstrategie ... het zo systematisch
mogelijk voorkomen van conflicten, althans het voorkomen van het innemen van posities".
Each disputed item is negotiated (`sim.governance.negotiation`): the executor tables its
moves, the regisseur records the gemeente's, and the outcome follows from both. An item
held at two meetings hardens and moves up a level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import BaseModel

from sim.governance import negotiation, rulebots, rulechange
from sim.governance.trust import feel

if TYPE_CHECKING:
    from sim.governance.regie import Governance

HOURS_CONTACT = 1.0  # regie hours of a direct contact [h]
HOURS_MEETING = 3.0  # regie hours of a meeting [h]
HOURS_DISPUTE_PER_WEEK = 2.0  # regie hours each open dispute costs a week [h]

LEVELS: tuple[str, ...] = ("operational", "management", "escalation")
# The older outcome words as the gemeente's move (ItemOutcome.outcome).
LEGACY_MOVES = {"agree": "accept", "compromise": "offer", "reject": "hold",
                "escalate": "escalate"}


@dataclass
class Dispute:
    """An open disagreement between gemeente and executor, with both standing positions."""

    id: int
    hour: int
    kind: str  # price | performance | meerwerk | penalty | reporting
    amount_eur: float
    level: int = 0
    hardness: int = 0
    resolved: bool = False
    rule_covered: bool = False
    inflated: bool = False  # the disputed invoice really was above fair value
    claim_eur: float = 0.0  # what the executor still claims of the amount [EUR]
    offer_eur: float = 0.0  # what the gemeente offers to pay of it [EUR]
    meetings: int = 0  # meetings at which it was on the table
    settled_hour: int = -1  # when it was settled [hour of the run]


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
    """A meeting at a level with the agenda the model built, and the executor's moves."""

    id: int
    hour: int
    level: str
    agenda: list[AgendaItem] = field(default_factory=list)
    held: bool = False
    committee: bool = False
    executor_moves: dict[int, tuple[str, float]] = field(default_factory=dict)


# --- the regie's handling of disputes and meetings ----------------------------------------
def open_dispute(gov: Governance, kind: str, amount: float,
                 rule_covered: bool = False) -> Dispute:
    """A new dispute, on the agenda of the next operational meeting.

    A pre-agreed reference helps the room: a decision rule for the meerwerk in
    question (`rule_covered`), or the external benchmark for a price dispute.
    """
    rule = rule_covered or (kind == "price" and gov.contract.price_benchmark)
    dispute = Dispute(id=len(gov.disputes), hour=gov.model.hour, kind=kind,
                      amount_eur=amount, rule_covered=rule, claim_eur=amount)
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
        dispute.settled_hour = hour
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
    """Build the agenda from open disputes at this level; open the executor's point to
    table its moves and the regisseur's to record the gemeente's (and the outcomes)."""
    lvl = LEVELS.index(level)
    meeting = Meeting(id=len(gov.meetings), hour=gov.model.hour, level=level,
                      committee=committee)
    on_agenda = {item.dispute_id for m in gov.meetings if not m.held for item in m.agenda}
    for d in gov.disputes:
        if d.resolved or d.id in on_agenda:
            continue
        if d.level == lvl or (level == "escalation" and d.level >= 1):
            meeting.agenda.append(AgendaItem(len(meeting.agenda), d.kind,
                                             f"{d.kind} dispute", d.id, d.amount_eur))
    gov.meetings.append(meeting)
    ctx_items = [agenda_entry(gov, meeting, item) for item in meeting.agenda]
    if ctx_items and gov.contract.sourcing != "in_house":
        options = [{"type": "table_positions", "meeting_id": meeting.id,
                    "moves": [{"item_id": i["item_id"], "move": "hold"} for i in ctx_items]}]
        gov.raise_point("meeting_position", meeting.id, options,
                        {"level": level, "committee": committee, "agenda": ctx_items})
    gov.raise_point("meeting", meeting.id,
                    [{"type": "record_meeting", "meeting_id": meeting.id, "outcomes": []}],
                    {"level": level, "committee": committee, "agenda": ctx_items})
    rulebots.bots_propose(gov, meeting)  # bots table the gaps the winter showed
    return meeting


def agenda_entry(gov: Governance, meeting: Meeting, item: AgendaItem) -> dict:
    """An agenda item as both sides read it: the dispute, its hardness and the standing
    positions with both risk limits (`negotiation.item_view`)."""
    d = gov.disputes[item.dispute_id]
    return {"item_id": item.id, "kind": item.kind, "text": item.text,
            "amount_eur": round(item.amount_eur, 2), "hardness": d.hardness,
            **negotiation.item_view(gov, d, meeting.committee)}


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
    meeting = gov.meetings[a.meeting_id]
    for o in a.outcomes:
        if o.item_id >= len(meeting.agenda):
            return f"item {o.item_id} is not on the agenda"
        dispute = gov.disputes[meeting.agenda[o.item_id].dispute_id]
        if gemeente_move(o)[0] == "offer":
            reason = negotiation.check_offer(dispute, negotiation.GEMEENTE, o.amount_eur)
            if reason and o.move is not None:  # an older 'compromise' offers what it can
                return f"item {o.item_id}: {reason}"
    return ""


def gemeente_move(o: BaseModel) -> tuple[str, float]:
    """The gemeente's move on an item: its `move`, or the one its older `outcome` says."""
    return (o.move or LEGACY_MOVES[o.outcome]), o.amount_eur


def _record_meeting(gov: Governance, role: str, a: BaseModel) -> None:
    gov.answer(role, "record_meeting", a.meeting_id)
    meeting = gov.meetings[a.meeting_id]
    meeting.held = True
    rulechange.meeting_held(gov, meeting)  # an unanswered rule change lapses
    gov.week_hours += HOURS_MEETING
    lapsed = gov.board.find("executor", "table_positions", meeting.id)
    if lapsed is not None:  # the executor tabled nothing: it holds every position
        gov.board.close(lapsed)
    by_id = {o.item_id: o for o in a.outcomes}
    results = []
    for item in meeting.agenda:
        outcome = by_id.get(item.id)
        dispute = gov.disputes[item.dispute_id]
        dispute.meetings += 1
        if outcome is None or dispute.resolved:
            continue
        move_g, amount_g = gemeente_move(outcome)
        if move_g == "offer":  # an older 'compromise' never offers less than it did
            amount_g = min(max(amount_g, dispute.offer_eur), dispute.amount_eur)
        move_e = meeting.executor_moves.get(item.id, ("hold", 0.0))
        result, paid = negotiation.resolve(gov, dispute, move_e, (move_g, amount_g))
        settle(gov, dispute, result, paid)
        results.append({"item_id": item.id, "outcome": result, "amount_eur": round(paid, 2),
                        "executor_move": move_e[0], "gemeente_move": move_g,
                        "claim_eur": round(dispute.claim_eur, 2),
                        "offer_eur": round(dispute.offer_eur, 2)})
    feel(gov.rel, gov.model.hour, "meeting")
    gov.emit({"kind": "meeting_outcome", "meeting_id": meeting.id, "level": meeting.level,
              "outcomes": results})


def _check_table_positions(gov: Governance, role: str, a: BaseModel) -> str:
    meeting = gov.meetings[a.meeting_id]
    for m in a.moves:
        if m.item_id >= len(meeting.agenda):
            return f"item {m.item_id} is not on the agenda"
        dispute = gov.disputes[meeting.agenda[m.item_id].dispute_id]
        if m.move == "offer":
            reason = negotiation.check_offer(dispute, negotiation.EXECUTOR, m.amount_eur)
            if reason:
                return f"item {m.item_id}: {reason}"
    return ""


def _table_positions(gov: Governance, role: str, a: BaseModel) -> None:
    gov.answer(role, "table_positions", a.meeting_id)
    meeting = gov.meetings[a.meeting_id]
    meeting.executor_moves = {m.item_id: (m.move, m.amount_eur) for m in a.moves}


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
    "table_positions": (_check_table_positions, _table_positions),
    "direct_contact": (_check_direct_contact, _direct_contact),
}
