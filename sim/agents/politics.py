"""The wethouder: attention as a leaky integrator. Interventions are added later."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from sim.scenario.schema import PoliticsConfig

if TYPE_CHECKING:
    from sim.model import RegieModel


class Wethouder(mesa.Agent):
    """The alderman responsible for public space."""

    def __init__(self, model: RegieModel, cfg: PoliticsConfig) -> None:
        super().__init__(model)
        self.cfg = cfg
        self.attention = 0.0

    def step(self) -> None:
        """Nothing yet."""
