"""Beslisregels: what each pre-agreed rule lets the executor do without asking, and its limits."""

from __future__ import annotations

import numpy as np
import pytest

from sim import words
from sim.agents.executor import CallOut
from sim.governance.contract import fair_action_price
from sim.governance.meerwerk import apply_decision_rules
from sim.kpi import summary
from tests.governance.helpers import new_model, open_point

PLOUGH_RULE = {"rule": "plough_authorised", "threshold": 4.0}
SECONDARY_RULE = {"rule": "secondary_routes_on_request", "threshold": 1.0,
                  "max_amount_eur": 10_000.0}


def _model(*rules: dict, human_regisseur: bool = False):
    model = new_model(contract={"decision_rules": list(rules)})
    if human_regisseur:
        model.set_controller("regisseur", None, name="Test")
    return model


def _snow(model, priority: int, cm: float) -> None:
    """Lay `cm` of snow on the routes of one priority, with no salt left on them."""
    ex = model.executor
    segments = ex.priority1_segments if priority == 1 else ex.priority2_segments
    model.roads.snow_cm[segments] = cm
    model.roads.salt_g_m2[segments] = 0.0


def _rule_events(model) -> list[dict]:
    return [e for e in model.governance.events if e["kind"] == "rule_applied"]


def _request_secondary(model, amount: float = 4_000.0):
    result = model.submit("executor", {"type": "request_meerwerk", "kind": "secondary_routes",
                                       "amount_eur": amount})
    assert result.ok, result.reason
    return model.governance.requests[-1]


# --- plough_authorised -------------------------------------------------------------------
def test_without_a_plough_rule_a_forced_executor_must_ask_to_plough() -> None:
    model = _model()
    _snow(model, 1, 6.0)
    action = model.executor.dispatch(model.executor.assess_conditions())
    assert action is not None and action.kind == "snow" and not action.plough
    assert [r.kind for r in model.governance.requests] == ["plough"]


def test_plough_rule_authorises_ploughing_from_its_snow_depth_without_a_request() -> None:
    model = _model(PLOUGH_RULE)
    _snow(model, 1, 6.0)
    action = model.executor.dispatch(model.executor.assess_conditions())
    assert action is not None and action.plough
    assert model.governance.requests == []
    price = fair_action_price(model.scenario.contract, 1)
    assert model.governance.rule_spent_eur["plough_authorised"] == price
    [event] = _rule_events(model)
    assert event["rule"] == "plough_authorised" and event["amount_eur"] == round(price, 2)


def test_below_the_plough_rules_depth_the_executor_still_asks() -> None:
    model = _model(PLOUGH_RULE)
    _snow(model, 1, 3.0)  # above the plan's 2 cm plough threshold, below the rule's 4 cm
    action = model.executor.dispatch(model.executor.assess_conditions())
    assert action is not None and not action.plough
    assert [r.kind for r in model.governance.requests] == ["plough"]
    assert _rule_events(model) == []


def test_plough_rule_lapses_once_its_amount_is_spent() -> None:
    price = fair_action_price(new_model().scenario.contract, 1)
    model = _model({**PLOUGH_RULE, "max_amount_eur": price})
    ex = model.executor
    _snow(model, 1, 6.0)
    assert ex.dispatch(ex.assess_conditions()).plough
    assert not ex.may_plough(50.0)
    _snow(model, 2, 6.0)  # the secondary routes now need ploughing too: ask
    ex.dispatch(CallOut("snow", 2, ex.cfg.dose_snow_g_m2, True, "snow on secondary roads"))
    assert [r.kind for r in model.governance.requests] == ["plough"]
    assert len(_rule_events(model)) == 1


# --- secondary_routes_on_request -----------------------------------------------------------
def test_secondary_routes_rule_approves_a_request_in_snow_at_once() -> None:
    model = _model(SECONDARY_RULE, human_regisseur=True)
    _snow(model, 2, 3.0)
    queued = len(model.governance.round_queue) + model.governance.counts["extra_rounds"]
    request = _request_secondary(model)
    assert request.status == "approved"
    assert open_point(model, "meerwerk_request") is None
    assert len(model.governance.round_queue) + model.governance.counts["extra_rounds"] \
        == queued + 1
    [event] = _rule_events(model)
    assert event["rule"] == "secondary_routes_on_request" and event["request_id"] == request.id


def test_secondary_routes_rule_leaves_thin_snow_to_the_regisseur() -> None:
    model = _model(SECONDARY_RULE, human_regisseur=True)
    _snow(model, 2, 0.5)
    request = _request_secondary(model)
    assert request.status == "open"
    assert open_point(model, "meerwerk_request") is not None
    assert _rule_events(model) == []


def test_secondary_routes_rule_stops_at_its_amount_for_the_season() -> None:
    model = _model({**SECONDARY_RULE, "max_amount_eur": 6_000.0}, human_regisseur=True)
    _snow(model, 2, 3.0)
    assert _request_secondary(model).status == "approved"
    assert _request_secondary(model).status == "open"  # 4,000 more would exceed 6,000
    assert model.governance.rule_spent_eur["secondary_routes_on_request"] == 4_000.0


