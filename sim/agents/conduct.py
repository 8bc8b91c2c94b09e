"""The executor's conduct: how it works and prices, decided as a business.

Financial pressure is an outcome: each month it is read from the margin the executor books
so far against the margin it aims for (a satisficing aspiration level, Simon; Cyert &
March), with a shortfall weighing `LOSS_AVERSION` times a surplus (the reference point of
prospect theory, Kahneman & Tversky). The scenario's `financial_pressure` is the prior it
starts from; the bankruptcy inject adds to it. The seat (bot or person) sets the posture
at the monthly point: the markup it asks on discretionary lines and its effort (dose,
alarm threshold, skipped paths; `EFFORT`). Crew efficiency falls with micromanagement and
recovers daily, capped by maturity; money it feels unfairly denied comes back on later
invoices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.agents.ledger import booked_margin_pct
from sim.governance.contract import BASE_MARGIN
from sim.world.town import CYCLE, FOOTPATH

if TYPE_CHECKING:
    from sim.agents.executor import Uitvoeringsorganisatie

RECOUP_SHARE = 0.5  # share of a felt loss the executor puts on the next invoice [-]
MICROMANAGE_EFFICIENCY_LOSS = 0.04  # per instruction [-] (assumption)
EFFICIENCY_RECOVERY_PER_DAY = 0.01
EFFICIENCY_FLOOR = 0.6  # crew productivity does not fall below this [-]
# Effort levels: (share of the planned dose spread, degrees later the preventive alarm
# goes, whether cycle routes and footpaths are quietly left out). 'lean' and 'minimal' are
# the former opportunistic executor at opportunism 0.6 under outcome and output agreements.
EFFORT: dict[str, tuple[float, float, bool]] = {
    "full": (1.0, 0.0, False),
    "lean": (0.94, 0.12, False),
    "minimal": (0.73, 0.9, True),
}
LOSS_AVERSION = 2.25  # a margin point short weighs this many points over [-] (Tversky &
#                       Kahneman 1992); the default of executor.loss_aversion


class Conduct:
    """The executor's way of working and pricing, its financial pressure, and what it holds
    against the gemeente."""

    def __init__(self, executor: Uitvoeringsorganisatie, base_alarm_c: float) -> None:
        self.executor = executor
        self.base_alarm_c = base_alarm_c  # the dispatcher's alarm threshold before conduct
        self.pressure_boost = 0.0  # inject: bankruptcy risk adds financial pressure [-]
        self.grievance_eur = 0.0  # what the executor feels it was unfairly denied [EUR]
        self.pressure = executor.model.scenario.executor.financial_pressure  # the prior [-]
        self.markup_pct = 100.0 * BASE_MARGIN  # asked on discretionary lines [%]
        self.effort = "full"  # a key of EFFORT
        self.small_jobs = "invoice"  # or "tussendoor": done free, as a favour
        self.posture_seat: object | None = None  # the seat that chose the posture

    def apply(self) -> None:
        """Set the executor's effort and authorisations from its posture, the agreements,
        the relationship and the beslisregels (after every change of these)."""
        ex = self.executor
        model = ex.model
        gov = model.governance
        seat = gov.controllers["executor"]
        if seat is not self.posture_seat:  # a new seat decides its own posture at once
            self.posture_seat = seat
            if hasattr(seat, "posture"):
                self.markup_pct, self.effort, self.small_jobs = seat.posture(self.posture_view())
        ex.dose_factor, threshold_shift, skip_paths = EFFORT[self.effort]
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

    def set_posture(self, markup_pct: float, effort: str, small_jobs: str) -> None:
        """The seat's choice at the monthly point: markup [%], effort level, small jobs."""
        self.markup_pct, self.effort, self.small_jobs = markup_pct, effort, small_jobs
        self.apply()

    def update_pressure(self) -> float:
        """Read the pressure from the margin booked so far against the aspiration [-]:
        prior + sensitivity x (loss aversion x shortfall - surplus), in [0, 1]. In-house
        there is no margin: the prior holds."""
        sc = self.executor.model.scenario.executor
        gov = self.executor.model.governance
        pressure = sc.financial_pressure
        if gov.contract.sourcing != "in_house":
            gap = sc.aspiration_margin_pct - booked_margin_pct(gov)
            felt = sc.loss_aversion * gap if gap > 0 else gap
            pressure += sc.pressure_per_margin_pct * felt
        self.pressure = min(1.0, max(0.0, pressure + self.pressure_boost))
        return self.pressure

    def posture_view(self) -> dict:
        """What the executor weighs for its posture (the posture point's context)."""
        from sim.governance.regimes import GEMEENTE, can_exit, tender_discipline

        gov = self.executor.model.governance
        return {"pressure": round(self.pressure, 4),
                "margin_pct": round(booked_margin_pct(gov), 3),
                "aspiration_margin_pct": self.executor.model.scenario.executor
                .aspiration_margin_pct,
                "trust_in_gemeente": round(gov.rel.trust_e_in_g, 4),
                "agreements": gov.contract.agreements, "sourcing": gov.contract.sourcing,
                "gemeente_can_exit": can_exit(gov, GEMEENTE),
                "tender_discipline": round(tender_discipline(gov), 4),
                "markup_pct": round(self.markup_pct, 3), "effort": self.effort}

    def efficiency_cap(self) -> float:
        """The best crew productivity the executor's maturity allows [-]."""
        return 0.85 + 0.3 * self.executor.model.governance.rel.maturity

    def markup(self) -> float:
        """How far above fair value the executor prices discretionary lines now [-]."""
        return self.markup_pct / 100.0

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
        self.pressure = min(1.0, self.pressure + severity)
        self.lose_efficiency(0.1 * severity)
