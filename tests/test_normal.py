"""The standard normal CDF and quantile of sim/normal.py give scipy's values bit for bit
(scipy is imported here only, as the referee): on a dense grid over the whole range, the
forecast's kinds of input, and the edges of each branch."""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from sim.normal import ndtr, ndtri


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return np.asarray(a, float).tobytes() == np.asarray(b, float).tobytes()


def test_ndtr_is_scipys_on_a_dense_grid_and_at_the_branch_edges() -> None:
    edges = [x * math.sqrt(2) for x in (1.0, 8.0, math.sqrt(709.78), 27.0)]
    grid = np.concatenate(
        [
            np.linspace(-40.0, 40.0, 400_001),  # both tails, past the underflow
            np.linspace(-3.0, 3.0, 200_001),  # the median's neighbourhood (erf)
            np.nextafter(np.repeat(edges, 2), [-np.inf, np.inf] * len(edges)),
            edges,
            np.negative(edges),
            [0.0, -0.0, np.inf, -np.inf, 1e-300, -1e-300],
        ]
    )
    assert same_bits(ndtr(grid), special.ndtr(grid))


def test_ndtr_is_scipys_on_forecast_like_inputs() -> None:
    """Ratios of forecast errors to their sd (hoarfrost) and event scores (standard normal)."""
    rng = np.random.default_rng(5)
    surface = rng.normal(1.0, 4.0, (40, 125))
    sd = 0.5 + 0.02 * np.arange(125)
    for x in (-surface / np.maximum(sd, 1e-6), rng.standard_normal((50, 32)), surface / 0.3):
        assert same_bits(ndtr(x), special.ndtr(x))
    assert same_bits(ndtr(0.3), special.ndtr(0.3))  # a scalar too


def test_ndtri_is_scipys_across_zero_to_one() -> None:
    rng = np.random.default_rng(6)
    u = np.concatenate(
        [
            np.linspace(0.0, 1.0, 50_001),
            rng.random(20_000),
            10.0 ** -rng.uniform(0, 300, 5_000),
            1 - 10.0 ** -rng.uniform(0, 16, 5_000),
            [1e-12, 1 - 1e-12, math.exp(-2), 1 - math.exp(-2), 5e-324],
        ]
    )
    assert same_bits([ndtri(x) for x in u.tolist()], special.ndtri(u))
    assert math.isnan(ndtri(1.5)) and math.isnan(ndtri(-0.1))