def test_secondary_routes_rule_does_not_approve_other_meerwerk() -> None:
    model = _model(SECONDARY_RULE, human_regisseur=True)
    _snow(model, 2, 3.0)
    assert model.submit("executor", {"type": "request_meerwerk", "kind": "extra_round",
                                     "amount_eur": 4_000.0}).ok
    assert model.governance.requests[-1].status == "open"


# --- disputes ----------------------------------------------------------------------------
def _rejected_plough_dispute(*rules: dict):
    model = _model(*rules, human_regisseur=True)
    assert model.submit("executor", {"type": "request_meerwerk", "kind": "plough",
                                     "amount_eur": 3_000.0}).ok
    point = open_point(model, "meerwerk_request")
    assert model.submit("regisseur", {"type": "decide_meerwerk", "request_id": point.ref,
                                      "decision": "reject"}).ok
    return model.governance.disputes[-1]


def test_a_rejected_request_that_a_rule_covers_is_a_dispute_with_a_reference() -> None:
    assert _rejected_plough_dispute(PLOUGH_RULE).rule_covered


def test_a_rule_for_something_else_gives_a_meerwerk_dispute_no_reference() -> None:
    assert not _rejected_plough_dispute({"rule": "sand_fallback"}).rule_covered


def test_a_season_on_rules_is_deterministic() -> None:
    # A snowy January (seed 7): both snow rules are used by a bureaucratic executor.
    rules = [{"rule": "plough_authorised"}, SECONDARY_RULE, {"rule": "sand_fallback"}]
    runs = []
    for _ in range(2):
        model = new_model(seed=7, contract={"decision_rules": rules},
                          weather={"climate": "severe", "start_date": "2026-01-01"},
                          roles={"executor": {"bot": "bureaucratic"}})
        while model.running:
            model.step()
        runs.append((summary(model), [e for e in model.governance.events
                                       if e["kind"] == "rule_applied"],
                     np.array(model.roads.snow_cm)))
    assert {e["rule"] for e in runs[0][1]} == {"plough_authorised", "secondary_routes_on_request"}
    assert runs[0][0] == runs[1][0] and runs[0][1] == runs[1][1]
    assert np.array_equal(runs[0][2], runs[1][2])


# --- salt_emergency_purchase on the national salt market ---------------------------------
SALT_RULE = {"rule": "salt_emergency_purchase", "threshold": 100.0, "max_amount_eur": 9_000.0}


def _salt_season(*, backlog_weeks: float, fill_rate: float):
    """A model with the salt rule at 07:00, stock below its threshold and a national market
    with `backlog_weeks` of orders waiting and today's `fill_rate`."""
    model = _model(SALT_RULE)
    depot = model.executor.depot
    market = depot.market
    market.backlog_kt = backlog_weeks * 7 * market.cfg.supply_kt_per_day
    market.fill_rate = fill_rate
    depot.stock_t = 20.0
    model.hour = 7
    return model


def _salt_rule_failures(model) -> list[dict]:
    return [e for e in model.governance.events if e["kind"] == "rule_not_applied"]


def test_salt_rule_spends_at_most_its_amount_when_spot_salt_costs_more_than_the_contract():
    model = _salt_season(backlog_weeks=10.0, fill_rate=1.0)
    depot = model.executor.depot
    assert depot.spot_price_eur_per_t > depot.cfg.shortage_price_eur_per_t
    stock, spent = depot.stock_t, depot.bought_eur
    apply_decision_rules(model.governance)
    bought_t = depot.stock_t - stock
    assert depot.bought_eur - spent == pytest.approx(SALT_RULE["max_amount_eur"], rel=1e-3)
    assert bought_t == pytest.approx(SALT_RULE["max_amount_eur"] / depot.spot_price_eur_per_t,
                                     rel=1e-3)
    assert _salt_rule_failures(model) == []


def test_a_purchase_claimed_under_the_salt_rule_is_cut_to_what_its_amount_buys():
    model = _salt_season(backlog_weeks=10.0, fill_rate=1.0)
    depot = model.executor.depot
    spent = depot.bought_eur
    assert model.submit("executor", {"type": "buy_salt", "quantity_t": 200.0}).ok
    assert depot.bought_eur - spent <= SALT_RULE["max_amount_eur"] + 1e-6


def test_salt_rule_fails_visibly_in_a_dry_market_and_buys_nothing():
    model = _salt_season(backlog_weeks=2.0, fill_rate=0.4)
    depot = model.executor.depot
    stock, spent = depot.stock_t, depot.bought_eur
    apply_decision_rules(model.governance)
    assert (depot.stock_t, depot.bought_eur) == (stock, spent)
    [event] = _salt_rule_failures(model)
    assert (event["rule"], event["reason"]) == ("salt_emergency_purchase", "market_dry")
    nl, en = words.pairs("event")[event["kind"]]
    assert "zoutmarkt" in nl and "salt market" in en
