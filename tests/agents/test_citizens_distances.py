"""The residents' distance to the nearest treated road (sim/agents/citizens.py): the
blocked form gives the full distance table's row minima bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from sim.agents.citizens import _distances, _nearest_distances


@pytest.mark.parametrize("n_points", [0, 1, 63, 64, 65, 300])
def test_the_nearest_distance_is_the_least_of_the_whole_table(n_points: int) -> None:
    rng = np.random.default_rng(n_points)
    a = rng.uniform(0.0, 3000.0, (n_points, 2))
    b = np.vstack([rng.uniform(0.0, 3000.0, (200, 2)), a[:5] + 0.5])  # some very near
    expected = _distances(a, b).min(axis=1) if n_points else np.zeros(0)
    assert _nearest_distances(a, b, block=64).tobytes() == expected.tobytes()
