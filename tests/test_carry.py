"""Carry-over between winters: what the next season inherits from the one that ended."""

from __future__ import annotations

import pytest

from sim.model import RegieModel
from sim.scenario.schema import Scenario

WINTER = {"days": 3, "start_date": "2025-12-10"}


def model(**sections: dict) -> RegieModel:
    return RegieModel(Scenario.model_validate({"weather": WINTER, **sections}), seed=3)


@pytest.fixture(scope="module")
def ended() -> RegieModel:
    """A winter that ends with its own trust, maturity and salt (set, not simulated)."""
    m = model()
    m.governance.rel.trust_g_in_e, m.governance.rel.trust_e_in_g = 0.23, 0.71
    m.governance.rel.maturity = 0.64
    m.executor.depot.stock_t = 37.0
    return m


def test_the_next_winter_starts_with_the_trust_and_maturity_the_last_one_ended_with(ended):
    rel = ended.next_season().governance.rel
    assert (rel.trust_g_in_e, rel.trust_e_in_g, rel.maturity) == (0.23, 0.71, 0.64)


def test_the_summer_purchase_tops_the_salt_left_up_by_one_order(ended):
    depot = ended.next_season().executor.depot
    assert depot.stock_t == 37.0 + depot.cfg.order_quantity_t


def test_the_summer_purchase_never_fills_the_depot_beyond_its_capacity():
    m = model()
    m.executor.depot.stock_t = m.executor.depot.cfg.capacity_t - 1.0
    depot = m.next_season().executor.depot
    assert depot.stock_t == depot.cfg.capacity_t


def test_each_winter_starts_a_year_later_in_the_run():
    second = model().next_season()
    third = second.next_season()
    assert (second.season, second.season_day0) == (1, 365)
    assert (third.season, third.season_day0) == (2, 730)


def test_a_market_contract_is_tendered_when_its_period_ends():
    first = model(contract={"sourcing": "market", "period_years": 2})
    second = first.next_season()
    third = second.next_season()
    assert second.governance.ledger.tender_eur == 0.0
    assert third.governance.ledger.tender_eur > 0.0


def test_a_forced_contract_is_never_tendered():
    second = model(contract={"sourcing": "forced", "period_years": 1}).next_season()
    assert second.governance.ledger.tender_eur == 0.0


@pytest.mark.parametrize("trust,tendered", [(0.05, True), (0.6, False)])
def test_in_the_market_a_gemeente_that_lost_trust_re_tenders_before_the_period_ends(
        trust: float, tendered: bool) -> None:
    first = model(contract={"sourcing": "market", "period_years": 4, "switching_cost_eur": 0.0})
    first.governance.rel.trust_g_in_e = trust
    second = first.next_season()
    assert (second.governance.ledger.tender_eur > 0.0) == tendered
