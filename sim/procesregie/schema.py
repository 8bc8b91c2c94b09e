"""Scenario schema of the procesregie family: a bestuursproces with several parties.

Every key with its unit, default and bounds; values and sources in docs/ODD-procesregie.md.
Frozen models that forbid unknown keys, like the gladheid schema (sim.scenario.schema).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from sim.scenario.schema import Meta, StrictModel

Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
DIMENSIONS = ("betaalbaarheid", "tempo", "zeggenschap")
"""The value dimensions an option is scored on (residents' ranking in the PAW proeftuinen)."""
PARTY_ROLES = ("initieren", "participeren", "faciliteren", "niet_meedoen")
"""The roles a party chooses per opgave (VPNG, "Procesregie als vak")."""
PARTY_BOTS = ("constructief", "afwachtend", "dwarsligger")
REGISSEUR_BOTS = ("open", "haastig", "sturend")
Vector = Annotated[list[Fraction], Field(min_length=3, max_length=3)]


class PartySpec(StrictModel):
    """One party at (or away from) the table: interests, core values, resources, mandate."""

    key: str = Field(pattern=r"^[a-z_]{2,30}$", description="The party's name (a catalogue key).")
    stake: Fraction = Field(0.5, description="How much the opgave matters to the party [-].")
    core_values: Vector = Field(
        [0.5, 0.5, 0.5], description="The party's ideal option on each dimension [0-1]."
    )
    priorities: Vector = Field(
        [0.34, 0.33, 0.33], description="Weight of each dimension in the party's utility [-]."
    )
    resources: Fraction = Field(0.5, description="Money, land, network, know-how; veto power [-].")
    mandate: Fraction = Field(
        0.3,
        description="Widest distance from its core value on its first priority that its "
        "achterban lets it consent to [0-1].",
    )
    outside_option: Fraction = Field(0.55, description="Utility of walking away (the BATNA) [0-1].")
    role: Literal[PARTY_ROLES] = Field("participeren", description="Role at the start.")
    invited: bool = Field(True, description="At the table from the start.")
    bot: Literal[PARTY_BOTS] | None = Field(
        "constructief", description="Archetype in a bot seat; None = a person."
    )

    @model_validator(mode="after")
    def _priorities_sum_to_one(self) -> PartySpec:
        if abs(sum(self.priorities) - 1.0) > 1e-6:
            raise ValueError("priorities must add up to 1")
        return self


class ProcessConfig(StrictModel):
    """The bestuursproces: steps of wyberen and the rules the regisseur starts with."""

    steps: int = Field(3, ge=1, le=6, description="Steps of wyberen (each ends at go/no-go).")
    weeks_per_round: int = Field(2, ge=1, le=8, description="Weeks in one round [weeks].")
    divergence_min_rounds: int = Field(
        3, ge=1, le=12, description="Rounds of divergeren before convergeren may start."
    )
    content_conditions_upfront: bool = Field(
        False, description="The gemeente sets a content condition before the process opens."
    )
    condition_tolerance: Fraction = Field(
        0.15,
        description="Allowed distance from the gemeente's value on the conditioned "
        "dimension [0-1].",
    )
    shortlist: int = Field(3, ge=1, le=10, description="Options kept when converging.")
    max_weeks: int = Field(
        156, ge=4, le=520, description="Weeks before the process is abandoned [weeks]."
    )
    initial_trust: Fraction = Field(0.5, description="Trust between every pair at the start.")


class RegisseurConfig(StrictModel):
    """Who holds the regisseur's seat."""

    bot: Literal[REGISSEUR_BOTS] | None = Field("open", description="Archetype; None = a person.")


class PolitiekConfig(StrictModel):
    """College and council: go/no-go moments and the issue of the day."""

    go_support: Fraction = Field(
        0.6, description="Stake-weighted support the council asks for a go [-]."
    )
    issue_chance_per_week: Fraction = Field(
        0.03, description="Chance per week that an issue of the day raises the bar [1/week]."
    )
    issue_raise: Fraction = Field(0.1, description="Rise of go_support during an issue [-].")
    issue_weeks: int = Field(6, ge=1, le=52, description="Weeks an issue lasts [weeks].")


class ProcesScenario(StrictModel):
    """A complete procesregie scenario."""

    family: Literal["procesregie"]
    schema_version: Literal[1] = 1
    meta: Meta = Meta(title_nl="Procesregie", title_en="Process management")
    process: ProcessConfig = ProcessConfig()
    parties: list[PartySpec] = Field(min_length=2, max_length=8)
    regisseur: RegisseurConfig = RegisseurConfig()
    politics: PolitiekConfig = PolitiekConfig()
    seed: int = Field(1, ge=0, description="Default run seed when the command line gives none.")

    @model_validator(mode="after")
    def _one_gemeente(self) -> ProcesScenario:
        keys = [p.key for p in self.parties]
        if len(set(keys)) != len(keys):
            raise ValueError("every party key must be unique")
        if "gemeente" not in keys:
            raise ValueError("the parties must include the gemeente")
        return self
