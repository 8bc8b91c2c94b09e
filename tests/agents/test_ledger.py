"""The executor's profit and loss: what it books, what it earns, and what carries over."""

from __future__ import annotations

import pytest

from sim.agents.ledger import profit_and_loss, revenue_part, revenues
from sim.governance.contract import Invoice, InvoiceLine
from sim.model import RegieModel
from sim.scenario.schema import Scenario

WINTER = {"days": 3, "start_date": "2025-12-10"}


def model(**sections: dict) -> RegieModel:
    return RegieModel(Scenario.model_validate({"weather": WINTER, **sections}), seed=3)


def test_salt_taken_from_the_starting_stock_is_a_cost_at_the_contract_price() -> None:
    m = model()
    depot = m.executor.depot
    assert m.executor.ledger.salt_eur(depot) == 0.0
    depot.take(12.0)
    assert m.executor.ledger.salt_eur(depot) == pytest.approx(12.0 * depot.cfg.price_eur_per_t)


def test_salt_bought_and_still_in_the_depot_is_not_yet_a_cost() -> None:
    m = model()
    depot = m.executor.depot
    depot.stock_t += 50.0  # as if bought and delivered
    depot.bought_eur += 50.0 * depot.cfg.price_eur_per_t
    assert m.executor.ledger.salt_eur(depot) == pytest.approx(0.0)


def test_standby_is_booked_once_a_day_and_crews_and_trucks_per_hour_on_the_road() -> None:
    m = model()
    book, cfg = m.executor.ledger, m.executor.cfg
    book.book_hour(cfg, on_road=2, efficiency=1.0, new_day=True)
    book.book_hour(cfg, on_road=2, efficiency=0.5, new_day=False)
    assert book.standby_eur == cfg.standby_cost_eur_per_day
    assert book.crews_eur == pytest.approx(6 * cfg.crew_cost_eur_per_h)
    assert book.trucks_eur == pytest.approx(6 * cfg.truck_cost_eur_per_h)


@pytest.mark.parametrize(("line", "part"), [
    ("fee", "fee"), ("preventive round", "rounds"), ("snow round", "rounds"),
    ("meerwerk: extra round", "meerwerk"), ("meerwerk: targeted job", "meerwerk"),
    ("emergency salt", "salt"), ("nagekomen kosten", "other")])
def test_each_invoice_line_is_revenue_of_its_kind(line: str, part: str) -> None:
    assert revenue_part(line) == part


def test_a_disputed_invoice_counts_in_proportion_to_what_was_paid_and_penalties_subtract() -> None:
    m = model()
    gov = m.governance
    gov.invoices.append(Invoice(0, 0, [InvoiceLine("fee", 800.0, 800.0),
                                       InvoiceLine("preventive round", 200.0, 200.0)],
                                status="disputed", paid_eur=500.0))
    gov.ledger.paid_to_executor_eur = 600.0  # 100 of it settled later in a meeting
    gov.ledger.penalties_eur = 50.0
    parts = revenues(gov)
    assert (parts["fee"], parts["rounds"]) == pytest.approx((400.0, 100.0))
    assert (parts["settled"], parts["penalties"]) == pytest.approx((100.0, -50.0))
    assert profit_and_loss(gov)["revenue_eur"] == pytest.approx(550.0)


def test_in_house_there_is_no_revenue_and_no_margin() -> None:
    m = model(contract={"sourcing": "in_house"})
    m.run_season()
    pnl = profit_and_loss(m.governance)
    assert pnl["revenue_eur"] == 0.0 and pnl["margin_pct"] == 0.0
    assert pnl["cost_eur"] > 0.0


def test_the_season_margin_kpi_is_the_ledgers() -> None:
    m = model()
    m.run_season()
    kpis = m.gemeente.governance_kpis()
    pnl = profit_and_loss(m.governance)
    assert kpis["executor_margin_pct"] == pnl["margin_pct"]
    assert kpis["executor_result_eur"] == pnl["result_eur"]


def test_the_next_winter_carries_the_books_and_opens_with_its_own_stock() -> None:
    first = model()
    first.run_season()
    before = profit_and_loss(first.governance)
    second = first.next_season()
    book = second.executor.ledger
    assert (book.past_revenue_eur, book.past_cost_eur, book.past_seasons) == (
        before["revenue_eur"], before["cost_eur"], 1)
    assert book.opening_salt_t == second.executor.depot.stock_t
    assert profit_and_loss(second.governance)["revenue_all_seasons_eur"] == pytest.approx(
        before["revenue_eur"])
