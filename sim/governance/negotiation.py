"""Two-sided negotiation over a disputed amount: the Zeuthen-Harsanyi concession rule.

Each open dispute carries two standing positions: the executor's claim and the gemeente's
offer (EUR of the disputed amount paid to the executor). At each meeting both sides make
one move on the item: a new offer, accepting the other's position, holding their own, or
escalating. What both did decides the outcome (`resolve`).

The rule the bots follow (Zeuthen 1930, in Harsanyi's 1956 form): a side's risk limit is
the largest chance of conflict it would accept rather than take the other's position,
    r_i = (U_i(own) - U_i(other's)) / (U_i(own) - U_i(conflict)),
and the side with the lower risk limit concedes (both when equal). Conflict here is the
dispute left unsettled: it goes on at its level or higher, where it is settled in the
middle in the end, at a cost c_i to each side; with U_i in EUR this gives
    r_i = gap / (gap / 2 + c_i),   capped at 1.
A side holds its line when r_i = 1: what it can still win (half the gap) is worth more
than conflict costs it. The cost c_i is what walking away costs the side, from its outside
option (`outside_option`: under forced shopping neither side has an exit, so little; in
the market the executor risks the contract at the next tender), plus the cost of a higher
level (the directors' time and the wethouder's attention). So under forced shopping both
hold until a dispute has climbed a level (hold-up), and in the market the executor
concedes. Sources and parameters: docs/ODD.md 7.14a.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.governance.regimes import EXECUTOR, GEMEENTE, can_exit, outside_option
from sim.governance.trust import feel

if TYPE_CHECKING:
    from sim.governance.meetings import Dispute
    from sim.governance.regie import Governance

LEVEL_COST_EUR = 3_000.0  # each level up: directors' time, political exposure (assumption)
COMMITTEE_FACTOR = 2.0  # an agreed committee (wethouder at the table) raises that cost [-]
FOCAL_FACTOR = 2.0  # an agreed reference (rule, benchmark) speeds concessions (Schelling)
MIN_GAP_EUR = 100.0  # a gap below this is accepted rather than split again [EUR]
TRUST_CONCESSION = 0.5  # concession share x (TRUST_CONCESSION + own trust) (reciprocity)
HOLD_MARGIN = 0.95  # a side conceding to a holding side goes this far below its hold line
# The trust table's variant for who moved (sim.governance.trust: 'concession made', 'hold-up').
BY = {EXECUTOR: "by executor", GEMEENTE: "by gemeente"}


def conflict_cost(gov: Governance, side: str, level: int, committee: bool) -> float:
    """What leaving the item unsettled costs the side [EUR]: its outside option's loss plus
    the cost of the dispute's level (doubled with an agreed committee)."""
    level_cost = LEVEL_COST_EUR * level * (COMMITTEE_FACTOR if committee else 1.0)
    return max(0.0, -outside_option(gov, side)) + level_cost


def risk_limit(gap: float, cost: float) -> float:
    """Zeuthen's risk limit with conflict settled in the middle at `cost` [0..1]."""
    if gap <= 0.0:
        return 0.0
    return min(1.0, gap / (0.5 * gap + cost)) if cost > 0.0 else 1.0


def item_view(gov: Governance, dispute: Dispute, committee: bool) -> dict:
    """What both sides can read of an item in the room: positions and both risk limits
    (the costs follow from the regime and the level, which both know)."""
    gap = dispute.claim_eur - dispute.offer_eur
    cost_e = conflict_cost(gov, EXECUTOR, dispute.level, committee)
    cost_g = conflict_cost(gov, GEMEENTE, dispute.level, committee)
    return {
        "claim_eur": round(dispute.claim_eur, 2),
        "offer_eur": round(dispute.offer_eur, 2),
        "level": dispute.level,
        "reference": dispute.rule_covered,
        "cost_executor": round(cost_e, 2),
        "cost_gemeente": round(cost_g, 2),
        "risk_executor": round(risk_limit(gap, cost_e), 4),
        "risk_gemeente": round(risk_limit(gap, cost_g), 4),
    }


