"""Paired runs of the shipped procesregie scenario: the same seeds under two settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np

from sim.procesregie.model import ProcesModel
from sim.procesregie.schema import ProcesScenario
from sim.scenario.loader import list_scenarios, load_scenario

SCENARIO: Path = list_scenarios("procesregie")[0]
SEEDS = range(20)


def scenario(overrides: Mapping[str, object] = ()) -> ProcesScenario:
    """The shipped scenario with dotted-key overrides (as --set would give them)."""
    return load_scenario(SCENARIO, dict(overrides))


def with_party(key: str, **changes: object) -> ProcesScenario:
    """The shipped scenario with one party's attributes changed."""
    data = scenario().model_dump(mode="json")
    for party in data["parties"]:
        if party["key"] == key:
            party.update(changes)
    return ProcesScenario.model_validate(data)


def paired(
    a: ProcesScenario, b: ProcesScenario, measure: Callable[[ProcesModel], float]
) -> tuple[np.ndarray, np.ndarray]:
    """`measure` of a finished run of each scenario, seed by seed."""

    def values(sc: ProcesScenario) -> np.ndarray:
        out = []
        for seed in SEEDS:
            model = ProcesModel(sc, seed=seed)
            model.run()
            out.append(measure(model))
        return np.array(out)

    return values(a), values(b)


def kpi(name: str) -> Callable[[ProcesModel], float]:
    """A measure that reads one KPI of the finished run."""
    from sim.procesregie.kpi import summary

    return lambda model: summary(model)[name]
