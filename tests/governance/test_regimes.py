"""Regimes that differ by mechanism: who can leave, what walking away is worth, the
executor's pricing under the threat of a tender, the newcomer after a switch, in-house
work that never reaches an invoice, and a transition team that learns from events."""

from __future__ import annotations

import copy

import pytest

from sim.governance import regimes
from sim.governance.contract import BASE_MARGIN, InvoiceLine, markup
from sim.governance.schedule import team_learns
from sim.scenario.schema import ContractConfig
from tests.governance.helpers import new_model, step_hours

MONTH = 24 * 31


@pytest.fixture(scope="module")
def market_month():
    """A market contract a month into the test winter (invoices, call-outs)."""
    model = new_model(contract={"sourcing": "market"})
    step_hours(model, MONTH)
    return model


def test_under_forced_shopping_neither_side_can_leave_and_no_deal_costs_escalation() -> None:
    gov = new_model(contract={"sourcing": "forced"}).governance
    hours = gov.model.scenario.regime.escalation_hours
    assert not regimes.can_exit(gov, "regisseur") and not regimes.can_exit(gov, "executor")
    assert regimes.outside_option(gov, "regisseur") == -hours * gov.muni.regie_cost_eur_per_h
    assert regimes.outside_option(gov, "executor") == (
        -hours * gov.contract.meerwerk_rate_eur_per_h
    )


def test_in_house_there_is_no_exit_and_nothing_to_walk_away_from() -> None:
    gov = new_model(contract={"sourcing": "in_house"}).governance
    assert not regimes.can_exit(gov, "regisseur")
    assert (
        regimes.outside_option(gov, "regisseur") == regimes.outside_option(gov, "executor") == 0.0
    )


def test_in_house_work_never_reaches_an_invoice() -> None:
    model = new_model(contract={"sourcing": "in_house"})
    step_hours(model, MONTH)
    assert model.executor.fleet.actions  # work was done ...
    assert model.governance.invoices == [] and model.governance.ledger.unbilled_lines == []


def test_in_the_market_both_sides_can_leave(market_month) -> None:
    gov = market_month.governance
    assert regimes.can_exit(gov, "regisseur") and regimes.can_exit(gov, "executor")


def test_a_market_executor_at_risk_of_losing_the_tender_has_less_to_walk_away_to(
    market_month,
) -> None:
    trusted, distrusted = copy.deepcopy(market_month), copy.deepcopy(market_month)
    trusted.governance.rel.trust_g_in_e = 0.8
    distrusted.governance.rel.trust_g_in_e = 0.1
    at_risk = regimes.switch_probability(distrusted.governance)
    assert at_risk > regimes.switch_probability(trusted.governance)
    assert regimes.outside_option(distrusted.governance, "executor") < regimes.outside_option(
        trusted.governance, "executor"
    )
    # ... so it keeps less of its markup (it concedes on price)
    assert (
        regimes.tender_discipline(distrusted.governance)
        < regimes.tender_discipline(trusted.governance)
        <= 1.0
    )


def test_outside_the_market_the_executor_keeps_its_whole_markup() -> None:
    gov = new_model(contract={"sourcing": "forced"}).governance
    assert regimes.switch_probability(gov) == 0.0 and regimes.tender_discipline(gov) == 1.0


def test_discipline_scales_only_the_markup_above_the_normal_margin() -> None:
    contract = ContractConfig()
    full, half = markup(contract, 0.6, 0.4), markup(contract, 0.6, 0.4, discipline=0.5)
    assert half - BASE_MARGIN == pytest.approx(0.5 * (full - BASE_MARGIN))


def test_a_benchmark_shows_the_gemeente_the_premium_it_pays() -> None:
    blind = new_model(contract={"sourcing": "market"})
    seeing = new_model(contract={"sourcing": "market", "price_benchmark": True})
    for model in (blind, seeing):
        step_hours(model, MONTH)
    assert regimes.premium_seen(blind.governance) == 0.0
    inv = seeing.governance.invoices
    assert regimes.premium_seen(seeing.governance) == pytest.approx(
        sum(i.claimed_eur for i in inv) / sum(i.fair_eur for i in inv) - 1.0
    )


