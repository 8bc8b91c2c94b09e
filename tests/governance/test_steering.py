"""Steering styles: how the gemeente judges a month, and what the room makes of a dispute."""

from __future__ import annotations

import pytest

from sim.governance.trust import (
    OUTCOME_EXPECTED_REACHABILITY_PCT,
    OUTCOME_SURPRISE_PER_PCT,
    OUTPUT_EXPECTED_SHARE,
)
from tests.governance.helpers import advance, new_model, open_point, prepared


def _report_waiting(style: str):
    # The contract's 3-hour norm: under the helpers' 1-hour norm no route of 2-3 h is within
    # norm, and both reports fall so far short that the bounded loss takes the same step.
    m = new_model(municipality={"steering_style": style}, contract={"route_norm_h": 3.0})
    m.set_controller("executor", None, name="Test")
    advance(m, lambda m: open_point(m, "monthly_report"))
    return m


@prepared
def output_report() -> object:
    """Day 30 under output control: the monthly report waits for a human executor."""
    return _report_waiting("output_control")


@prepared
def outcome_report() -> object:
    """Day 30 under outcome steering: the monthly report waits for a human executor."""
    return _report_waiting("outcome")


def _report(model, honesty: str) -> tuple[float, str]:
    """Submit the report; return the gemeente's trust change and the experience's name."""
    point = open_point(model, "monthly_report")
    rel = model.governance.rel
    before, n = rel.trust_g_in_e, len(rel.history)
    assert model.submit("executor", {"type": "submit_report", "report_id": point.ref,
                                     "honesty": honesty}).ok
    return rel.trust_g_in_e - before, rel.history[n:]


def test_under_output_control_a_flattering_report_buys_the_gemeentes_trust() -> None:
    honest, _ = _report(output_report(), "honest")
    flattering, _ = _report(output_report(), "flattering")
    assert flattering > honest


def test_under_outcome_steering_the_report_does_not_move_trust_the_street_does() -> None:
    honest, _ = _report(outcome_report(), "honest")
    flattering, _ = _report(outcome_report(), "flattering")
    assert flattering == honest


def test_outcome_steering_judges_the_months_reachability_against_its_expectation() -> None:
    model = outcome_report()
    _, history = _report(model, "flattering")
    report = model.governance.reports[-1]
    assert 0.0 <= report["month_reachability_pct"] <= 100.0
    [(_, what, surprise, _)] = history
    assert what == "month on the street"
    assert surprise == pytest.approx(OUTCOME_SURPRISE_PER_PCT * (
        report["month_reachability_pct"] - OUTCOME_EXPECTED_REACHABILITY_PCT))


def test_output_control_judges_the_reported_output_against_its_expectation() -> None:
    model = output_report()
    _, history = _report(model, "flattering")
    report = model.governance.reports[-1]
    [(_, what, surprise, _)] = history
    assert what == "monthly report"
    assert surprise == pytest.approx(2.0 * (report["reported_output"] - OUTPUT_EXPECTED_SHARE))


def test_the_months_reachability_covers_the_hours_since_the_last_report() -> None:
    model = new_model()
    kpi = model.kpi
    for _ in range(30):
        model.step()
    assert kpi.period_hours == 30
    first = kpi.take_period_reachability()
    assert first == pytest.approx(100.0 * kpi.passable_sum / kpi.hours)
    assert kpi.period_hours == 0
    assert kpi.take_period_reachability() == 100.0  # no hours yet: nothing was impassable


def _agenda_item(style: str) -> dict:
    model = new_model(municipality={"steering_style": style})
    model.set_controller("regisseur", None, name="Test")
    assert model.submit("executor", {"type": "request_meerwerk", "kind": "extra_round",
                                     "amount_eur": 5_000.0}).ok
    point = open_point(model, "meerwerk_request")
    assert model.submit("regisseur", {"type": "decide_meerwerk", "request_id": point.ref,
                                      "decision": "reject"}).ok
    assert model.submit("regisseur", {"type": "call_meeting", "level": "operational"}).ok
    [item] = open_point(model, "meeting").context["agenda"]
    return item


def test_the_steering_style_gives_a_meeting_no_bonus() -> None:
    """Relational steering acts through what it changes (trust, concessions), not by a
    fixed term: the room reads the same positions and risk limits under every style."""
    items = [_agenda_item(style) for style in ("output_control", "relational", "outcome")]
    assert items[0]["claim_eur"] == 5_000.0 and items[0]["offer_eur"] == 0.0
    assert items[1] == items[0] and items[2] == items[0]
    assert "resolution_chance" not in items[0]
