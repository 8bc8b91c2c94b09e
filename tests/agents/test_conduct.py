"""The executor's conduct: applied once when the day closes, efficiency within its bounds,
markup by reciprocity, and money it feels denied coming back on invoices."""

from __future__ import annotations

import pytest

from sim.agents.conduct import EFFICIENCY_FLOOR, RECOUP_SHARE, Conduct
from tests.governance.helpers import new_model, step_hours


def test_conduct_is_applied_once_when_a_month_end_day_closes(monkeypatch) -> None:
    model = new_model()
    step_hours(model, 24 * 29 + 23)  # the last hour of season day 29 (a month's end) is next
    calls: list[int] = []
    apply = Conduct.apply
    monkeypatch.setattr(Conduct, "apply", lambda self: (calls.append(model.hour), apply(self)))
    maturity = model.governance.rel.maturity
    step_hours(model, 1)
    assert model.governance.rel.maturity > maturity  # the month's growth happened
    assert len(calls) == 1


def test_efficiency_never_falls_below_its_floor() -> None:
    model = new_model()
    conduct = model.executor.conduct
    for _ in range(30):
        conduct.lose_efficiency(0.1)
    assert model.executor.efficiency == EFFICIENCY_FLOOR


def test_efficiency_recovers_daily_up_to_what_maturity_allows() -> None:
    model = new_model()
    conduct = model.executor.conduct
    conduct.lose_efficiency(0.05)
    before = model.executor.efficiency
    conduct.recover_efficiency()
    assert model.executor.efficiency == pytest.approx(min(before + 0.01,
                                                          conduct.efficiency_cap()))
    for _ in range(100):
        conduct.recover_efficiency()
    assert model.executor.efficiency == pytest.approx(conduct.efficiency_cap())


def test_an_executor_that_trusts_the_gemeente_prices_more_modestly() -> None:
    model = new_model(roles={"executor": {"bot": "opportunistic"}})
    rel = model.governance.rel
    rel.trust_e_in_g = 0.2
    distrusting = model.executor.conduct.markup()
    rel.trust_e_in_g = 0.9
    assert model.executor.conduct.markup() < distrusting


def test_money_felt_denied_comes_back_half_at_a_time() -> None:
    conduct = new_model().executor.conduct
    assert conduct.recoup() is None
    conduct.feel_denied(1000.0)
    assert conduct.recoup() == pytest.approx(RECOUP_SHARE * 1000.0)
    assert conduct.grievance_eur == pytest.approx((1 - RECOUP_SHARE) * 1000.0)


def test_financial_trouble_raises_pressure_and_costs_efficiency() -> None:
    model = new_model()
    conduct, before = model.executor.conduct, model.executor.efficiency
    markup = conduct.markup()
    conduct.financial_trouble(0.8)
    assert conduct.pressure_boost == 0.8
    assert model.executor.efficiency == pytest.approx(max(EFFICIENCY_FLOOR, before - 0.08))
    assert conduct.markup() >= markup
