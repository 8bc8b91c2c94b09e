"""The classroom scenarios: a wyberen exercise of about 30 minutes and a bestuursproces of
about two hours, each with one regisseur and four to seven parties.

A round of the process is one turn at the table in class; the scenarios' descriptions give
its length (about five minutes in the exercise, eight in the bestuursproces). Over 20 seeds
with the open regisseur the rounds played must fit the time the class has.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.procesregie.model import ProcesModel
from sim.scenario.loader import load_scenario, resolve_scenario
from tests.procesregie.helpers import SEEDS

# scenario, minutes a round takes in class, the class's minutes (low, high)
CLASSES = [
    ("procesregie_klas_wyberen", 5.5, (25, 35)),
    ("procesregie_klas_bestuursproces", 8, (100, 140)),
]


def rounds(name: str, seed: int) -> int:
    model = ProcesModel(load_scenario(resolve_scenario(name)), seed=seed)
    model.run()
    return sum(e["kind"] == "round" for e in model.events)


@pytest.mark.parametrize(("name", "minutes", "window"), CLASSES)
def test_a_class_plays_the_process_in_the_time_it_has(
    name: str, minutes: float, window: tuple[int, int]
) -> None:
    played = np.array([rounds(name, seed) for seed in SEEDS]) * minutes
    assert window[0] <= played.mean() <= window[1]


@pytest.mark.parametrize("name", [c[0] for c in CLASSES])
def test_a_class_has_one_regisseur_and_four_to_seven_parties(name: str) -> None:
    scenario = load_scenario(resolve_scenario(name))
    assert 4 <= len(scenario.parties) <= 7 and scenario.regisseur is not None
    assert "gemeente" in {p.key for p in scenario.parties}
