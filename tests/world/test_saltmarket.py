"""The national salt market (sim/world/saltmarket.py) and the depot that buys from it."""

from __future__ import annotations

import numpy as np
import pytest

from sim.agents.depot import SaltDepot
from sim.scenario.schema import SaltConfig, SaltMarketConfig
from sim.world.saltmarket import SaltMarket

THAW = np.full(24, 3.0)  # a day with the road surface above freezing all day [degC]
FROST = np.full(24, -4.0)  # a day of frost all day [degC]


def market(**cfg: float) -> SaltMarket:
    return SaltMarket(SaltMarketConfig(**cfg))


def test_national_demand_rises_with_frost_and_snow() -> None:
    m = market()
    assert m.national_demand_kt(THAW, 0.0) == 0.0
    assert m.national_demand_kt(FROST, 0.0) > m.national_demand_kt(FROST[:12], 0.0) > 0.0
    assert m.national_demand_kt(FROST, 5.0) > m.national_demand_kt(FROST, 0.0)


def test_supply_keeps_up_in_a_thaw() -> None:
    m = market()
    m.open_day(THAW, 0.0)
    assert m.fill_rate == 1.0 and not m.dry and m.wait_days == 0.0
    assert m.spot_price_eur_per_t == m.cfg.normal_price_eur_per_t


def test_a_long_cold_spell_dries_the_market_up() -> None:
    m = market(supplier_stock_kt=20.0, supply_kt_per_day=3.0)
    fills = []
    for _ in range(10):
        m.open_day(FROST, 3.0)
        fills.append(m.fill_rate)
    assert fills[0] == 1.0 and fills[-1] < 0.5
    assert all(b <= a for a, b in zip(fills, fills[1:], strict=False))  # rationing deepens
    assert m.dry and m.dry_days > 0 and m.wait_days > 7.0


def test_the_spot_price_rises_in_a_shortage_up_to_the_ceiling() -> None:
    m = market(supplier_stock_kt=0.0, supply_kt_per_day=1.0)
    prices = []
    for _ in range(30):
        m.open_day(FROST, 5.0)
        prices.append(m.spot_price_eur_per_t)
    assert prices[0] >= 2 * m.cfg.normal_price_eur_per_t
    assert prices[-1] == m.cfg.max_price_eur_per_t


def test_the_market_recovers_after_the_thaw() -> None:
    m = market(supplier_stock_kt=10.0, supply_kt_per_day=3.0)
    for _ in range(5):
        m.open_day(FROST, 3.0)
    assert m.dry
    for _ in range(60):
        m.open_day(THAW, 0.0)
    assert not m.dry and m.backlog_kt == 0.0 and m.stock_kt > 0.0


def dry_depot(initial_t: float = 100.0) -> SaltDepot:
    """A depot whose supplier sells on a national market that has run dry."""
    m = market(supplier_stock_kt=0.0, supply_kt_per_day=1.0)
    for _ in range(10):
        m.open_day(FROST, 5.0)
    return SaltDepot(SaltConfig(initial_stock_t=initial_t), market=m)


def test_a_dry_market_rations_the_contracted_deliveries() -> None:
    normal = SaltDepot(SaltConfig(initial_stock_t=100.0))
    dry = dry_depot()
    for depot in (normal, dry):
        depot.reorder(0)
    lead_h = 24 * int(SaltConfig().resupply_lead_days)
    assert dry.open_orders[0][0] > normal.open_orders[0][0] == lead_h  # the order waits
    day = int(np.ceil(dry.open_orders[0][0] / 24.0)) * 24  # the first day both have arrived
    got_normal, got_dry = normal.receive(day), dry.receive(day)
    assert got_normal == pytest.approx(SaltConfig().supplier_capacity_t_per_week / 7.0)
    assert 0.0 < got_dry < got_normal / 2


def test_emergency_salt_comes_only_as_far_as_the_market_can_deliver() -> None:
    normal, dry = SaltDepot(SaltConfig(initial_stock_t=0.0)), dry_depot(initial_t=0.0)
    normal.emergency_purchase(50.0)
    cost = dry.emergency_purchase(50.0)
    assert normal.stock_t == 50.0 and 0.0 < dry.stock_t < 25.0
    assert cost / dry.stock_t == dry.market.cfg.max_price_eur_per_t


def test_a_failing_supplier_cuts_deliveries_on_top_of_the_market() -> None:
    depot, failing = SaltDepot(SaltConfig()), SaltDepot(SaltConfig())
    for d in (depot, failing):
        d.stock_t = 0.0
        d.reorder(0)
    failing.supplier_fails(until_hour=24 * 30)
    day = 24 * 5
    assert failing.receive(day) == pytest.approx(depot.receive(day) / 7.0)
