"""The gemeente as client (opdrachtgever): budget, what the service costs it, what it hears.

The regisseur's choices arrive as actions (sim/actions.py) through the governance layer;
this agent keeps the books and notices the street: complaints tell the gemeente how the
service is going before any report does.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import mesa

from sim.agents.ledger import profit_and_loss
from sim.governance.regimes import ad_hoc_cost_eur
from sim.governance.trust import feel
from sim.scenario.schema import ContractConfig, MunicipalityConfig

if TYPE_CHECKING:
    from sim.model import RegieModel

COMPLAINTS_EXPECTED_PER_DAY = 3.0  # what a regisseur shrugs off on an icy day [count]
IN_HOUSE_REGIE_SHARE = 0.3  # in-house, the department needs a third of the regie effort


class Gemeente(mesa.Agent):
    """The municipality: budget, cost ledger view and its reading of the street."""

    def __init__(self, model: RegieModel, cfg: MunicipalityConfig,
                 contract: ContractConfig) -> None:
        super().__init__(model)
        self.cfg = cfg
        self.contract = contract

    def step(self) -> None:
        """At the end of each day the gemeente hears the complaints and judges the service."""
        if self.model.hour % 24 == 23:
            self.notice_street()

    def notice_street(self) -> None:
        """Many complaints are a bad surprise about the executor's work."""
        complaints = self.model.citizens.today["complaints"]
        if complaints > COMPLAINTS_EXPECTED_PER_DAY:
            feel(self.model.governance.rel, self.model.hour, "complaints",
                 scale=min(1.0, (complaints - COMPLAINTS_EXPECTED_PER_DAY) / 30.0))

    # --- money ------------------------------------------------------------------------
    def regie_cost_eur(self) -> float:
        """Hours spent on contract management, at the regie hour rate [EUR]."""
        led = self.model.governance.ledger
        hours = led.regie_hours + self.model.governance.week_hours
        share = IN_HOUSE_REGIE_SHARE if self.contract.sourcing == "in_house" else 1.0
        return hours * share * self.cfg.regie_cost_eur_per_h

    def in_house_visible_eur(self) -> float:
        """What the own department's work shows in the service's budget [EUR]: its cost
        less the share booked in other budgets, and less the ad-hoc jobs it does tussendoor
        (`regimes.ad_hoc_cost_eur`: invisible to the accounts)."""
        work = self.model.executor.true_cost_eur - ad_hoc_cost_eur(self.model.governance)
        return work * (1.0 - self.cfg.hidden_in_house_share)

    def in_house_equivalent_eur(self) -> float:
        """What the same work would show in the budget in-house (the baseline) [EUR]."""
        led = self.model.governance.ledger
        hours = led.regie_hours + self.model.governance.week_hours
        return (self.in_house_visible_eur()
                + IN_HOUSE_REGIE_SHARE * hours * self.cfg.regie_cost_eur_per_h)

    def total_cost_eur(self) -> float:
        """Visible cost of the service to the gemeente so far [EUR]."""
        led = self.model.governance.ledger
        extra = led.campaign_eur + led.tender_eur
        if self.contract.sourcing == "in_house":
            return self.in_house_visible_eur() + self.regie_cost_eur() + extra
        billed = self.owed_to_executor_eur() + sum(ln.claimed_eur for ln in led.unbilled_lines)
        return billed - led.penalties_eur + self.regie_cost_eur() + extra

    def owed_to_executor_eur(self) -> float:
        """Paid to the executor so far plus open price disputes: disputed money is still
        owed until a meeting settles it for less [EUR]."""
        gov = self.model.governance
        open_claims = sum(d.amount_eur for d in gov.disputes
                          if not d.resolved and d.kind == "price")
        return gov.ledger.paid_to_executor_eur + open_claims

    def governance_kpis(self) -> dict[str, float]:
        """Governance KPIs under their stable names."""
        model = self.model
        gov = model.governance
        led = gov.ledger
        cost = self.total_cost_eur()
        baseline = self.in_house_equivalent_eur()
        pnl = profit_and_loss(gov)
        reported = [r["reported_output"] for r in gov.reports if r["reported_output"] is not None]
        true_out = [r["true_output"] for r in gov.reports]
        # Outcome as a contract can state it: reachability of the priority network and road
        # safety (crashes per 1,000 inhabitants); pavement falls depend little on the executor.
        crashes_per_1000 = model.citizens.accidents / (model.scenario.town.population / 1000.0)
        safety = 100.0 * math.exp(-crashes_per_1000)
        return {
            "cost_meerwerk_eur": led.meerwerk_eur,
            "cost_vs_in_house_pct": 100.0 * (cost / baseline - 1.0) if baseline > 0 else 0.0,
            "trust_gemeente_in_executor": gov.rel.trust_g_in_e,
            "trust_executor_in_gemeente": gov.rel.trust_e_in_g,
            "disputes": float(len(gov.disputes)),
            "price_disputes": float(gov.counts["price_disputes"]),
            "escalations": float(gov.counts["escalations"]),
            "bypasses": float(gov.counts["bypasses"]),
            "attention_peak": model.wethouder.attention_peak,
            "output_score": 100.0 * (sum(reported) / len(reported) if reported else 1.0),
            "true_output_score": 100.0 * (sum(true_out) / len(true_out) if true_out else 1.0),
            "outcome_score": 0.8 * model.kpi.reachability_pct() + 0.2 * safety,
            "executor_margin_pct": pnl["margin_pct"],
            "executor_result_eur": pnl["result_eur"],
            "executor_margin_all_seasons_pct": pnl["margin_all_seasons_pct"],
            "executor_maturity": gov.rel.maturity,
            "executor_efficiency_pct": 100.0 * model.executor.mean_efficiency,
            "regie_hours": led.regie_hours + gov.week_hours,
            "micromanagement": float(gov.counts["micromanagement"]),
            "budget_use_pct": 100.0 * cost / max(self.cfg.budget_eur_per_season, 1.0),
        }

    def daily_value(self, name: str) -> float:
        """Values for the daily time series."""
        gov = self.model.governance
        if name == "trust_gemeente_in_executor":
            return gov.rel.trust_g_in_e
        if name == "trust_executor_in_gemeente":
            return gov.rel.trust_e_in_g
        if name == "attention":
            return self.model.wethouder.attention
        if name == "disputes":
            return float(sum(1 for d in gov.disputes if not d.resolved))
        raise KeyError(name)
