"""The executor's conduct: applied once when the day closes, efficiency within its bounds,
pressure read from the margin, the posture its seat chooses (markup by pressure and
reciprocity, effort, jobs tussendoor), and money it feels denied coming back on invoices."""

from __future__ import annotations

import pytest

from sim.agents.conduct import EFFICIENCY_FLOOR, LOSS_AVERSION, RECOUP_SHARE, Conduct
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


def _view(model, **values) -> dict:
    """The executor's posture view with some values set (what its seat weighs)."""
    return {**model.executor.conduct.posture_view(), **values}


def test_an_executor_that_trusts_the_gemeente_prices_more_modestly() -> None:
    model = new_model(roles={"executor": {"bot": "opportunistic"}})
    bot = model.governance.controllers["executor"]
    distrusting = bot.posture(_view(model, trust_in_gemeente=0.2))[0]
    trusting = bot.posture(_view(model, trust_in_gemeente=0.9))[0]
    assert trusting < distrusting


@pytest.mark.parametrize("bot", ["cooperative", "opportunistic", "bureaucratic"])
def test_under_loss_an_executor_marks_up_more(bot: str) -> None:
    model = new_model(roles={"executor": {"bot": bot}})
    seat = model.governance.controllers["executor"]
    easy = seat.posture(_view(model, pressure=0.1))[0]
    strained = seat.posture(_view(model, pressure=0.9))[0]
    assert strained > easy


def test_under_loss_a_cooperative_executor_does_no_more_jobs_tussendoor() -> None:
    model = new_model(roles={"executor": {"bot": "cooperative"}})
    seat = model.governance.controllers["executor"]
    obs = model.observe("executor")

    def answer(pressure: float) -> str:
        private = {**obs["private"], "pressure": pressure, "trust_in_gemeente": 0.6}
        return seat.order_response({}, {**obs, "private": private})

    assert answer(0.2) == "tussendoor"
    assert answer(0.6) == "accept"
    assert answer(0.9) == "invoice"
    strained = seat.posture(_view(model, pressure=0.9, trust_in_gemeente=0.6))
    easy = seat.posture(_view(model, pressure=0.2, trust_in_gemeente=0.6))
    assert strained[1:] == ("lean", "invoice")
    assert easy[1:] == ("full", "tussendoor")


@pytest.mark.parametrize("small_jobs,billed,favours", [("invoice", 1, 0), ("tussendoor", 0, 1)])
def test_a_small_job_is_billed_or_done_tussendoor_as_the_posture_says(
        small_jobs: str, billed: int, favours: int) -> None:
    model = new_model()
    gov = model.governance
    model.executor.conduct.set_posture(10.0, "full", small_jobs)
    assert model.submit("wethouder", {"type": "call_executor"}).ok
    assert len(gov.ledger.unbilled_lines) == billed
    assert gov.counts["jobs_tussendoor"] == favours
    assert ("help given" in [h[1] for h in gov.rel.history]) == bool(favours)


def _pressure_at(model, monkeypatch, margin_pct: float) -> float:
    monkeypatch.setattr("sim.agents.conduct.booked_margin_pct", lambda gov: margin_pct)
    return model.executor.conduct.update_pressure()


def test_pressure_is_read_from_the_margin_against_the_aspiration(monkeypatch) -> None:
    """Below the aspiration pressure rises above the prior, above it falls; a shortfall
    weighs LOSS_AVERSION times a surplus of the same size (prospect theory)."""
    model = new_model(executor={"financial_pressure": 0.4, "aspiration_margin_pct": 6.0,
                                "pressure_per_margin_pct": 0.02,
                                "loss_aversion": LOSS_AVERSION})
    assert _pressure_at(model, monkeypatch, 6.0) == pytest.approx(0.4)
    short = _pressure_at(model, monkeypatch, 1.0) - 0.4
    over = 0.4 - _pressure_at(model, monkeypatch, 11.0)
    assert short == pytest.approx(LOSS_AVERSION * over) and over == pytest.approx(0.1)
    assert _pressure_at(model, monkeypatch, -100.0) == 1.0
    assert _pressure_at(model, monkeypatch, 100.0) == 0.0


def test_a_more_loss_averse_executor_feels_a_shortfall_more(monkeypatch) -> None:
    calm = new_model(executor={"loss_aversion": 1.0})
    averse = new_model(executor={"loss_aversion": 3.0})
    assert _pressure_at(averse, monkeypatch, 0.0) > _pressure_at(calm, monkeypatch, 0.0)
    assert _pressure_at(averse, monkeypatch, 12.0) == _pressure_at(calm, monkeypatch, 12.0)


def test_in_house_the_pressure_stays_at_its_prior(monkeypatch) -> None:
    model = new_model(contract={"sourcing": "in_house"}, executor={"financial_pressure": 0.3})
    assert _pressure_at(model, monkeypatch, -50.0) == pytest.approx(0.3)


def test_the_monthly_point_sets_the_seats_posture() -> None:
    """At the monthly point the executor's seat (a bot) sets markup and effort from the
    pressure it has just read; the invoice's discretionary lines carry that markup."""
    model = new_model(roles={"executor": {"bot": "opportunistic"}},
                      weather={"days": 33})
    step_hours(model, 24 * 30 + 10)
    postures = [e for e in model.governance.events if e["kind"] == "action"
                and e["action"]["type"] == "set_posture"]
    assert len(postures) == 1
    conduct = model.executor.conduct
    assert conduct.markup_pct == postures[0]["action"]["markup_pct"]
    assert conduct.effort == postures[0]["action"]["effort"]
    [point] = [p for p in model.governance.board.points if p.kind == "posture"]
    bot = model.governance.controllers["executor"]
    assert bot.posture(point.context) == (conduct.markup_pct, conduct.effort,
                                          conduct.small_jobs)
    assert point.context["pressure"] == pytest.approx(conduct.pressure, abs=1e-4)


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
    assert conduct.pressure_boost == 0.8 and conduct.pressure == pytest.approx(1.0)
    assert model.executor.efficiency == pytest.approx(max(EFFICIENCY_FLOOR, before - 0.08))
    assert conduct.markup() >= markup