def zeuthen_move(
    side: str, item: dict, share: float, trust: float, escalate_hardened: bool = False
) -> tuple[str, float]:
    """A bot's move on an item by the Zeuthen rule: (move, amount).

    The side whose risk limit is the lower concedes (both when equal) towards Harsanyi's
    just-enough position: the gap at which its risk limit would reach the other's (below
    the other's hold line, 2 x its conflict cost, when the other holds). It moves `share`
    of the way there, scaled by its trust in the other (reciprocity) and doubled with an
    agreed reference (a focal point). A side whose risk limit is 1 holds; when both hold
    (deadlock) it may take a hardened item a level up."""
    claim, offer = item["claim_eur"], item["offer_eur"]
    gap = claim - offer
    if gap <= MIN_GAP_EUR:
        return "accept", 0.0
    own, other = (
        (item["risk_executor"], item["risk_gemeente"])
        if side == EXECUTOR
        else (item["risk_gemeente"], item["risk_executor"])
    )
    if own >= 1.0 or own > other:
        deadlock = own >= 1.0 and other >= 1.0
        hardened = escalate_hardened and deadlock and item.get("hardness", 0) >= 1
        return ("escalate" if hardened else "hold"), 0.0
    own_cost, other_cost = (
        (item["cost_executor"], item["cost_gemeente"])
        if side == EXECUTOR
        else (item["cost_gemeente"], item["cost_executor"])
    )
    target = (
        other * own_cost / (1.0 - 0.5 * other) if other < 1.0 else HOLD_MARGIN * 2.0 * other_cost
    )
    step = min(
        1.0, share * (TRUST_CONCESSION + trust) * (FOCAL_FACTOR if item["reference"] else 1.0)
    )
    new_gap = gap - step * max(0.0, gap - target)
    if new_gap <= MIN_GAP_EUR:
        return "accept", 0.0
    if new_gap >= gap:
        return "hold", 0.0
    amount = offer + new_gap if side == EXECUTOR else claim - new_gap
    return "offer", round(amount, 2)


def check_offer(dispute: Dispute, side: str, amount: float) -> str:
    """Why an offer is not a move forward ('' if it is): the executor may not claim more,
    nor the gemeente offer less, than its standing position."""
    if side == EXECUTOR and amount > dispute.claim_eur + 0.005:
        return f"claims more than the standing claim ({dispute.claim_eur:.2f} EUR)"
    if side == GEMEENTE and amount + 0.005 < dispute.offer_eur:
        return f"offers less than the standing offer ({dispute.offer_eur:.2f} EUR)"
    if side == GEMEENTE and amount > dispute.amount_eur + 0.005:
        return f"offers more than the disputed amount ({dispute.amount_eur:.2f} EUR)"
    return ""


def resolve(
    gov: Governance, dispute: Dispute, executor: tuple[str, float], gemeente: tuple[str, float]
) -> tuple[str, float]:
    """Both sides' moves on an item: the outcome (agree, compromise, reject, escalate) and
    the amount paid on settlement. Updates the standing positions and tells trust who
    conceded and who held while the other had no exit."""
    hour = gov.model.hour
    (move_e, amount_e), (move_g, amount_g) = executor, gemeente
    if move_e == "offer" and amount_e < dispute.claim_eur:
        dispute.claim_eur = max(amount_e, dispute.offer_eur)
        feel(gov.rel, hour, "concession made", BY[EXECUTOR])
    if move_g == "offer" and amount_g > dispute.offer_eur:
        dispute.offer_eur = min(amount_g, dispute.claim_eur)
        feel(gov.rel, hour, "concession made", BY[GEMEENTE])
    for side, move, other in ((EXECUTOR, move_e, GEMEENTE), (GEMEENTE, move_g, EXECUTOR)):
        if move == "hold" and not can_exit(gov, other):
            feel(gov.rel, hour, "hold-up", BY[side])
    if "escalate" in (move_e, move_g):
        return "escalate", 0.0
    if move_e == "accept" and move_g == "accept":
        paid = 0.5 * (dispute.claim_eur + dispute.offer_eur)
    elif move_e == "accept" or dispute.offer_eur >= dispute.claim_eur:
        paid = dispute.offer_eur
    elif move_g == "accept":
        paid = dispute.claim_eur
    else:
        return "reject", 0.0
    one_line = paid >= dispute.amount_eur - 0.005 or paid <= 0.005
    return ("agree" if one_line else "compromise"), paid
