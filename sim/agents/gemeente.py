"""The gemeente as client (opdrachtgever): pays for the service. Governance is added later."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from sim.scenario.schema import ContractConfig, MunicipalityConfig

if TYPE_CHECKING:
    from sim.model import RegieModel


class Gemeente(mesa.Agent):
    """The municipality: budget and what the service costs it."""

    def __init__(self, model: RegieModel, cfg: MunicipalityConfig,
                 contract: ContractConfig) -> None:
        super().__init__(model)
        self.cfg = cfg
        self.contract = contract

    def step(self) -> None:
        """Nothing yet."""

    def total_cost_eur(self) -> float:
        """Cost of the service to the gemeente [EUR]."""
        return self.model.executor.true_cost_eur

    def governance_kpis(self) -> dict[str, float]:
        """Governance KPIs."""
        return {}

    def daily_value(self, name: str) -> float:
        """Daily series value."""
        return 0.0
