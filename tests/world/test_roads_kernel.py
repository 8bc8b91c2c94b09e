"""The compiled road physics (sim/world/_roads_c.pyx) against the numpy code it stands in
for (sim/world/road_physics.py): every state array the same bit for bit after every hour,
on each branch of `RoadState.step`.

Two RoadStates of one small town, one built with the kernel and one inside
`compiled.pure_python()`, get the same start and the same hours; after each hour every
array is compared by its bytes (signed zeros count: the state hash reads the bytes).
"""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

from sim import compiled
from sim.scenario.schema import RoadPhysicsConfig, TownConfig
from sim.world.roads import PRECIP_SNOW, RoadState
from sim.world.town import build_town

pytestmark = pytest.mark.skipif(
    compiled.kernel("sim.world._roads_c") is None, reason="the road kernel is not built"
)

RAIN, SNOW = 1, PRECIP_SNOW
DRY_BUSY = (0.0, 0, 1.0)  # nothing falls, full traffic
ARRAYS = (
    "surface_temp_c",
    "water_mm",
    "ice_mm",
    "snow_cm",
    "salt_g_m2",
    "grit_g_m2",
    "slipperiness",
)


@pytest.fixture(scope="module")
def town():
    """A small generated town (its microclimate offsets spread the surface temperatures)."""
    return build_town(TownConfig(population=2_000), np.random.default_rng(0))


class Twins:
    """A compiled and a numpy RoadState, fed the same state and the same hours."""

    def __init__(self, town, cfg: RoadPhysicsConfig | None = None, uniform: bool = False) -> None:
        cfg = cfg or RoadPhysicsConfig()
        self.fast = RoadState(town, cfg)
        with compiled.pure_python():
            self.slow = RoadState(town, cfg)
        assert self.fast._kernel is not None and self.slow._kernel is None
        if uniform:  # every surface at the reference temperature: thresholds hit exactly
            for roads in (self.fast, self.slow):
                roads.offset_c = np.zeros_like(roads.offset_c)
        self.hours = 0

    def set(self, name: str, values: np.ndarray) -> None:
        """Put the same values into one state array of both (in place, as treatments do)."""
        for roads in (self.fast, self.slow):
            getattr(roads, name)[:] = values

    def treat(self, verb: str, *args) -> None:
        for roads in (self.fast, self.slow):
            getattr(roads, verb)(*args)

    def step(self, *weather: float) -> None:
        """One hour of this weather (reference surface temperature, dewpoint, precipitation,
        its kind, traffic) on both, then every array compared by its bytes."""
        for roads in (self.fast, self.slow):
            roads.step(*weather)
        self.hours += 1
        for name in ARRAYS:
            fast, slow = getattr(self.fast, name), getattr(self.slow, name)
            assert fast.tobytes() == slow.tobytes(), f"{name} differs after hour {self.hours}"
        assert (self.fast.slipperiness is self.fast._zeros) == (
            self.slow.slipperiness is self.slow._zeros
        )
        assert self.fast.max_slipperiness() == self.slow.max_slipperiness()


def _spread(rng: np.random.Generator, size: int, scale: float, share: float) -> np.ndarray:
    """Values on a share of the surfaces, zero (both signs) on the rest."""
    values = rng.exponential(scale, size) * (rng.random(size) < share)
    values[rng.random(size) < 0.05] = -0.0
    return values


def _varied(twins: Twins, rng: np.random.Generator) -> None:
    """Water, ice, snow, salt and grit on some surfaces, with thresholds hit exactly."""
    n = twins.fast.water_mm.size
    for name, scale in (
        ("water_mm", 0.3),
        ("ice_mm", 0.2),
        ("snow_cm", 2.0),
        ("salt_g_m2", 6.0),
        ("grit_g_m2", 30.0),
    ):
        twins.set(name, _spread(rng, n, scale, 0.5))
    exact = iter(np.array_split(rng.choice(n, 40, replace=False), 4))
    for name, threshold in (
        ("salt_g_m2", 1.0),  # salt that loosens ice, and brine for the wet-cold test
        ("water_mm", 0.05),  # wet
        ("snow_cm", 0.01),  # a trace of snow
        ("ice_mm", 0.001),  # a trace of ice
    ):
        values = getattr(twins.fast, name).copy()
        values[next(exact)] = threshold
        twins.set(name, values)


# Hours chosen to take each branch of `step` (reference surface temperature, dewpoint,
# precipitation, kind, traffic), each from the same varied state.
HOURS = {
    "frost, rijp and sublimation, some surfaces warm": (-0.2, 0.5, 0.0, 0, 1.0),
    "frost, all surfaces below zero, dry air": (-4.0, -9.0, 0.0, 0, 0.6),
    "frost below the degraded threshold": (-8.0, -8.5, 0.0, 0, 1.0),
    "frost below the ineffective threshold": (-12.0, -11.0, 0.0, 0, 0.3),
    "frost on exactly the ineffective threshold": (-10.0, -10.0, 0.0, 0, 1.0),
    "snowfall below zero": (-2.0, -2.5, 1.2, SNOW, 0.8),
    "snowfall on warm roads": (1.5, 0.0, 0.7, SNOW, 1.0),
    "freezing rain": (-1.0, -0.5, 0.8, RAIN, 1.0),
    "rain above zero": (4.0, 3.0, 2.0, RAIN, 1.0),
    "thaw, wet and cold": (0.4, 0.3, 0.0, 0, 0.0),
    "thaw above the wet-cold range": (6.0, 2.0, 0.0, 0, 1.0),
    "no traffic": (-3.0, -2.0, 0.0, 0, 0.0),
    "exactly zero degrees": (0.0, -0.0, 0.0, 0, 1.0),
}


