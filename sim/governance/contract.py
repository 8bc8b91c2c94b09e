"""Contract and money: prices, invoices, meerwerk, penalties and who pays what.

Forced and market regimes invoice monthly: a share of the fixed fee, a unit price per
action, meerwerk at the hourly rate, salt bought in an emergency at cost plus margin.
Every ad-hoc request becomes an invoice line (Hesselink et al.: "Tegenover elke vraag ... staat
een factuur"). In-house there are no invoices; part of the real cost sits in other
budgets (Hesselink et al.: "Er gebeurde daardoor daar meer dan men zich realiseerde").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.scenario.schema import ContractConfig

BASE_MARGIN = 0.06  # the executor's normal margin on cost-based lines [-] (assumption)
MAX_MARKUP = 0.40  # markup an opportunistic monopolist adds under pressure [-] (assumption)
SECONDARY_ROUND_SHARE = 0.6  # a second-priority round costs this share of a full one [-]
RUSH_FACTOR = 1.25  # work ordered directly by the wethouder is rushed [-]


@dataclass
class InvoiceLine:
    """One line: what it is, what it fairly costs, what is claimed."""

    what: str
    fair_eur: float
    claimed_eur: float


@dataclass
class Invoice:
    """A monthly invoice from the executor."""

    id: int
    hour: int
    lines: list[InvoiceLine] = field(default_factory=list)
    status: str = "open"  # open | approved | disputed
    paid_eur: float = 0.0
    penalised_eur: float = 0.0  # penalties deducted from this invoice (korting) [EUR]

    @property
    def claimed_eur(self) -> float:
        """Total claimed [EUR]."""
        return sum(line.claimed_eur for line in self.lines)

    @property
    def fair_eur(self) -> float:
        """Total fair value [EUR] (what an informed outsider would pay)."""
        return sum(line.fair_eur for line in self.lines)


@dataclass
class MeerwerkRequest:
    """A request for work outside the plan, waiting for the regisseur."""

    id: int
    hour: int
    kind: str
    amount_eur: float
    status: str = "open"  # open | approved | rejected


@dataclass
class Ledger:
    """Money flows of the season, from the gemeente's and the executor's side."""

    paid_to_executor_eur: float = 0.0
    meerwerk_eur: float = 0.0
    penalties_eur: float = 0.0
    regie_hours: float = 0.0
    campaign_eur: float = 0.0
    tender_eur: float = 0.0
    development_eur: float = 0.0
    unbilled_fair_eur: float = 0.0  # work done since the last invoice, at fair value
    unbilled_claim_eur: float = 0.0
    unbilled_lines: list[InvoiceLine] = field(default_factory=list)


def markup(contract: ContractConfig, opportunism: float, pressure: float,
           discipline: float = 1.0) -> float:
    """How much above fair value the executor prices discretionary lines [-].

    Grows with opportunism and financial pressure (hold-up under forced shopping,
    Williamson). `discipline` is the share of the extra it keeps when it can lose the
    contract (`sim.governance.regimes.tender_discipline`: 1 outside the market). A price
    benchmark is no discount here: it is information the gemeente observes (an invoice
    above it is evidence, `trust`; Gouda-Cyclus: about 20 % lower after an external
    comparison, which the tender and the disputes it informs bring about).
    """
    m = BASE_MARGIN + MAX_MARKUP * opportunism * (0.5 + pressure)
    return BASE_MARGIN + (m - BASE_MARGIN) * discipline


def fair_action_price(contract: ContractConfig, priority: int) -> float:
    """Contract unit price of one round [EUR]."""
    share = 1.0 if priority == 1 else SECONDARY_ROUND_SHARE
    return contract.unit_price_eur_per_action * share
