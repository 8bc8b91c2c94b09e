"""Scenario keys for behaviour a researcher varies: trust as a belief (docs/ODD.md 7.15)
and the regimes' mechanisms (7.20): escalation, the tender, the newcomer, what the
executor's other clients are worth. Each key has a unit, a default and a range.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from sim.scenario.strict import Fraction, NonNegative, Positive, StrictModel


class RelationshipConfig(StrictModel):
    """Trust both ways between gemeente and executor, as beliefs (docs/ODD.md 7.15).

    Each side holds a Beta belief about two aspects of the other, reliability and
    benevolence (Josang & Ismail's Beta reputation; Mayer, Davis & Schoorman). An
    observation of strength x in [-1, 1] adds x units of positive evidence, or
    negativity_ratio x |x| units of negative evidence; every day old evidence is discounted
    by reversion_per_day, so the belief drifts back to its first impression.
    """

    trust_gemeente_in_executor: Fraction = Field(
        0.5, description="The gemeente's trust in the executor at the start [0..1]."
    )
    trust_executor_in_gemeente: Fraction = Field(
        0.5, description="The executor's trust in the gemeente at the start [0..1]."
    )
    learning_rate: float = Field(
        0.06,
        description="Share of the way to full trust the first fully good observation goes "
        "(sets how many observations the first impression is worth: 1/(2 x rate) - 1 per "
        "aspect) [-].",
        gt=0.0,
        le=0.5,
    )
    negativity_ratio: float = Field(
        2.5,
        description="Weight of negative evidence against positive [-] (Slovic: 2-3).",
        ge=1.0,
        le=10.0,
    )
    reversion_per_day: Fraction = Field(
        0.003, description="Share of old evidence discounted each day (forgetting) [1/day]."
    )
    reliability_weight: Fraction = Field(
        0.5,
        description="Weight of reliability against benevolence in trust [-] "
        "(Mayer, Davis & Schoorman).",
    )
    contact_gain: Fraction = Field(
        0.5, description="Share of the way to full contact one direct contact goes [-]."
    )
    contact_decay_per_day: Fraction = Field(
        0.1, description="Share of contact lost each day without meeting [1/day]."
    )
    misread_chance: Fraction = Field(
        0.3,
        description="Chance an ambiguous event is misread when the sides have no "
        "contact [-] (falls with contact).",
    )
    clear_chance_per_day: Fraction = Field(
        0.02, description="Chance a day that a misunderstanding is cleared without contact [1/day]."
    )
    clear_chance_contact_per_day: Fraction = Field(
        0.3, description="Chance a day that a misunderstanding is cleared at full contact [1/day]."
    )
    control_aversion: Fraction = Field(
        0.7,
        description="Share of instructions and inspections the executor reads as "
        "distrust [-] (Falk & Kosfeld: most agents).",
    )

    @model_validator(mode="after")
    def _bounded(self) -> RelationshipConfig:
        if self.learning_rate * self.negativity_ratio > 1.0:
            raise ValueError(
                "learning_rate x negativity_ratio must not exceed 1 (one bad "
                "surprise would take more than all trust)"
            )
        return self


class RegimeConfig(StrictModel):
    """What each side can do when a negotiation fails, per sourcing regime (ODD 7.20)."""

    escalation_hours: NonNegative = Field(
        24.0,
        le=1000.0,
        description="Hours each side spends on an escalation it cannot "
        "leave (forced shopping: the cost of no deal) [h].",
    )
    other_clients_share: Fraction = Field(
        0.3,
        description="Share of the contract's margin the executor earns elsewhere if it "
        "loses the contract (market) [-].",
    )
    newcomer_maturity: Fraction = Field(
        0.25, description="Maturity of a newcomer after a switch: no local knowledge [-]."
    )
    unreliability_cost_eur: NonNegative = Field(
        100_000.0,
        description="What a wholly unreliable executor costs the gemeente in a "
        "season beyond its invoices (complaints, repairs, politics) [EUR/season].",
    )
    tender_noise_eur: Positive = Field(
        50_000.0, description="Spread of the gemeente's tender choice (logit scale) [EUR]."
    )
    team_learning_per_meeting: Fraction = Field(
        0.15,
        description="Share of the maturity gap one joint project team meeting closes "
        "when it learns from the month's events [-].",
    )
