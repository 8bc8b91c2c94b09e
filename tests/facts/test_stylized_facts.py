"""The eight stylized facts of DESIGN.md as statistical tests.

Each compares two configurations over 20 seeds on the same winters (the weather and the
town depend only on the seed) and states its statistic: the paired difference B - A of a
KPI with its 95% t-interval, which must lie on the stated side of zero.
"""

from __future__ import annotations

import pytest

from tests.facts.paired import paired

# Tests of facts that share configurations run in one xdist worker, so the cached runs are
# shared (`pytest -n 2 --dist loadgroup`, as .ci/run does).
GROUP_A = pytest.mark.xdist_group("facts_a")
GROUP_B = pytest.mark.xdist_group("facts_b")
SHORT_SEASONS = {"days": 45, "start_date": "2025-12-15"}  # three winters of the cold core

SMALL_STOCK = {"initial_stock_t": 40, "supplier_capacity_t_per_week": 10,
               "reorder_level_t": 30, "order_quantity_t": 60}
SEVERE_SHORTAGE = {"weather": {"climate": "severe"}, "executor": {"salt": SMALL_STOCK},
                   "injects": [{"name": "salt_supplier_fails", "day": 10, "severity": 1.0}]}
RULES = [{"rule": "salt_emergency_purchase", "threshold": 30, "max_amount_eur": 10_000},
         {"rule": "plough_authorised", "threshold": 2}, {"rule": "sand_fallback"}]
WITH_RULES = {**SEVERE_SHORTAGE, "contract": {"decision_rules": RULES}}
FULL_SEASON = {"days": 151, "start_date": "2025-11-01"}  # monthly invoices need the whole winter
CONTROLLER = {"weather": FULL_SEASON, "municipality": {"steering_style": "output_control"},
              "roles": {"regisseur": {"bot": "controller"}}}
RELATIONAL = {"weather": FULL_SEASON, "municipality": {"steering_style": "relational"},
              "roles": {"regisseur": {"bot": "relational"}}}
BYPASSING = {"roles": {"wethouder": {"bot": "incident_driven"}}}


@GROUP_A
def test_fact1_forced_shopping_makes_visible_cost_rise_against_in_house() -> None:
    r = paired({"contract": {"sourcing": "in_house"}}, {"contract": {"sourcing": "forced"}},
               "cost_total_eur")
    assert r.low > 0, r


@GROUP_A
def test_fact2_severe_winter_without_decision_rules_runs_out_of_salt() -> None:
    r = paired(WITH_RULES, SEVERE_SHORTAGE, "salt_shortage_days")
    assert r.low > 0, r


@GROUP_A
def test_fact2_severe_winter_without_decision_rules_lowers_reachability() -> None:
    r = paired(WITH_RULES, SEVERE_SHORTAGE, "reachability_pct")
    assert r.high < 0, r


@GROUP_A
def test_fact2_severe_winter_without_decision_rules_raises_political_attention() -> None:
    r = paired(WITH_RULES, SEVERE_SHORTAGE, "attention_peak")
    assert r.low > 0, r


@GROUP_A
def test_fact3_relational_steering_builds_more_trust_both_ways() -> None:
    for kpi in ("trust_gemeente_in_executor", "trust_executor_in_gemeente"):
        r = paired(CONTROLLER, RELATIONAL, kpi)
        assert r.low > 0, (kpi, r)


@GROUP_A
def test_fact3_relational_steering_has_fewer_escalations() -> None:
    r = paired(CONTROLLER, RELATIONAL, "escalations")
    assert r.diff < 0 and r.high <= 0, r


@GROUP_A
def test_fact3_relational_steering_costs_no_more_than_contract_control() -> None:
    r = paired(CONTROLLER, RELATIONAL, "cost_total_eur")
    assert r.high < 0.03 * r.mean_a, r  # at most 3% dearer at the upper end of the interval


@GROUP_B
def test_fact4_output_agreements_hide_an_opportunistic_executor_in_the_output_kpi() -> None:
    cooperative = {"roles": {"executor": {"bot": "cooperative"}},
                   "contract": {"agreements": "output"}}
    opportunistic = {"roles": {"executor": {"bot": "opportunistic"}},
                     "contract": {"agreements": "output"}}
    output = paired(cooperative, opportunistic, "output_score")
    outcome = paired(cooperative, opportunistic, "outcome_score")
    assert output.low > -1.0, output  # reported output looks as good (or better)
    assert outcome.high < 0, outcome  # while the outcome on the street is worse


@GROUP_B
@pytest.mark.xfail(strict=True, reason=(
    "Since issue 12 a bypass is an aimed job of about an hour and the committee's decisions "
    "cost money too: B-A is +610 EUR [-42; 1,262] over 20 seeds, B higher in 80 % of them, "
    "so the model no longer shows this at the 95 % level (ODD section 9, fact 5). Strict: a "
    "model that shows it again makes this test fail, so the mark is taken off."))
def test_fact5_bypass_without_escalation_route_costs_more() -> None:
    committee = {**BYPASSING, "contract": {"escalation_committee": True}}
    no_route = {**BYPASSING, "contract": {"escalation_committee": False}}
    r = paired(committee, no_route, "cost_total_eur")
    assert r.low > 0, r


@GROUP_B
def test_fact5_bypass_without_escalation_route_lowers_trust() -> None:
    committee = {**BYPASSING, "contract": {"escalation_committee": True}}
    no_route = {**BYPASSING, "contract": {"escalation_committee": False}}
    for kpi in ("trust_gemeente_in_executor", "trust_executor_in_gemeente"):
        r = paired(committee, no_route, kpi)
        assert r.high < 0, (kpi, r)


@GROUP_B
def test_fact6_transition_period_raises_maturity_and_trust_seasons_later() -> None:
    without = {"contract": {"transition_months": 0}, "weather": SHORT_SEASONS}
    with_transition = {"contract": {"transition_months": 12}, "weather": SHORT_SEASONS}
    for kpi in ("executor_maturity", "trust_gemeente_in_executor",
                "trust_executor_in_gemeente"):
        r = paired(without, with_transition, kpi, seasons=3)
        assert r.low > 0, (kpi, r)


@GROUP_A
def test_fact7_price_benchmark_means_fewer_price_disputes_under_forced_shopping() -> None:
    base = {"contract": {"sourcing": "forced", "price_benchmark": False}}
    bench = {"contract": {"sourcing": "forced", "price_benchmark": True}}
    r = paired(base, bench, "price_disputes")
    assert r.high < 0, r


@GROUP_B
def test_fact8_micromanagement_lowers_executor_efficiency() -> None:
    r = paired({"municipality": {"micromanagement": 0.0}},
               {"municipality": {"micromanagement": 0.8}}, "executor_efficiency_pct")
    assert r.high < 0, r


@GROUP_B
def test_fact8_micromanagement_lowers_executor_trust_in_the_gemeente() -> None:
    r = paired({"municipality": {"micromanagement": 0.0}},
               {"municipality": {"micromanagement": 0.8}}, "trust_executor_in_gemeente")
    assert r.high < 0, r
