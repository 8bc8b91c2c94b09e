"""Road-surface physics (sim/world/roads.py): salt, ice, snow, rijp, rain, slipperiness.

Each test puts a small town's surfaces in a known state at a uniform temperature (the
microclimate offsets are set to 0) and steps the physics hour by hour.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.scenario.schema import RoadPhysicsConfig, TownConfig
from sim.world.roads import PRECIP_SNOW, RoadState
from sim.world.town import build_town

NO_TRAFFIC = 0.0
RAIN = 1


@pytest.fixture(scope="module")
def town():
    """A small generated town."""
    return build_town(TownConfig(population=2_000), np.random.default_rng(0))


@pytest.fixture
def roads(town) -> RoadState:
    """Its road surfaces, all at the reference temperature (no microclimate)."""
    state = RoadState(town, RoadPhysicsConfig())
    state.offset_c = np.zeros_like(state.offset_c)
    return state


def hours(roads: RoadState, n: int, temp_c: float, dewpoint_c: float | None = None,
          precip_mm: float = 0.0, kind: int = 0, traffic: float = NO_TRAFFIC) -> None:
    """Step `n` hours of constant weather; by default the air is exactly saturated at the
    surface (dewpoint = surface temperature: no rijp, no sublimation)."""
    dew = temp_c if dewpoint_c is None else dewpoint_c
    for _ in range(n):
        roads.step(temp_c, dew, precip_mm, kind, traffic)


def test_salt_below_the_ineffective_threshold_does_not_melt_ice(roads):
    assert roads.cfg.salt_ineffective_below_c > -12.0
    roads.ice_mm[:] = 0.5
    roads.salt(np.arange(len(roads.ice_mm)), 20.0)
    hours(roads, 6, temp_c=-12.0)
    assert np.allclose(roads.ice_mm, 0.5)


def test_salt_above_the_ineffective_threshold_melts_ice(roads):
    roads.ice_mm[:] = 0.5
    roads.salt(np.arange(len(roads.ice_mm)), 20.0)
    hours(roads, 6, temp_c=-3.0)
    assert roads.ice_mm.max() < 0.05


def test_without_salt_ice_stays_below_zero(roads):
    roads.ice_mm[:] = 0.5
    hours(roads, 6, temp_c=-3.0)
    assert np.allclose(roads.ice_mm, 0.5)


def test_ploughing_removes_snow_down_to_the_residual(roads):
    residual = roads.cfg.plough_residual_cm
    roads.snow_cm[:] = 8.0
    roads.snow_cm[:3] = residual / 2  # already thinner than the blade reaches
    ploughed = np.arange(len(roads.snow_cm))
    roads.plough(ploughed)
    assert np.allclose(roads.snow_cm[3:], residual)
    assert np.allclose(roads.snow_cm[:3], residual / 2)


def test_rain_washes_salt_off(roads):
    surfaces = np.arange(len(roads.salt_g_m2))
    roads.salt(surfaces, 10.0)
    before = roads.salt_g_m2.copy()
    hours(roads, 1, temp_c=5.0, precip_mm=4.0, kind=RAIN)
    assert np.all(roads.salt_g_m2 < 0.5 * before)


def test_salt_stays_on_a_dry_road_without_traffic(roads):
    roads.salt(np.arange(len(roads.salt_g_m2)), 10.0)
    before = roads.salt_g_m2.copy()
    hours(roads, 6, temp_c=5.0)
    assert np.allclose(roads.salt_g_m2, before)


def test_traffic_sprays_salt_off_busy_roads_first(roads, town):
    roads.salt(np.arange(len(roads.salt_g_m2)), 10.0)
    hours(roads, 12, temp_c=5.0, traffic=1.0)
    busy = np.argmax(roads.traffic)
    quiet = np.argmin(roads.traffic)
    assert roads.salt_g_m2[busy] < roads.salt_g_m2[quiet] < 10.0


def test_hoarfrost_forms_on_a_cold_surface_under_humid_air(roads):
    hours(roads, 8, temp_c=-3.0, dewpoint_c=-1.0)
    assert roads.ice_mm.min() > 0.02
    assert roads.slipperiness.min() > 0.2


def test_no_hoarfrost_forms_under_dry_air(roads):
    hours(roads, 8, temp_c=-3.0, dewpoint_c=-6.0)
    assert roads.ice_mm.max() == 0.0
    assert roads.slipperiness.max() == 0.0


def test_preventive_salt_keeps_hoarfrost_liquid(roads):
    roads.salt(np.arange(len(roads.salt_g_m2)), 7.0)
    hours(roads, 8, temp_c=-3.0, dewpoint_c=-1.0)
    assert roads.ice_mm.max() == 0.0


def test_a_wet_road_freezes_when_the_surface_drops_below_zero(roads):
    hours(roads, 1, temp_c=3.0, precip_mm=1.0, kind=RAIN)
    hours(roads, 2, temp_c=-2.0)
    assert roads.ice_mm.min() > 0.1
    assert roads.slipperiness.min() > 0.5


def test_snow_falls_and_lies_below_zero(roads):
    hours(roads, 3, temp_c=-2.0, precip_mm=1.0, kind=PRECIP_SNOW)
    assert np.allclose(roads.snow_cm, 3.0)


def test_slipperiness_rises_with_ice(roads):
    ice = np.array([0.0, 0.01, 0.03, 0.1, 0.3, 1.0])
    roads.ice_mm[: len(ice)] = ice
    hours(roads, 1, temp_c=-5.0)
    slip = roads.slipperiness[: len(ice)]
    assert slip[0] == 0.0
    assert np.all(np.diff(slip) > 0)
    assert slip[-1] > 0.99


def test_grit_gives_grip_on_ice(roads):
    roads.ice_mm[:] = 0.3
    hours(roads, 1, temp_c=-5.0)
    bare = roads.slipperiness.copy()
    roads.grit(np.arange(len(roads.grit_g_m2)), 60.0)
    hours(roads, 1, temp_c=-5.0)
    assert np.all(roads.slipperiness < 0.8 * bare)


def test_ice_melts_above_zero(roads):
    roads.ice_mm[:] = 1.0
    hours(roads, 6, temp_c=2.0)
    assert roads.ice_mm.max() == 0.0


def test_a_dry_network_stays_dry_and_not_slippery(roads):
    hours(roads, 24, temp_c=-5.0, dewpoint_c=-9.0, traffic=1.0)
    assert roads.is_dry()
    assert roads.slipperiness.max() == 0.0


def test_max_slipperiness_is_zero_on_a_dry_network(roads):
    hours(roads, 2, temp_c=5.0)
    assert roads.max_slipperiness() == 0.0 == roads.slipperiness.max()


def test_max_slipperiness_is_the_highest_surface_value(roads):
    roads.ice_mm[:3] = 0.2
    hours(roads, 1, temp_c=-3.0)
    assert roads.max_slipperiness() == roads.slipperiness.max() > 0.5


def test_max_slipperiness_follows_every_hour_while_ice_melts(roads):
    roads.ice_mm[:5] = 0.3
    seen = []
    for temp_c in (-2.0, 1.0, 3.0, 5.0):
        hours(roads, 1, temp_c=temp_c, traffic=1.0)
        for _ in range(2):  # asked twice an hour (citizens, KPIs): the same answer
            assert roads.max_slipperiness() == roads.slipperiness.max()
        seen.append(roads.max_slipperiness())
    assert seen[0] > seen[-1]
