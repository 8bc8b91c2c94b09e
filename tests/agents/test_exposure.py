"""Citizens' hourly exposure (sim/agents/exposure.py): the shortcut for hours with few
slippery surfaces, and the sums over all of them, give the sparse matrix product's values
bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from sim.agents.exposure import CAR, FEW_SURFACES_SHARE, SLIPS, WALK
from sim.model import RegieModel
from sim.scenario.loader import load_scenario, resolve_scenario


@pytest.fixture(scope="module")
def citizens():
    """The default scenario's population."""
    return RegieModel(load_scenario(resolve_scenario(None))).citizens


@pytest.fixture(scope="module")
def exposure(citizens):
    """Its exposure."""
    return citizens._exposure


def slippery(n: int, count: int, seed: int) -> np.ndarray:
    """Slipperiness with `count` random surfaces slippery, the rest exactly 0."""
    rng = np.random.default_rng(seed)
    slip = np.zeros(n)
    slip[rng.choice(n, size=count, replace=False)] = rng.random(count)
    return slip


@pytest.mark.parametrize("seed", range(5))
def test_few_slippery_surfaces_give_the_matrix_product_bit_for_bit(exposure, seed):
    n = exposure.matrix.shape[1]
    count = max(1, int(FEW_SURFACES_SHARE * n) - seed)
    slip = slippery(n, count, seed)
    assert exposure.by_column is not None  # the shortcut is taken
    assert exposure.km(slip).tobytes() == (exposure.matrix @ slip).tobytes()


def test_many_slippery_surfaces_give_the_matrix_product(exposure):
    n = exposure.matrix.shape[1]
    slip = slippery(n, n // 2, 7)
    assert exposure.km(slip).tobytes() == (exposure.matrix @ slip).tobytes()


def test_slips_sum_bikes_and_walkers_on_what_they_travel_in_route_order(citizens, exposure):
    km = exposure.km(slippery(exposure.matrix.shape[1], 400, 3))
    n_routes, walkers = exposure.n_routes, 0
    slips = 0.0
    for route, mode in enumerate(citizens.route_mode.tolist()):
        entry = route if mode != WALK else n_routes + walkers  # walkers: their pavements
        walkers += mode == WALK
        if mode != CAR:  # residents x one trip's incident probability 1 - exp(-hazard x km)
            p = -np.expm1(-citizens.route_hazard[route] * km[entry])
            slips += citizens.route_people[route] * p
    assert exposure.counts(km)[SLIPS] == slips  # bit for bit
    assert slips > 0
