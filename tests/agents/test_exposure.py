"""Citizens' hourly exposure (sim/agents/citizens.py): the shortcut for hours with few
slippery surfaces gives the sparse matrix product's values bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from sim.agents.citizens import FEW_SURFACES_SHARE
from sim.model import RegieModel
from sim.scenario.loader import load_scenario, resolve_scenario


@pytest.fixture(scope="module")
def citizens():
    """The default scenario's population."""
    return RegieModel(load_scenario(resolve_scenario(None))).citizens


def slippery(n: int, count: int, seed: int) -> np.ndarray:
    """Slipperiness with `count` random surfaces slippery, the rest exactly 0."""
    rng = np.random.default_rng(seed)
    slip = np.zeros(n)
    slip[rng.choice(n, size=count, replace=False)] = rng.random(count)
    return slip


@pytest.mark.parametrize("seed", range(5))
def test_few_slippery_surfaces_give_the_matrix_product_bit_for_bit(citizens, seed):
    n = citizens._exposure_matrix.shape[1]
    count = max(1, int(FEW_SURFACES_SHARE * n) - seed)
    slip = slippery(n, count, seed)
    expected = citizens._exposure_matrix @ slip
    assert citizens._exposure_by_column is not None  # the shortcut is taken
    assert citizens._exposure(slip).tobytes() == expected.tobytes()


def test_many_slippery_surfaces_give_the_matrix_product(citizens):
    n = citizens._exposure_matrix.shape[1]
    slip = slippery(n, n // 2, 7)
    assert citizens._exposure(slip).tobytes() == (citizens._exposure_matrix @ slip).tobytes()
