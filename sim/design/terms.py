"""What is negotiated in the design phase: the terms of the contract a side offers.

The gemeente asks the 'wat' (reaction time, output or outcome agreements); both agree
what holds for the unforeseen (beslisregels with threshold and amount, a committee, a
price benchmark, a transition period with a joint team) and the price. Terms map onto
the scenario's ContractConfig, which validates the agreed contract.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sim.scenario.schema import ContractConfig, DecisionRule

# The beslisregels the design phase can agree (sim.scenario.schema.DecisionRule).
SALT_RULE = "salt_emergency_purchase"
PLOUGH_RULE = "plough_authorised"
# The items of a contract in the order the bots take them up (and the screen lists them).
ITEMS: tuple[str, ...] = (
    "route_norm_h",
    "agreements",
    "salt_rule_t",
    "plough_rule_cm",
    "escalation_committee",
    "price_benchmark",
    "transition_months",
    "price_factor",
)


class DesignTerms(BaseModel):
    """One side's offer: every term of the contract that is open in the design phase."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)
    route_norm_h: float = Field(ge=1.0, le=12.0, description="Routes done within [h].")
    agreements: Literal["output", "outcome", "both"]
    salt_rule_t: float | None = Field(
        None,
        ge=0.0,
        le=10_000.0,
        description="Emergency salt bought below this stock [t]; None: no such rule.",
    )
    plough_rule_cm: float | None = Field(
        None,
        ge=0.0,
        le=100.0,
        description="Ploughed without asking from this snow depth [cm]; None: no rule.",
    )
    escalation_committee: bool
    price_benchmark: bool
    transition_months: int = Field(ge=0, le=24)
    price_factor: float = Field(
        ge=0.5, le=2.0, description="Fee and unit price as a share of the starting offer's [-]."
    )


def terms_of(contract: ContractConfig) -> DesignTerms:
    """The terms a contract holds (the starting offer: the scenario's contract)."""
    rules = {r.rule: r for r in contract.decision_rules}
    return DesignTerms(
        route_norm_h=float(contract.route_norm_h),
        agreements=contract.agreements,
        salt_rule_t=float(rules[SALT_RULE].threshold) if SALT_RULE in rules else None,
        plough_rule_cm=float(rules[PLOUGH_RULE].threshold) if PLOUGH_RULE in rules else None,
        escalation_committee=contract.escalation_committee,
        price_benchmark=contract.price_benchmark,
        transition_months=contract.transition_months,
        price_factor=1.0,
    )


def contract_of(start: ContractConfig, terms: DesignTerms) -> ContractConfig:
    """The contract these terms make of the starting one (validated as the scenario is).

    A rule's amount is kept from the starting contract when it had the rule, else the
    schema's default; rules the design phase does not negotiate stay as they were."""
    kept = [r for r in start.decision_rules if r.rule not in (SALT_RULE, PLOUGH_RULE)]
    old = {r.rule: r for r in start.decision_rules}
    for rule, threshold in ((SALT_RULE, terms.salt_rule_t), (PLOUGH_RULE, terms.plough_rule_cm)):
        if threshold is not None:
            amount = (
                old[rule].max_amount_eur if rule in old else DecisionRule(rule=rule).max_amount_eur
            )
            kept.append(DecisionRule(rule=rule, threshold=threshold, max_amount_eur=amount))
    data = start.model_dump()
    data.update(
        route_norm_h=terms.route_norm_h,
        agreements=terms.agreements,
        escalation_committee=terms.escalation_committee,
        price_benchmark=terms.price_benchmark,
        transition_months=terms.transition_months,
        fixed_fee_eur_per_season=round(start.fixed_fee_eur_per_season * terms.price_factor, 2),
        unit_price_eur_per_action=round(start.unit_price_eur_per_action * terms.price_factor, 2),
        decision_rules=[r.model_dump() for r in kept],
    )
    return ContractConfig.model_validate(data)


def open_items(a: DesignTerms | None, b: DesignTerms | None) -> list[str]:
    """The items on which two offers still differ (all when one side has none yet)."""
    if a is None or b is None:
        return list(ITEMS)
    return [k for k in ITEMS if getattr(a, k) != getattr(b, k)]
