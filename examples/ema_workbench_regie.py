"""Regiekamer under deep uncertainty with the EMA Workbench.

Uncertainties: the winter (its climate and which winter of that climate is drawn) and the
executor's character (the kind of organisation and how opportunistic it is). Levers: the
sourcing regime and the agreements (kind of performance agreement, beslisregels, an
escalation committee, a price benchmark). Every experiment is one season of the default
scenario with bots in every seat, run through the Python API (docs/python-api.md).

    pip install -e ".[ema]"          # ema-workbench (3.x needs Python >= 3.12, 2.5 runs on 3.11)
    python examples/ema_workbench_regie.py --scenarios 8 --policies 4 --days 151

`regie_outcomes` is the function EMA calls: plain keyword arguments in, named KPIs out.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

import sim

if TYPE_CHECKING:
    from ema_workbench import Model

SCENARIO = "gladheid_gedwongen_winkelnering"
OUTCOMES = (
    "reachability_pct",
    "injuries",
    "cost_total_eur",
    "trust_gemeente_in_executor",
    "disputes",
)
BESLISREGELS: dict[str, list[dict[str, object]]] = {
    "none": [],
    # buy salt at once below 150 t (at most EUR 20,000 a purchase); plough from 3 cm of snow
    "salt_and_plough": [
        {"rule": "salt_emergency_purchase", "threshold": 150.0, "max_amount_eur": 20_000.0},
        {"rule": "plough_authorised", "threshold": 3.0, "max_amount_eur": 40_000.0},
    ],
}


def overrides(
    climate: str,
    winter: int,
    executor: str,
    opportunism: float,
    sourcing: str,
    agreements: str,
    beslisregels: str,
    escalation_committee: bool,
    benchmark: bool,
    days: int,
) -> dict[str, object]:
    """The scenario keys one experiment sets (see `regie keys` for each key's unit)."""
    return {
        "weather.climate": climate,
        "weather.seed": winter,  # which winter of that climate; the town stays the same
        "weather.days": days,
        "roles.executor.bot": executor,
        "executor.opportunism": opportunism,
        "contract.sourcing": sourcing,
        "contract.agreements": agreements,
        "contract.decision_rules": BESLISREGELS[beslisregels],
        "contract.escalation_committee": escalation_committee,
        "contract.price_benchmark": benchmark,
    }


def regie_outcomes(
    climate: str = "average",
    winter: int = 1,
    executor: str = "cooperative",
    opportunism: float = 0.3,
    sourcing: str = "forced",
    agreements: str = "output",
    beslisregels: str = "none",
    escalation_committee: bool = False,
    benchmark: bool = False,
    days: int = 151,
    seed: int = 1,
) -> dict[str, float]:
    """One season with these settings; the KPIs named in OUTCOMES."""
    settings = overrides(
        climate,
        winter,
        executor,
        opportunism,
        sourcing,
        agreements,
        beslisregels,
        escalation_committee,
        benchmark,
        days,
    )
    result = sim.simulate(SCENARIO, seed=seed, overrides=settings)
    return {name: result.kpis[name] for name in OUTCOMES}


def ema_model(days: int = 151, seed: int = 1) -> Model:
    """The EMA Workbench model: uncertainties, levers, constants and outcomes."""
    from ema_workbench import (
        BooleanParameter,
        CategoricalParameter,
        Constant,
        IntegerParameter,
        Model,
        RealParameter,
        ScalarOutcome,
    )

    model = Model("regiekamer", function=regie_outcomes)
    model.uncertainties = [
        CategoricalParameter("climate", ["mild", "average", "severe"]),
        IntegerParameter("winter", 1, 10_000),
        CategoricalParameter("executor", ["cooperative", "opportunistic", "bureaucratic"]),
        RealParameter("opportunism", 0.0, 0.7),
    ]
    model.levers = [
        CategoricalParameter("sourcing", ["forced", "market", "in_house"]),
        CategoricalParameter("agreements", ["output", "outcome", "both"]),
        CategoricalParameter("beslisregels", list(BESLISREGELS)),
        BooleanParameter("escalation_committee"),
        BooleanParameter("benchmark"),
    ]
    model.constants = [Constant("days", days), Constant("seed", seed)]
    model.outcomes = [ScalarOutcome(name) for name in OUTCOMES]
    return model


def main() -> None:
    """Sample scenarios x policies, run them one after another, print a summary."""
    from ema_workbench import SequentialEvaluator, perform_experiments

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=8, help="sampled uncertainty points")
    parser.add_argument("--policies", type=int, default=4, help="sampled lever points")
    parser.add_argument("--days", type=int, default=151, help="season length [days]")
    args = parser.parse_args()
    model = ema_model(days=args.days)
    with SequentialEvaluator(model) as evaluator:
        experiments, outcomes = perform_experiments(
            model, scenarios=args.scenarios, policies=args.policies, evaluator=evaluator
        )
    table = experiments[["climate", "executor", "sourcing", "agreements", "beslisregels"]].copy()
    for name in OUTCOMES:
        table[name] = outcomes[name]
    print(table.groupby("sourcing")[list(OUTCOMES)].mean().round(2).to_string())


if __name__ == "__main__":
    main()
