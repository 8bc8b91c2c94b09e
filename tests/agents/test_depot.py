"""The salt depot (sim/agents/depot.py): stock, supplier deliveries, failure, spot purchase."""

from __future__ import annotations

import pytest

from sim.agents.depot import SaltDepot
from sim.scenario.schema import SaltConfig

DAY = 24


def depot(**overrides: float) -> SaltDepot:
    base = {
        "initial_stock_t": 20.0,
        "capacity_t": 500.0,
        "reorder_level_t": 150.0,
        "order_quantity_t": 200.0,
        "resupply_lead_days": 0.0,
        "supplier_capacity_t_per_week": 70.0,
        "price_eur_per_t": 65.0,
        "shortage_price_eur_per_t": 200.0,
    }
    return SaltDepot(SaltConfig(**{**base, **overrides}))


def run_days(d: SaltDepot, days: int, use_t_per_day: float) -> list[float]:
    """Order, receive and spend salt day by day; returns what each day's use got."""
    got = []
    for day in range(days):
        hour = day * DAY
        d.reorder(hour)
        d.receive(hour)
        got.append(d.take(use_t_per_day))
    return got


def test_stock_runs_out_when_consumption_exceeds_resupply():
    d = depot(initial_stock_t=20.0, supplier_capacity_t_per_week=7.0)  # 1 t/day
    got = run_days(d, 10, use_t_per_day=5.0)
    assert d.stock_t == pytest.approx(0.0)
    assert got[0] == pytest.approx(5.0)
    assert got[-1] == pytest.approx(1.0)  # only the day's delivery is left to spread
    assert d.used_t == pytest.approx(20.0 + 10 * 1.0)


def test_stock_holds_when_resupply_covers_consumption():
    d = depot(initial_stock_t=20.0, supplier_capacity_t_per_week=70.0)  # 10 t/day
    got = run_days(d, 10, use_t_per_day=5.0)
    assert got == pytest.approx([5.0] * 10)
    assert d.stock_t > 20.0


def test_deliveries_are_limited_by_supplier_capacity():
    d = depot(initial_stock_t=0.0, supplier_capacity_t_per_week=70.0)
    d.reorder(0)
    assert d.on_order_t == pytest.approx(200.0)
    daily = [d.receive(day * DAY) for day in range(5)]
    assert daily == pytest.approx([10.0] * 5)
    assert d.stock_t == pytest.approx(50.0)


def test_deliveries_arrive_after_the_lead_time():
    d = depot(initial_stock_t=0.0, resupply_lead_days=3.0)
    d.reorder(0)
    assert [d.receive(day * DAY) for day in range(3)] == [0.0, 0.0, 0.0]
    assert d.receive(3 * DAY) > 0.0


def test_supplier_failure_cuts_deliveries_to_a_seventh():
    d = depot(initial_stock_t=0.0, supplier_capacity_t_per_week=70.0)
    d.reorder(0)
    d.supplier_fails(until_hour=3 * DAY)
    failing = [d.receive(day * DAY) for day in range(3)]
    assert failing == pytest.approx([10.0 / 7.0] * 3)
    assert d.receive(3 * DAY) == pytest.approx(10.0)  # the contract is back


def test_emergency_purchase_costs_the_shortage_price():
    d = depot(initial_stock_t=0.0, shortage_price_eur_per_t=250.0)
    cost = d.emergency_purchase(12.0)
    assert cost == pytest.approx(12.0 * 250.0)
    assert d.stock_t == pytest.approx(12.0)
    assert d.bought_eur == pytest.approx(cost)


def test_emergency_purchase_is_limited_by_depot_capacity():
    d = depot(initial_stock_t=95.0, capacity_t=100.0)
    cost = d.emergency_purchase(20.0)
    assert d.stock_t == pytest.approx(100.0)
    assert cost == pytest.approx(5.0 * d.cfg.shortage_price_eur_per_t)


def test_regular_orders_cost_the_contract_price():
    d = depot(initial_stock_t=0.0, price_eur_per_t=60.0)
    qty = d.reorder(0)
    assert d.bought_eur == pytest.approx(qty * 60.0)


def test_no_order_while_stock_and_open_orders_reach_the_reorder_level():
    d = depot(initial_stock_t=150.0, resupply_lead_days=3.0)
    assert d.reorder(0) == 0.0  # stock alone at the level
    d.take(100.0)
    assert d.reorder(1) == 200.0  # 50 t left: an order
    assert d.reorder(2) == 0.0  # 50 t in stock and 200 t on order
    assert d.open_orders == [[float(1 + 3 * DAY), 200.0]]


def test_spot_salt_arrives_when_it_is_due_and_not_before():
    d = depot(initial_stock_t=0.0)
    assert d.receive_spot(0) == 0.0  # nothing ordered
    d.spot_order(0, 30.0, lead_h=6)
    assert d.receive_spot(5) == 0.0
    assert d.receive_spot(6) == pytest.approx(30.0 * d.market.fill_rate)
    assert d.spot_orders == []