def test_the_newcomer_after_a_switch_must_learn_the_town(market_month) -> None:
    model = copy.deepcopy(market_month)
    model.scenario = model.scenario.model_copy(
        update={"regime": model.scenario.regime.model_copy(update={"tender_noise_eur": 1.0})}
    )
    gov = model.governance
    gov.rel.trust_g_in_e = 0.0  # the gemeente has lost all trust: it switches
    gov.rel.maturity = 0.6
    before = gov.ledger.tender_eur
    regimes.tender(gov)
    assert gov.events[-1] == {"tick": model.hour, "kind": "tender", "outcome": "switch"}
    assert gov.rel.maturity == model.scenario.regime.newcomer_maturity < 0.6
    assert gov.rel.trust_g_in_e == model.scenario.relationship.trust_gemeente_in_executor
    assert gov.ledger.tender_eur - before == (
        gov.contract.tender_cost_eur + gov.contract.switching_cost_eur
    )


def test_the_joint_team_learns_from_the_month_only_as_far_as_the_sides_see_each_other(
    market_month,
) -> None:
    grown = {}
    for contact in (0.0, 1.0):
        model = copy.deepcopy(market_month)
        model.governance.rel.contact = contact
        before = model.governance.rel.maturity
        team_learns(model.governance, model.hour)
        grown[contact] = model.governance.rel.maturity - before
    assert grown[0.0] == 0.0 < grown[1.0]


def test_in_house_an_extra_round_done_tussendoor_stays_out_of_the_budget() -> None:
    plain, ordered = (new_model(contract={"sourcing": "in_house"}) for _ in range(2))
    result = ordered.submit("regisseur", {"type": "request_extra_round", "priority": 2})
    assert result.ok, result.reason
    for model in (plain, ordered):
        step_hours(model, 24)
    extra_true = ordered.executor.true_cost_eur - plain.executor.true_cost_eur
    extra_seen = ordered.gemeente.total_cost_eur() - plain.gemeente.total_cost_eur()
    assert (
        regimes.ad_hoc_cost_eur(ordered.governance)
        > 0.0
        == regimes.ad_hoc_cost_eur(plain.governance)
    )
    # the job's crew and truck hours are missing from what the budget shows
    hidden = plain.scenario.municipality.hidden_in_house_share
    regie = ordered.gemeente.regie_cost_eur() - plain.gemeente.regie_cost_eur()
    job = regimes.ad_hoc_cost_eur(ordered.governance)
    assert extra_seen == pytest.approx((extra_true - job) * (1.0 - hidden) + regie)
    assert extra_seen < extra_true * (1.0 - hidden)


@pytest.fixture(scope="module")
def benchmark_month():
    """A forced contract with a price benchmark, a month into the test winter."""
    model = new_model(contract={"price_benchmark": True})
    step_hours(model, MONTH)
    return model


def _checked(model, claimed_share: float) -> tuple[float, str]:
    """The gemeente's trust after the latest invoice, claimed at this share of its fair
    value, is held against the price check."""
    model = copy.deepcopy(model)
    gov = model.governance
    inv = gov.invoices[-1]
    inv.hour = model.hour
    inv.lines = [InvoiceLine("fee", inv.fair_eur, inv.fair_eur * claimed_share)]
    before = gov.rel.trust_g_in_e
    regimes.benchmark_check(gov)
    return gov.rel.trust_g_in_e - before, gov.rel.history[-1][1]


def test_an_invoice_above_the_benchmark_is_evidence_against_the_executor(benchmark_month):
    small, reason = _checked(benchmark_month, 1.08)
    large, _ = _checked(benchmark_month, 1.30)
    assert reason == "invoice above benchmark" and large < small < 0.0


def test_an_invoice_below_the_benchmark_is_evidence_of_good_faith(benchmark_month):
    change, reason = _checked(benchmark_month, 0.9)
    assert reason == "invoice matches benchmark" and change > 0.0


def test_without_a_benchmark_the_gemeente_has_no_price_check(market_month):
    model = copy.deepcopy(market_month)
    model.governance.invoices[-1].hour = model.hour
    history = list(model.governance.rel.history)
    regimes.benchmark_check(model.governance)
    assert model.governance.rel.history == history
