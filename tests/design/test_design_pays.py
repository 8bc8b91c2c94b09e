"""Designing for the unforeseen pays (the case's lesson 'ontwerp gedoebestendig'): over
20 seeds of a severe cold core in which the salt supplier fails, a contract with an
emergency-salt rule and an escalation committee gives fewer salt-shortage days and
fewer bypasses of the regisseur than the same contract without them.

The shortest season that shows it: ten days from mid-December with a small depot (8 t,
two days of gritting), the supplier failing on the first day; an incident-driven
wethouder, who phones the executor when there is no committee to go to.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.run import run_scenario
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
    """Shortage days and bypasses per seed, (seeds, 2), for both contracts."""
    out = {}
    for name, data in (("without", COLD_CORE), ("with", DESIGNED)):
        scenario = Scenario.model_validate(data)
        out[name] = np.array(
            [
                [k["salt_shortage_days"], k["bypasses"]]
                for k in (run_scenario(scenario, seed).kpis for seed in SEEDS)
            ]
        )
    return out


@pytest.mark.xdist_group(name="design_pays")
def test_the_rule_gives_fewer_salt_shortage_days(outcomes) -> None:
    without, with_ = outcomes["without"][:, 0], outcomes["with"][:, 0]
    assert with_.sum() < without.sum(), (with_, without)
    assert (with_ <= without).all()  # paired: no seed is worse off with the rule


@pytest.mark.xdist_group(name="design_pays")
def test_the_committee_gives_fewer_bypasses(outcomes) -> None:
    without, with_ = outcomes["without"][:, 1], outcomes["with"][:, 1]
    assert with_.sum() < without.sum(), (with_, without)
