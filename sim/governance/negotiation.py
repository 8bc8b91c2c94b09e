"""Two-sided negotiation over a disputed amount: the Zeuthen-Harsanyi concession rule.

Each open dispute carries two standing positions: the executor's claim and the gemeente's
offer (EUR of the disputed amount A paid to the executor). At each meeting both sides make
one move on the item: a new offer, accepting the other's position, holding their own, or
escalating. What both did decides the outcome (`resolve`).

The rule the bots follow (Zeuthen 1930, in Harsanyi's 1956 form): a side's risk limit is
the largest chance of conflict it would accept rather than take the other's position,
    r_i = (U_i(own) - U_i(other's)) / (U_i(own) - U_i(conflict)),
and the side with the lower risk limit concedes (both when equal). The disagreement point:
left unsettled, the item is in the end decided in the middle of the opening positions
(A / 2), at a cost c_i to each side. With U in EUR (the executor receives x, the gemeente
pays it):
    r_E = (claim - offer) / (claim - (A/2 - c_E)),  r_G = (claim - offer) / (A/2 + c_G - offer),
so the executor concedes while claim + offer > A + c_G - c_E, the gemeente once below: the
positions close in on the Nash bargaining solution x* = A/2 + (c_G - c_E)/2 (Harsanyi). A
side whose risk limit is 1 or more would rather have the conflict than the other's
position: it holds. The cost c_i is what walking away costs the side, from its outside
option (`regimes.outside_option`: under forced shopping neither side can leave, only
escalate; in the market the executor risks the contract at the next tender), plus the cost
of a higher level (directors' time, the wethouder's attention). So under forced shopping
both hold a large item until it has climbed a level (hold-up), and in the market the
executor concedes, and settles lower. Sources and parameters: docs/ODD.md 7.14a.
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
# The trust table's variant for who moved (sim.governance.trust: 'concession made', 'hold-up').
BY = {EXECUTOR: "by executor", GEMEENTE: "by gemeente"}


def conflict_cost(gov: Governance, side: str, level: int, committee: bool) -> float:
    """What leaving the item unsettled costs the side [EUR]: its outside option's loss plus
    the cost of the dispute's level (doubled with an agreed committee)."""
    level_cost = LEVEL_COST_EUR * level * (COMMITTEE_FACTOR if committee else 1.0)
    return max(0.0, -outside_option(gov, side)) + level_cost


def risk_limits(item: dict) -> tuple[float, float]:
    """Zeuthen's risk limits (executor, gemeente) of an item [0..1]; 1: holds its line."""
    claim, offer, half = item["claim_eur"], item["offer_eur"], 0.5 * item["amount_eur"]
    gap = claim - offer
    if gap <= 0.0:
        return 0.0, 0.0
    own_e = claim - (half - item["cost_executor"])  # the claim's gain over conflict
    own_g = half + item["cost_gemeente"] - offer  # the offer's saving over conflict
    return (
        min(1.0, gap / own_e) if own_e > 0 else 1.0,
        min(1.0, gap / own_g) if own_g > 0 else 1.0,
    )


def item_view(gov: Governance, dispute: Dispute, committee: bool) -> dict:
    """What both sides can read of an item in the room: positions, what conflict costs
    each (from the regime and the level, which both know) and both risk limits."""
    item = {
        "amount_eur": round(dispute.amount_eur, 2),
        "claim_eur": round(dispute.claim_eur, 2),
        "offer_eur": round(dispute.offer_eur, 2),
        "level": dispute.level,
        "reference": dispute.rule_covered,
        "cost_executor": round(conflict_cost(gov, EXECUTOR, dispute.level, committee), 2),
        "cost_gemeente": round(conflict_cost(gov, GEMEENTE, dispute.level, committee), 2),
    }
    risk_e, risk_g = risk_limits(item)
    return {**item, "risk_executor": round(risk_e, 4), "risk_gemeente": round(risk_g, 4)}


def nash_point(item: dict) -> float:
    """Where Zeuthen's concessions lead: the Nash bargaining solution [EUR paid]."""
    x = 0.5 * (item["amount_eur"] + item["cost_gemeente"] - item["cost_executor"])
    return min(item["claim_eur"], max(item["offer_eur"], x))


def zeuthen_move(
    side: str, item: dict, share: float, trust: float, escalate_hardened: bool = False
) -> tuple[str, float]:
    """A bot's move on an item by the Zeuthen rule: (move, amount).

    The side whose risk limit is the lower concedes (both when equal), `share` of the way
    from its position to the Nash point (to the middle of the gap when it is already
    there), scaled by its trust in the other (reciprocity) and doubled with an agreed
    reference (a focal point). A side whose risk limit is 1, or the higher, holds; when
    both are 1 (deadlock) it may take a hardened item a level up."""
    claim, offer = item["claim_eur"], item["offer_eur"]
    gap = claim - offer
    if gap <= MIN_GAP_EUR:
        return "accept", 0.0
    risk_e, risk_g = risk_limits(item)
    own, other = (risk_e, risk_g) if side == EXECUTOR else (risk_g, risk_e)
    if own >= 1.0 or own > other + 1e-9:
        deadlock = own >= 1.0 and other >= 1.0
        hardened = escalate_hardened and deadlock and item.get("hardness", 0) >= 1
        return ("escalate" if hardened else "hold"), 0.0
    step = min(
        1.0, share * (TRUST_CONCESSION + trust) * (FOCAL_FACTOR if item["reference"] else 1.0)
    )
    x = nash_point(item)
    target = (
        x
        if abs(x - (claim if side == EXECUTOR else offer)) > MIN_GAP_EUR
        else (0.5 * (claim + offer))
    )
    position = claim if side == EXECUTOR else offer
    new = position + step * (target - position)
    if abs(new - (offer if side == EXECUTOR else claim)) <= MIN_GAP_EUR:
        return "accept", 0.0
    return "offer", round(new, 2)


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