@pytest.mark.parametrize("uniform", [False, True], ids=["microclimate", "uniform"])
@pytest.mark.parametrize("weather", list(HOURS.values()), ids=list(HOURS))
def test_each_branch_gives_numpys_bits_hour_after_hour(town, weather, uniform):
    twins = Twins(town, uniform=uniform)
    _varied(twins, np.random.default_rng(list(HOURS.values()).index(weather)))
    twins.treat("grit", np.arange(0, twins.fast.grit_g_m2.size, 3), 20.0)
    for _ in range(4):
        twins.step(*weather)


def test_a_dry_network_only_decays_salt_and_grit(town):
    twins = Twins(town)
    twins.treat("salt", np.arange(0, twins.fast.salt_g_m2.size, 2), 10.0)
    twins.treat("grit", np.arange(0, twins.fast.grit_g_m2.size, 5), 30.0)
    twins.step(-3.0, -8.0, *DRY_BUSY)
    assert twins.fast.slipperiness is twins.fast._zeros
    assert 0.0 < twins.fast.salt_g_m2.max() < 10.0


def test_ungritted_roads_and_one_salt_threshold(town):
    """No grit ever (its decay and grip skipped), and salt that fails at one temperature
    (the degraded and the ineffective threshold equal: a step, not a ramp)."""
    cfg = RoadPhysicsConfig(salt_degraded_below_c=-6.0, salt_ineffective_below_c=-6.0)
    twins = Twins(town, cfg)
    rng = np.random.default_rng(5)
    for name in ("water_mm", "ice_mm", "snow_cm", "salt_g_m2"):
        twins.set(name, _spread(rng, twins.fast.water_mm.size, 1.0, 0.6))
    for temp_c in (-5.0, -6.0, -7.0, -5.5):
        twins.step(temp_c, temp_c + 0.5, 0.3, SNOW, 1.0)


def test_a_replaced_array_is_read_afresh(town):
    """Whoever puts a new array in place of a state array (not in place) is heard."""
    twins = Twins(town)
    twins.step(-2.0, -1.0, *DRY_BUSY)
    for roads in (twins.fast, twins.slow):
        roads.ice_mm = np.full_like(roads.ice_mm, 0.4)
        roads.offset_c = np.zeros_like(roads.offset_c)
    twins.step(-1.0, -1.5, 0.2, RAIN, 1.0)
    assert twins.fast.ice_mm.min() > 0.3


def test_slipperiness_is_a_new_array_every_slippery_hour(town):
    """Views of last hour's slipperiness (the game's, the observation's) keep its values."""
    twins = Twins(town)
    twins.set("ice_mm", np.full(twins.fast.ice_mm.size, 0.3))
    twins.step(-2.0, -2.0, *DRY_BUSY)
    before = twins.fast.slipperiness
    kept = before.copy()
    twins.step(3.0, 1.0, *DRY_BUSY)
    assert twins.fast.slipperiness is not before
    assert before.tobytes() == kept.tobytes()


def test_many_hours_of_random_weather_stay_bit_for_bit(town):
    """Nine weeks of random winter weather with treatments between the hours."""
    twins = Twins(town)
    rng = np.random.default_rng(18)
    n = twins.fast.water_mm.size
    temp_c, dewpoint_c = 1.0, 0.0
    for hour in range(1500):
        temp_c = float(np.clip(temp_c + rng.normal(0.0, 0.8), -14.0, 8.0))
        dewpoint_c = temp_c + float(rng.normal(-0.5, 1.2))
        wet = rng.random() < 0.25
        precip = float(rng.exponential(0.6)) if wet else 0.0
        kind = SNOW if temp_c < 0.5 and rng.random() < 0.7 else RAIN
        traffic = float(rng.choice([0.0, 0.1, 0.4, 1.0, 1.3]))
        if hour % 7 == 0:
            twins.treat("salt", rng.choice(n, n // 4, replace=False), 10.0)
        if hour % 29 == 0:
            twins.treat("plough", rng.choice(n, n // 3, replace=False))
        if hour % 61 == 0:
            twins.treat("grit", rng.choice(n, n // 10, replace=False), 40.0)
        if hour % 13 == 0:
            twins.treat("clear_pavements", np.arange(n // 2, n), 0.5)
        twins.step(temp_c, dewpoint_c, precip, kind, traffic)


def test_a_copied_road_state_steps_on_its_own_arrays(town):
    """Models are deep-copied (tests, the debrief) and pickled: the copy's kernel works on
    the copy's arrays, leaves the original's alone, and gives the numpy values."""
    twins = Twins(town)
    twins.set("ice_mm", np.full(twins.fast.ice_mm.size, 0.2))
    twins.step(-2.0, -1.0, *DRY_BUSY)
    original, numpy_original = twins.fast, twins.slow
    kept = original.ice_mm.copy()
    for copied in (copy.deepcopy(original), pickle.loads(pickle.dumps(original))):
        assert copied._kernel is not None
        twins.fast, twins.slow = copied, copy.deepcopy(numpy_original)
        twins.step(-1.0, -3.0, 0.5, SNOW, 1.0)
        assert original.ice_mm.tobytes() == kept.tobytes()
