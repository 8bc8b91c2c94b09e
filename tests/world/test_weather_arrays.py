"""The weather's array helpers: the first-order filter is scipy's, bit for bit, without it."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.signal import lfilter

from sim.world.weather.arrays import ar1, first_order


def _bits(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(a, dtype=float).view(np.int64)


@pytest.mark.parametrize("seed", range(20))
def test_first_order_lag_gives_lfilters_values_bit_for_bit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(rng.uniform(-10, 10), rng.uniform(0.1, 20), int(rng.integers(1, 4000)))
    a = math.exp(-1.0 / rng.uniform(0.5, 30))
    state = a * x[:24].mean()
    expected, _ = lfilter([1 - a], [1.0, -a], x, zi=[state])
    assert np.array_equal(_bits(first_order(x, 1 - a, a, state)), _bits(expected))


@pytest.mark.parametrize("shape", [(3624,), (604, 127), (2, 3, 50)])
def test_ar1_gives_lfilters_values_bit_for_bit_in_any_shape(shape: tuple[int, ...]) -> None:
    z = np.random.default_rng(len(shape)).standard_normal(shape)
    phi = 0.85
    scale = math.sqrt(1.0 - phi * phi)
    expected, _ = lfilter([1.0], [1.0, -phi], z * scale, axis=-1, zi=z[..., :1] * (1 - scale))
    assert np.array_equal(_bits(ar1(z, phi)), _bits(expected))


def test_ar1_starts_in_its_stationary_distribution() -> None:
    z = np.random.default_rng(1).standard_normal((4000, 60))
    y = ar1(z, 0.9)
    assert np.allclose(y[:, 0], z[:, 0], rtol=1e-12, atol=1e-12)
    assert y[:, -1].std() == pytest.approx(1.0, abs=0.05)
