"""The sensitivity sweep (experiments/sensitivity_behaviour.yaml) sweeps the facts' own
configurations: each arm its band script pairs is, on the sweep's base, the scenario the
fact test runs (fact 3 on the shorter winter), and the KPIs it needs are kept."""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import pytest

from sim.inputfile import apply_overrides
from sim.scenario.schema import Scenario
from sim.sweep.experiment import load_experiment
from tests.facts.facts import CLAIMS
from tests.facts.paired import BASE, merge

ROOT = Path(__file__).resolve().parents[2]
EXPERIMENT = ROOT / "experiments" / "sensitivity_behaviour.yaml"


def bands_module():
    spec = importlib.util.spec_from_file_location("fact_bands", ROOT / "experiments/fact_bands.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def arms() -> dict[str, Scenario]:
    plan = load_experiment(EXPERIMENT)
    arm = next(f for f in plan.factors if f.name == "arm")
    out = {}
    for level in arm.levels:
        data = copy.deepcopy(plan.base_data)
        assert not apply_overrides(data, level.overrides)
        out[level.column] = Scenario.model_validate(data)
    return out


def comparable(scenario: Scenario, fact: str) -> dict:
    data = scenario.model_dump(mode="json")
    if fact == "3":  # the sweep runs fact 3 on the 75-day winter
        data.pop("weather")
    return data


@pytest.mark.parametrize("name", list(bands_module().CLAIMS))
def test_each_swept_claim_pairs_the_fact_tests_configurations(arms, name):
    arm_a, arm_b, kpi, expect = bands_module().CLAIMS[name]
    claim = CLAIMS[name]
    assert (kpi, expect) == (claim.kpi, claim.expect)
    for arm, config in ((arm_a, claim.a), (arm_b, claim.b)):
        test_scenario = Scenario.model_validate(merge(BASE, config))
        assert comparable(arms[arm], claim.fact) == comparable(test_scenario, claim.fact), arm


def test_the_sweep_keeps_every_kpi_the_bands_need():
    plan = load_experiment(EXPERIMENT)
    needed = {kpi for _, _, kpi, _ in bands_module().CLAIMS.values()}
    assert needed <= set(plan.experiment.kpis)
