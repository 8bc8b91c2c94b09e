"""The executor's conduct: how it works and prices, following from its archetype, the
agreements in the contract and the relationship.

Effort (dose, alarm threshold, skipped paths) comes from the executor's bot; the markup
on discretionary invoice lines from its opportunism, financial pressure and trust in the
gemeente (reciprocity); crew efficiency falls with micromanagement and recovers daily,
capped by maturity; money it feels unfairly denied comes back on later invoices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.governance.contract import markup
from sim.world.town import CYCLE, FOOTPATH

if TYPE_CHECKING:
    from sim.agents.executor import Uitvoeringsorganisatie

RECOUP_SHARE = 0.5  # share of a felt loss the executor puts on the next invoice [-]
MICROMANAGE_EFFICIENCY_LOSS = 0.04  # per instruction [-] (assumption)
EFFICIENCY_RECOVERY_PER_DAY = 0.01
EFFICIENCY_FLOOR = 0.6  # crew productivity does not fall below this [-]


class Conduct:
    """The executor's way of working and pricing, and what it holds against the gemeente."""

    def __init__(self, executor: Uitvoeringsorganisatie, base_alarm_c: float) -> None:
        self.executor = executor
        self.base_alarm_c = base_alarm_c  # the dispatcher's alarm threshold before conduct
        self.pressure_boost = 0.0  # inject: bankruptcy risk adds financial pressure [-]
        self.grievance_eur = 0.0  # what the executor feels it was unfairly denied [EUR]

    def apply(self) -> None:
        """Set the executor's effort and authorisations from its archetype, the
        agreements, the relationship and the beslisregels (after every change of these)."""
        ex = self.executor
        model = ex.model
        gov = model.governance
        bot = gov.controllers["executor"]
        effort = (bot.effort(gov.contract.agreements) if hasattr(bot, "effort")
                  else (1.0, 0.0, False))
        ex.dose_factor, threshold_shift, skip_paths = effort
        town = model.town
        ex.skipped = (skip_paths & ((town.category == CYCLE) | (town.category == FOOTPATH))
                      & ~town.bus)
        ex.alarm_threshold_c = (self.base_alarm_c + 0.5 * (gov.rel.maturity - 0.4)
                                - threshold_shift)
        ex.sand_fallback = "sand_fallback" in gov.rules
        ex.plough_allowed = (gov.contract.sourcing == "in_house"
                             or model.hour < gov.plough_approved_until)
        rule = gov.rules.get("plough_authorised")
        ex.plough_rule_from_cm = (rule.threshold if rule is not None and
                                  gov.rule_spent_eur[rule.rule] < rule.max_amount_eur
                                  else None)
        ex.efficiency = max(EFFICIENCY_FLOOR, min(ex.efficiency, self.efficiency_cap()))

    def efficiency_cap(self) -> float:
        """The best crew productivity the executor's maturity allows [-]."""
        return 0.85 + 0.3 * self.executor.model.governance.rel.maturity

    def markup(self) -> float:
        """How far above fair value the executor prices discretionary lines now [-]."""
        gov = self.executor.model.governance
        opportunism = getattr(gov.controllers["executor"], "opportunism", 0.0)
        pressure = min(1.0, self.executor.model.scenario.executor.financial_pressure
                       + self.pressure_boost)
        # Reciprocity: an executor that trusts its client prices more modestly; one that feels
        # distrusted shifts the cost of inflexibility onto the gemeente (Hesselink et al.).
        reciprocity = 1.6 - 1.2 * gov.rel.trust_e_in_g
        return markup(gov.contract, opportunism * reciprocity, pressure)

    def lose_efficiency(self, amount: float) -> None:
        """Crews work less well (an instruction from the regisseur, financial trouble)."""
        ex = self.executor
        ex.efficiency = max(EFFICIENCY_FLOOR, ex.efficiency - amount)

    def recover_efficiency(self) -> None:
        """Once a day crews recover some productivity, up to what maturity allows."""
        ex = self.executor
        ex.efficiency = min(self.efficiency_cap(), ex.efficiency + EFFICIENCY_RECOVERY_PER_DAY)

    def feel_denied(self, amount_eur: float) -> None:
        """Money the executor feels it was unfairly denied [EUR]; it comes back later."""
        self.grievance_eur += amount_eur

    def recoup(self) -> float | None:
        """What the executor puts on this invoice of what it feels denied [EUR], or None."""
        if self.grievance_eur <= 0:
            return None
        amount = RECOUP_SHARE * self.grievance_eur
        self.grievance_eur -= amount
        return amount

    def financial_trouble(self, severity: float) -> None:
        """Bankruptcy risk: the executor needs margin and works less well."""
        self.pressure_boost = max(self.pressure_boost, severity)
        self.lose_efficiency(0.1 * severity)
