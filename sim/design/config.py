"""Scenario keys of the design phase (`design:`), read by sim.scenario.schema."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sim.scenario.strict import StrictModel


class DesignConfig(StrictModel):
    """The design phase before the season: the scenario's contract is the gemeente's
    starting offer; with `skip` (the default) it is the fixed contract."""

    skip: bool = Field(
        True, description="Play no design phase: the scenario's contract is the contract."
    )
    minutes: float = Field(
        30.0,
        gt=0.0,
        le=240.0,
        description="Time the trainer gives the design phase [min] (a class: about 30).",
    )
    minutes_per_move: float = Field(
        2.0,
        gt=0.0,
        le=60.0,
        description="Table time an offer or counter-offer takes [min/move].",
    )


class PlanConfig(StrictModel):
    """The route priorities of the gladheidbestrijdingsplan (`plan:`); none: cycle routes
    in priority 1, secondary roads in priority 2 (Ommen's first and second route)."""

    cycle_priority: Literal[1, 2] = Field(
        1, description="Cycle routes in priority 1 (every preventive round) or 2 (snow only)."
    )
    secondary_priority: Literal[1, 2] = Field(
        2, description="Secondary roads in priority 1 (every round) or 2 (snow only)."
    )
