"""Carry-over between winters: what the next season inherits from the one that ended.

The town and its residents stay (see `sim.model.PERMANENT_STREAMS`); the relationship
between gemeente and executor (both sides' beliefs, the misunderstandings not yet cleared,
how much they see of each other), the executor's maturity, the salt left in the depot, the
executor's revenue and cost so far (its books across seasons), the contract year and the
calendar carry over. Everything else starts afresh.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, TypedDict

from sim.agents.ledger import profit_and_loss
from sim.governance.regimes import retender_gain
from sim.governance.relationship import Belief, Misunderstanding

if TYPE_CHECKING:
    from sim.model import RegieModel


class Carry(TypedDict):
    """The state one winter hands to the next."""

    trust_g_in_e: float  # gemeente's trust in the executor [0-1]
    trust_e_in_g: float  # executor's trust in the gemeente [0-1]
    maturity: float  # the executor's maturity [0-1]
    beliefs: dict[str, dict[str, Belief]]  # each side's belief per aspect (evidence counts)
    misunderstandings: list[Misunderstanding]  # misread observations not yet cleared
    contact: float  # how much the sides see of each other [0-1]
    imposed: dict[str, float]  # trust set from outside the evidence (an offset) [-]
    salt_stock_t: float  # salt left in the depot at the end of the winter [t]
    contract_year: int  # contract year of the next winter (the first winter is year 0)
    days_elapsed: int  # days from the first winter's start to the next one's [d]
    executor_revenue_eur: float  # the executor's revenue over all winters so far [EUR]
    executor_cost_eur: float  # and its cost [EUR]
    executor_seasons: int  # winters in those totals


def carry_state(model: RegieModel) -> Carry:
    """What the winter after `model`'s inherits: relationship, salt, contract year, days."""
    rel = model.governance.rel
    pnl = profit_and_loss(model.governance)
    return {"trust_g_in_e": rel.trust_g_in_e, "trust_e_in_g": rel.trust_e_in_g,
            "maturity": rel.maturity, "beliefs": copy.deepcopy(rel.beliefs),
            "misunderstandings": copy.deepcopy(rel.pending), "contact": rel.contact,
            "imposed": dict(rel.imposed),
            "salt_stock_t": model.executor.depot.stock_t,
            "contract_year": model.season + 1,
            "days_elapsed": model.season_day0 + 365,
            "executor_revenue_eur": pnl["revenue_all_seasons_eur"],
            "executor_cost_eur": pnl["cost_all_seasons_eur"],
            "executor_seasons": model.executor.ledger.past_seasons + 1}


def tender_due(model: RegieModel, contract_year: int) -> bool:
    """Market regime, between winters: a tender when the contract period ends, or earlier
    when the gemeente expects to gain by re-tendering (`regimes.retender_gain` > 0: the
    premium it sees and the trust it lacks outweigh switching and a newcomer's learning)."""
    if model.scenario.contract.sourcing != "market":
        return False
    if contract_year % model.scenario.contract.period_years == 0:
        return True
    return retender_gain(model.governance) > 0.0


def apply_carry(model: RegieModel, carry: Carry) -> None:
    """Start `model`'s winter from the previous one's state (and a tender if one is due).

    The summer purchase tops the depot up by one order, up to its capacity; the executor's
    books open the winter with that stock (valued when it is used). The executor's
    conduct follows from the relationship, so it is applied again afterwards.
    """
    gov = model.governance
    rel = gov.rel
    rel.beliefs = copy.deepcopy(carry["beliefs"])
    rel.pending = copy.deepcopy(carry["misunderstandings"])
    rel.contact = carry["contact"]
    rel.imposed = dict(carry["imposed"])
    rel.trust.update(gemeente=carry["trust_g_in_e"], executor=carry["trust_e_in_g"])
    rel.maturity = carry["maturity"]
    depot = model.executor.depot
    depot.stock_t = min(depot.cfg.capacity_t,
                        carry["salt_stock_t"] + depot.cfg.order_quantity_t)
    book = model.executor.ledger
    book.opening_salt_t = depot.stock_t
    book.past_revenue_eur = carry["executor_revenue_eur"]
    book.past_cost_eur = carry["executor_cost_eur"]
    book.past_seasons = carry["executor_seasons"]
    if tender_due(model, carry["contract_year"]):
        gov.tender()
    model.executor.conduct.apply()
