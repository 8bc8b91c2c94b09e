"""The executor's profit and loss: what the contract earns it and what the service costs it.

Costs are booked as they arise (standby per day, crews and trucks per hour on the road) or
valued at the close (salt used: the opening stock, the starting stock included, plus what
was bought, less what is left or on its way, at the contract price). Revenue is read from
the invoices the gemeente paid, line by line, less penalties. Earlier seasons are summed
in `past_revenue_eur` and `past_cost_eur` (carried, see `sim.carry`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.state_parts import plain_values

if TYPE_CHECKING:
    from sim.agents.depot import SaltDepot
    from sim.governance.regie import Governance
    from sim.scenario.schema import ExecutorConfig

REVENUE_PARTS: tuple[str, ...] = (
    "fee",
    "rounds",
    "meerwerk",
    "salt",
    "other",
    "settled",
    "penalties",
)
COST_PARTS: tuple[str, ...] = ("standby", "crews", "trucks", "salt", "development")


def revenue_part(what: str) -> str:
    """Which revenue part an invoice line belongs to (by the line's description)."""
    if what == "fee":
        return "fee"
    if what.startswith("meerwerk"):
        return "meerwerk"
    if what.endswith("round"):
        return "rounds"
    return "salt" if "salt" in what else "other"


@dataclass
class ExecutorLedger:
    """The executor's books for one season, with the totals of the seasons before."""

    salt_price_eur_per_t: float  # contract price the stock is valued at [EUR/t]
    opening_salt_t: float  # salt in the depot when the season opened [t]
    standby_eur: float = 0.0
    crews_eur: float = 0.0
    trucks_eur: float = 0.0
    past_revenue_eur: float = 0.0  # all earlier seasons together [EUR]
    past_cost_eur: float = 0.0
    past_seasons: int = 0

    def hash_parts(self) -> list:
        """The ledger's state for the state hash: its plain values."""
        return plain_values(self)

    def book_hour(
        self, cfg: ExecutorConfig, on_road: int, efficiency: float, new_day: bool
    ) -> None:
        """Crews and trucks on the road this hour (lower efficiency: more hours for the same
        work); standby once a day."""
        if on_road:  # most hours no truck is out (adding 0.0 would change nothing)
            self.crews_eur += on_road * cfg.crew_cost_eur_per_h / efficiency
            self.trucks_eur += on_road * cfg.truck_cost_eur_per_h / efficiency
        if new_day:
            self.standby_eur += cfg.standby_cost_eur_per_day

    def salt_eur(self, depot: SaltDepot) -> float:
        """Salt used so far: opening stock and purchases, less stock in hand and on its way,
        valued at the contract price (spot purchases at what they cost) [EUR]."""
        held_t = depot.stock_t + depot.on_order_t + depot.on_spot_t
        return (self.opening_salt_t - held_t) * self.salt_price_eur_per_t + depot.bought_eur

    def operating_eur(self, depot: SaltDepot) -> float:
        """What running the service cost: standby, crews, trucks and salt used [EUR]."""
        return self.standby_eur + self.crews_eur + self.trucks_eur + self.salt_eur(depot)

    def costs(self, depot: SaltDepot, development_eur: float) -> dict[str, float]:
        """This season's cost by part [EUR]."""
        return {
            "standby": self.standby_eur,
            "crews": self.crews_eur,
            "trucks": self.trucks_eur,
            "salt": self.salt_eur(depot),
            "development": development_eur,
        }


def revenues(gov: Governance) -> dict[str, float]:
    """This season's revenue by part [EUR]: each paid invoice's lines in proportion to what
    was paid of it, settlements of disputes, and penalties (negative)."""
    parts = dict.fromkeys(REVENUE_PARTS, 0.0)
    invoiced = 0.0
    for inv in gov.invoices:
        claimed = inv.claimed_eur
        if inv.paid_eur <= 0.0 or claimed <= 0.0:
            continue
        invoiced += inv.paid_eur
        share = inv.paid_eur / claimed
        for line in inv.lines:
            parts[revenue_part(line.what)] += line.claimed_eur * share
    parts["settled"] = gov.ledger.paid_to_executor_eur - invoiced
    parts["penalties"] = -gov.ledger.penalties_eur
    return parts


def margin_pct(revenue_eur: float, cost_eur: float) -> float:
    """Result as a share of revenue [%] (0 without revenue, as in-house)."""
    return 100.0 * (revenue_eur - cost_eur) / revenue_eur if revenue_eur > 0 else 0.0


def booked_margin_pct(gov: Governance) -> float:
    """The margin the executor books so far this season [%]: invoices count when sent (an
    invoice under review at what it claims, a reviewed one at what was paid, the disputed
    rest only once settled), less the penalties, against the cost so far. The executor's
    own reading of how the season goes, which sets its financial pressure."""
    ex = gov.model.executor
    revenue = sum(revenues(gov).values()) + sum(
        inv.claimed_eur for inv in gov.invoices if inv.status == "open")
    cost = sum(ex.ledger.costs(ex.depot, gov.ledger.development_eur).values())
    return margin_pct(revenue, cost)


def executor_kpis(gov: Governance) -> dict[str, float]:
    """The executor's conduct over the season: the markup it realised on discretionary
    lines [%], its pressure at the end [-], and its answers to the gemeente's orders."""
    fair = claimed = 0.0
    for inv in gov.invoices:
        for line in inv.lines:
            if line.what != "fee" and line.fair_eur > 0:
                fair += line.fair_eur
                claimed += line.claimed_eur
    return {"markup_mean_pct": 100.0 * (claimed - fair) / fair if fair > 0 else 0.0,
            "executor_pressure_end": gov.model.executor.conduct.pressure,
            "jobs_tussendoor": float(gov.counts["jobs_tussendoor"]),
            "orders_refused": float(gov.counts["orders_refused"]),
            "orders_written_approval": float(gov.counts["written_approvals"]),
            "orders": float(len(gov.orders)),
            "dispute_days_mean": dispute_days_mean(gov)}


def dispute_days_mean(gov: Governance) -> float:
    """How long disputes stay open, settled or not at the season's end [days] (0 without)."""
    end = gov.model.hour
    days = [((d.settled_hour if d.resolved else end) - d.hour) / 24.0 for d in gov.disputes]
    return sum(days) / len(days) if days else 0.0


def profit_and_loss(gov: Governance) -> dict[str, float]:
    """The executor's season and all seasons so far: revenue, cost, result, margin.

    In-house there is no contract: revenue is 0 and the margin is reported as 0.
    """
    ex = gov.model.executor
    book = ex.ledger
    revenue = sum(revenues(gov).values()) if gov.contract.sourcing != "in_house" else 0.0
    cost = sum(book.costs(ex.depot, gov.ledger.development_eur).values())
    all_revenue, all_cost = book.past_revenue_eur + revenue, book.past_cost_eur + cost
    return {
        "revenue_eur": revenue,
        "cost_eur": cost,
        "result_eur": revenue - cost,
        "margin_pct": margin_pct(revenue, cost),
        "revenue_all_seasons_eur": all_revenue,
        "cost_all_seasons_eur": all_cost,
        "margin_all_seasons_pct": margin_pct(all_revenue, all_cost),
    }
