"""The weather's compiled kernels (sim/world/weather/_weather_c.pyx) give the numpy path's
values bit for bit: the normal CDF, the first-order filter, a whole winter and its forecast."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

from sim import compiled, normal
from sim.scenario.schema import WeatherConfig
from sim.world.weather import Weather
from sim.world.weather.arrays import ar1, first_order
from sim.world.weather.winter import weather_kernels

kernels = weather_kernels()
pytestmark = pytest.mark.skipif(kernels is None, reason="the weather's kernels are not built")


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return (a.dtype, a.shape, a.tobytes()) == (b.dtype, b.shape, b.tobytes())


def test_the_normal_cdf_is_the_numpy_path_s_in_every_range() -> None:
    rng = np.random.default_rng(5)
    edges = [0.0, -0.0, 1.0, -1.0, np.sqrt(2.0), 8.0 * np.sqrt(2.0), 27.0 * np.sqrt(2.0), 60.0]
    x = np.concatenate(
        [
            rng.normal(0.0, 1.0, 4000),
            rng.normal(0.0, 12.0, 4000),
            edges,
            np.negative(edges),
            [np.inf, -np.inf],
            np.nextafter(np.sqrt(2.0), [0.0, 3.0]),
        ]
    ).reshape(-1, 4)  # 2-D, as the forecast asks
    assert same_bits(kernels.ndtr(x), normal.ndtr(x))
    assert np.isnan(kernels.ndtr(np.array([np.nan]))).all()


@pytest.mark.parametrize("shape", [(500,), (37, 129)])
def test_the_first_order_filter_is_the_numpy_path_s(shape: tuple[int, ...]) -> None:
    z = np.random.default_rng(2).standard_normal(shape)
    assert same_bits(ar1(z, 0.98, kernels), ar1(z, 0.98))
    state = 0.3 if len(shape) == 1 else np.linspace(-1.0, 1.0, shape[0])
    assert same_bits(first_order(z, 0.2, 0.8, state, kernels), first_order(z, 0.2, 0.8, state))


def test_a_winter_with_kernels_copies_and_pickles() -> None:
    w = Weather.generate(WeatherConfig(days=3), np.random.default_rng(1))
    for other in (copy.deepcopy(w), pickle.loads(pickle.dumps(w))):
        assert other.kernels.ndtr is w.kernels.ndtr and other.digest() == w.digest()


def test_a_winter_and_its_forecast_table_are_the_same_with_and_without_kernels() -> None:
    cfg = WeatherConfig(climate="severe", days=40)
    with_kernels = Weather.generate(cfg, np.random.default_rng(11))
    with compiled.pure_python():
        without = Weather.generate(cfg, np.random.default_rng(11))
    assert with_kernels.kernels is not None and without.kernels is None
    assert with_kernels.digest() == without.digest()
    a, b = with_kernels.run_table(), without.run_table()
    for name in ("n_valid", "surface_temp_c", "air_temp_c", "precip_prob", "hoarfrost_risk"):
        assert same_bits(getattr(a, name), getattr(b, name)), name
    assert same_bits(
        with_kernels.forecast(200, 90).hoarfrost_risk, without.forecast(200, 90).hoarfrost_risk
    )
