"""Scenario keys of the design phase (`design:`), read by sim.scenario.schema."""

from __future__ import annotations

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
