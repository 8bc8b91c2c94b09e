"""Designing for the unforeseen pays (the case's lesson 'ontwerp gedoebestendig'): over
20 seeds of a severe cold core in which the salt supplier fails, a contract with an
emergency-salt rule and an escalation committee gives fewer salt-shortage days and
fewer bypasses of the regisseur than the same contract without them, even though the
bots add a missing rule at the first meeting after the winter showed the gap.

The shortest season that shows it: ten days from mid-December with a small depot (8 t,
two days of gritting), the supplier failing on the first day; an incident-driven
wethouder, who phones the executor when there is no committee to go to.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.driver import Driver
from sim.run import make_model, result_of
from sim.scenario.schema import Scenario

SEEDS = range(1, 21)
COLD_CORE = {
    "weather": {"climate": "severe", "days": 10, "start_date": "2025-12-15"},
    "citizens": {"agents": 500},
    "executor": {
        "salt": {
            "initial_stock_t": 8,
            "supplier_capacity_t_per_week": 10,
            "reorder_level_t": 30,
            "order_quantity_t": 60,
        }
    },
    "injects": [{"name": "salt_supplier_fails", "day": 0, "severity": 1.0}],
    "roles": {"wethouder": {"bot": "incident_driven"}},
}
DESIGNED = {
    **COLD_CORE,
    "contract": {
        "decision_rules": [
            {"rule": "salt_emergency_purchase", "threshold": 6, "max_amount_eur": 10_000}
        ],
        "escalation_committee": True,
    },
}


@pytest.fixture(scope="module")
def outcomes() -> dict[str, np.ndarray]:
    """Per seed, (seeds, 3), for both contracts: shortage days, bypasses and the day the
    bots added an emergency-salt rule at a meeting (-1: they did not)."""
    out = {}
    for name, data in (("without", COLD_CORE), ("with", DESIGNED)):
        scenario = Scenario.model_validate(data)
        rows = []
        for seed in SEEDS:
            model = make_model(scenario, seed=seed)
            Driver(model).run()
            kpis = result_of(model).kpis
            added = [
                e["tick"] // 24
                for e in model.governance.events
                if e["kind"] == "rule_changed" and e["rule"] == "salt_emergency_purchase"
            ]
            rows.append([kpis["salt_shortage_days"], kpis["bypasses"], (added or [-1])[0]])
        out[name] = np.array(rows)
    return out


@pytest.mark.xdist_group(name="design_pays")
def test_the_rule_gives_fewer_salt_shortage_days(outcomes) -> None:
    # Bots that meet a gap add the rule at the next meeting (sim.governance.rulebots), so
    # the contract without it catches up; what it costs are the days before that meeting.
    without, with_ = outcomes["without"][:, 0], outcomes["with"][:, 0]
    assert with_.sum() < without.sum(), (with_, without)


@pytest.mark.xdist_group(name="design_pays")
def test_without_the_rule_the_bots_add_it_in_play_and_with_it_they_need_not(outcomes) -> None:
    # The executor asks emergency salt on the first morning (the supplier fails on day 0):
    # that shows the gap, and the first meeting adds the rule.
    assert (outcomes["without"][:, 2] >= 0).all()
    assert (outcomes["with"][:, 2] == -1).all()  # a contract that foresaw it needs nothing


@pytest.mark.xdist_group(name="design_pays")
def test_the_committee_gives_fewer_bypasses(outcomes) -> None:
    without, with_ = outcomes["without"][:, 1], outcomes["with"][:, 1]
    assert with_.sum() < without.sum(), (with_, without)
