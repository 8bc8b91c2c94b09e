"""How the bots negotiate the contract, by archetype: what each wants, what it will not
give up, and how fast it concedes on the price (13A's Zeuthen rule, negotiation.py).

On a move a bot starts from its standing offer (its wishes on the first), takes over the
other side's value on the first open item it does not insist on (one item a move: the
table's time is the limit), and moves on the price by the Zeuthen-Harsanyi rule with the
starting offer's price as the disagreement point (what holds when the clock runs out).
When nothing is open any more, it accepts. Wishes and red lines are assumptions from the
case's roles (Hesselink et al.) and the archetypes' descriptions (docs/ODD.md 7.23).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.design.terms import ITEMS, DesignTerms, open_items
from sim.governance.negotiation import conflict_cost, zeuthen_move
from sim.governance.regimes import EXECUTOR, GEMEENTE

if TYPE_CHECKING:
    from sim.governance.regie import Governance

# archetype -> (wishes over the starting offer, items it will not give up, concession share)
WISHES: dict[str, tuple[dict, tuple[str, ...], float]] = {
    # regisseurs (the gemeente's side)
    "controller": (
        {"route_norm_h": 2.0, "price_benchmark": True, "salt_rule_t": 60.0, "price_factor": 0.95},
        ("price_benchmark",),
        0.3,
    ),
    "relational": (
        {
            "escalation_committee": True,
            "transition_months": 6,
            "salt_rule_t": 60.0,
            "agreements": "both",
            "price_factor": 0.98,
        },
        ("escalation_committee",),
        0.5,
    ),
    "absent": ({"price_factor": 1.0}, (), 0.8),
    # executors
    "cooperative": (
        {"transition_months": 6, "escalation_committee": True, "price_factor": 1.05},
        (),
        0.5,
    ),
    "opportunistic": (
        {"price_benchmark": False, "route_norm_h": 4.0, "price_factor": 1.2},
        ("price_benchmark",),
        0.2,
    ),
    "bureaucratic": (
        {"salt_rule_t": 60.0, "plough_rule_cm": 5.0, "route_norm_h": 4.0, "price_factor": 1.1},
        ("salt_rule_t", "plough_rule_cm"),
        0.3,
    ),
}
# Levels a conversation climbs by the time the clock runs out [-] (assumption: at the
# default price a 5 % gap is worth about three levels, negotiation.LEVEL_COST_EUR).
DEADLINE_LEVELS = 6
# A price this close to the side's own is taken rather than split again [share of the
# starting price] (assumption: a round figure at the table, about 1,700 EUR a season).
PRICE_TOLERANCE = 0.01
# A wethouder's political conditions by archetype (what the contract must hold).
CONDITIONS: dict[str, list[str]] = {
    "hands_off": [],
    "incident_driven": ["escalation_committee"],
    "procedural": ["salt_rule"],
}
# What each condition asks of the terms, as the wish the regisseur then insists on.
CONDITION_TERMS: dict[str, tuple[str, object]] = {
    "salt_rule": ("salt_rule_t", 60.0),
    "plough_rule": ("plough_rule_cm", 5.0),
    "escalation_committee": ("escalation_committee", True),
    "transition": ("transition_months", 6),
}


def wishes(
    archetype: str, start: DesignTerms, conditions: list[str]
) -> tuple[DesignTerms, set[str]]:
    """The archetype's first offer and its red lines (a regisseur adds the wethouder's
    conditions to both)."""
    wish, musts, _ = WISHES.get(archetype, ({}, (), 0.5))
    wish, musts = dict(wish), set(musts)
    for c in conditions:
        key, value = CONDITION_TERMS[c]
        wish[key], musts = value, musts | {key}
    return start.model_copy(update=wish), musts


def price_move(gov: Governance, side: str, own: float, other: float, share: float) -> float:
    """The side's next price factor by the Zeuthen rule on the price span, as 13A's
    disputes: the amount at stake is the span between the two opening prices, the
    disagreement point its middle, each side's conflict cost from its outside option and
    the level of the conversation (negotiation.conflict_cost). The level rises with the
    table time used (DEADLINE_LEVELS at the end): the nearer the winter, the dearer no
    contract, so concessions come late (the deadline effect, Roth, Murnighan & Schoumaker).
    """
    phase = gov.model.design
    fee = phase.start.fixed_fee_eur_per_season
    low, high = phase.opening["regisseur"], phase.opening["executor"]
    claim, offer = (own, other) if side == EXECUTOR else (other, own)
    if claim <= offer or high <= low:
        return other
    item = {
        "amount_eur": (high - low) * fee,
        "claim_eur": (claim - low) * fee,
        "offer_eur": (offer - low) * fee,
        "reference": False,
    }
    level = 1 + round(DEADLINE_LEVELS * phase.used / phase.minutes)
    item["cost_executor"] = conflict_cost(gov, EXECUTOR, level, False)
    item["cost_gemeente"] = conflict_cost(gov, GEMEENTE, level, False)
    trust = gov.rel.trust_e_in_g if side == EXECUTOR else gov.rel.trust_g_in_e
    move, amount = zeuthen_move(side, item, share, trust)
    if move == "accept":
        return other
    if move == "offer":
        return round(low + amount / fee, 4)
    return own


def bot_move(gov: Governance, role: str, archetype: str) -> dict:
    """The bot's design move now: accept the other's offer, or a counter-offer."""
    phase = gov.model.design
    side = EXECUTOR if role == "executor" else GEMEENTE
    other = phase.offers["regisseur" if role == "executor" else "executor"]
    conditions = phase.conditions if role == "regisseur" else []
    wish, musts = wishes(archetype, phase.start_terms, conditions)
    if other is None:  # the gemeente's ask: its wishes on the starting offer
        return {"move": "offer", "terms": wish.model_dump()}
    # The executor drafts on what the gemeente asks, with what it wants itself.
    own = phase.offers[role] or other.model_copy(
        update={k: getattr(wish, k) for k in musts | set(WISHES.get(archetype, ({},))[0])}
    )
    share = WISHES.get(archetype, ({}, (), 0.5))[2]
    update = {}
    for item in open_items(own, other):
        if item == "price_factor":
            if phase.offers[role] is None:
                continue  # the first draft asks the side's own price
            update[item] = price_move(gov, side, own.price_factor, other.price_factor, share)
        elif (
            phase.offers[role] is not None
            and item not in musts
            and not update.keys() - {"price_factor"}
        ):
            update[item] = getattr(other, item)  # give one item a move
    new = own.model_copy(update=update)
    left = open_items(new, other)
    close = left == ["price_factor"] and abs(new.price_factor - other.price_factor) <= (
        PRICE_TOLERANCE
    )
    if (not left or close) and phase.acceptable(role, other):
        return {"move": "accept"}
    if phase.minutes_left + 1e-9 < phase.minutes_per_move:
        # The last word: take the other's offer if it beats the starting offer, which
        # holds without agreement (its red lines kept, the price no worse than the start).
        sign = 1.0 if side == EXECUTOR else -1.0
        kept = all(getattr(other, k) == getattr(wish, k) for k in musts)
        better = sign * (other.price_factor - 1.0) >= -PRICE_TOLERANCE
        if kept and better and phase.acceptable(role, other):
            return {"move": "accept"}
        return {"move": "walk"}
    return {"move": "offer", "terms": new.model_dump()}


__all__ = ["ITEMS", "bot_move", "wishes", "CONDITIONS"]
