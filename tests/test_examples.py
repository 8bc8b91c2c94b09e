"""examples/ema_workbench_regie.py: the function the EMA Workbench calls runs the model with
the uncertainties and levers it is given; with ema_workbench installed, a small study runs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import sim

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture(scope="module")
def example():  # noqa: ANN201 (the example module)
    sys.path.insert(0, str(EXAMPLES))
    try:
        yield importlib.import_module("ema_workbench_regie")
    finally:
        sys.path.remove(str(EXAMPLES))


def test_the_function_ema_calls_returns_every_outcome(example) -> None:  # noqa: ANN001
    outcomes = example.regie_outcomes(
        climate="severe",
        executor="opportunistic",
        sourcing="market",
        beslisregels="salt_and_plough",
        escalation_committee=True,
        benchmark=True,
        days=5,
    )
    assert set(outcomes) == set(example.OUTCOMES)
    assert all(isinstance(v, float) for v in outcomes.values())


def test_the_function_is_the_api_run_with_the_levers_as_scenario_keys(example) -> None:  # noqa: ANN001
    outcomes = example.regie_outcomes(sourcing="in_house", agreements="both", days=5, seed=2)
    direct = sim.simulate(
        "gladheid_gedwongen_winkelnering",
        seed=2,
        overrides={
            "weather.days": 5,
            "weather.seed": 1,
            "contract.sourcing": "in_house",
            "contract.agreements": "both",
            "roles.executor.bot": "cooperative",
            "executor.opportunism": 0.3,
            "contract.decision_rules": [],
            "contract.escalation_committee": False,
            "contract.price_benchmark": False,
            "weather.climate": "average",
        },
    )
    assert outcomes == {name: direct.kpis[name] for name in example.OUTCOMES}


def test_every_lever_and_uncertainty_value_is_a_valid_scenario(example) -> None:  # noqa: ANN001
    for rules in example.BESLISREGELS:
        for executor in ("cooperative", "opportunistic", "bureaucratic"):
            sim.load(
                overrides=example.overrides(
                    "mild", 7, executor, 0.7, "market", "outcome", rules, True, True, 3
                )
            )


@pytest.mark.skipif(
    importlib.util.find_spec("ema_workbench") is None,
    reason="ema_workbench not installed (the ema extra)",
)
def test_a_small_study_runs_through_the_workbench(example) -> None:  # noqa: ANN001
    from ema_workbench import SequentialEvaluator, perform_experiments

    model = example.ema_model(days=3)
    with SequentialEvaluator(model) as evaluator:
        experiments, outcomes = perform_experiments(
            model, scenarios=2, policies=2, evaluator=evaluator
        )
    assert len(experiments) == 4
    assert set(example.OUTCOMES) <= set(outcomes)
