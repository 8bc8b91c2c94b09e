"""The citizens' hour with the compiled kernels (sim/agents/_citizens_c.pyx and
_exposure_c.pyx) is numpy's hour bit for bit: the expected counts, the draws, the
satisfaction of every route, on roads from dry to glazed."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from sim import compiled
from sim.agents.citizens import (
    BAD_TRIP_SLIPPERINESS,
    LARGE_POISSON_MEAN,
    SATISFACTION_RATE,
    _poisson_counts,
    compiled_trip_judge,
)
from sim.agents.exposure import COMPLAINTS, N_COUNTS
from sim.model import RegieModel
from sim.scenario.loader import load_scenario, resolve_scenario
from sim.session.statehash import state_hash

pytestmark = pytest.mark.skipif(
    compiled.kernel("sim.agents._citizens_c") is None
    or compiled.kernel("sim.agents._exposure_c") is None,
    reason="the compiled kernels are not built here (no C compiler)",
)


def road_states(n: int) -> list[np.ndarray]:
    """Slipperiness of every surface for a run of hours: dry, a few icy spots, half the
    town, all of it glazed, and in between (each surface 0 or in (0, 1])."""
    rng = np.random.default_rng(12)
    states = [np.zeros(n)]
    for share in (0.002, 0.02, 0.1, 0.5, 1.0, 1.0, 0.3):
        slip = rng.random(n) * (rng.random(n) < share)
        states.append(slip)
    states.append(np.full(n, 0.9))  # every trip a bad one
    return states


def hour_by_hour(model: RegieModel, states: list[np.ndarray]) -> list[bytes]:
    """The citizens' step on each road state in turn (from 7 h on a weekday): after
    each, the expected counts drawn, the route satisfaction and the model's state hash."""
    pop = model.citizens
    drawn: list[bytes] = []
    draw = pop.draw_counts
    pop.draw_counts = lambda expected: (drawn.append(expected.tobytes()), draw(expected))
    record = []
    for i, slip in enumerate(states):
        model.hour = 7 + i
        model.roads.slipperiness = slip
        pop.step()
        record += [*drawn, pop.route_satisfaction.tobytes(), state_hash(model).encode()]
        drawn.clear()
    return record


def test_the_hour_is_numpys_hour_bit_for_bit():
    scenario = load_scenario(resolve_scenario(None))
    with_kernels = RegieModel(scenario, seed=4)
    with compiled.pure_python():
        without = RegieModel(scenario, seed=4)
    assert with_kernels.citizens._trip_judge is not None
    assert without.citizens._trip_judge is None
    states = road_states(len(with_kernels.roads.slipperiness))
    ours, numpys = hour_by_hour(with_kernels, states), hour_by_hour(without, states)
    assert ours == numpys
    pop = with_kernels.citizens
    assert pop.slips > 0  # the hours did something: incidents, bad trips, complaints
    assert (pop.route_satisfaction < 0.78).any()
    complaints = [np.frombuffer(b)[COMPLAINTS] for b in ours if len(b) == 8 * N_COUNTS]
    assert max(complaints) > 0


def numpy_judgement(service_km, route_km, complain_p, satisfaction, rate):
    """`CitizenPopulation.travel`'s numpy steps: which trips are bad, what that does."""
    mean_slip = service_km / route_km
    bad = np.flatnonzero(mean_slip > BAD_TRIP_SLIPPERINESS)
    experience = 1.0 - np.minimum(1.5 * mean_slip[bad], 1.0)
    satisfaction[bad] += rate * (experience - satisfaction[bad])
    return complain_p[bad]


def test_trips_at_the_bad_trip_threshold_are_judged_as_numpy_judges_them():
    """Mean slipperiness a few units in the last place either side of the threshold (the
    kernel divides only above a bound just below it)."""
    rng = np.random.default_rng(3)
    route_km = np.maximum(rng.random(2000) * 8.0, 0.05)
    service_km = route_km * BAD_TRIP_SLIPPERINESS
    steps = rng.integers(-6, 7, size=2000)
    for _ in range(6):  # up or down by |step| units in the last place
        service_km = np.where(steps > 0, np.nextafter(service_km, np.inf), service_km)
        service_km = np.where(steps < 0, np.nextafter(service_km, -np.inf), service_km)
        steps -= np.sign(steps)
    service_km[:5] = [0.0, np.nan, 1e9, route_km[3] * 0.2, route_km[4]]
    complain_p = rng.random(2000)
    ours, theirs = np.full(2000, 0.78), np.full(2000, 0.78)
    judge = compiled_trip_judge(route_km, complain_p)
    n_bad = judge.judge(service_km, ours, 0.05 * SATISFACTION_RATE)
    listed = numpy_judgement(service_km, route_km, complain_p, theirs, 0.05 * SATISFACTION_RATE)
    assert 500 < n_bad < 1500  # both sides of the threshold
    assert judge.bad_complain_p[:n_bad].tobytes() == listed.tobytes()
    assert ours.tobytes() == theirs.tobytes()


def test_a_population_with_the_kernels_deep_copies_into_an_equal_one():
    """(Models are deep-copied: decision trials, the debrief's ghosts.)"""
    model = RegieModel(load_scenario(resolve_scenario(None)), seed=2)
    states = road_states(len(model.roads.slipperiness))
    twin = copy.deepcopy(model)
    assert twin.citizens._trip_judge is not model.citizens._trip_judge
    assert hour_by_hour(twin, states) == hour_by_hour(model, states)


def test_the_compiled_poisson_draws_are_pythons():
    """Means from none to large (above LARGE_POISSON_MEAN the caller draws in Python)."""
    kernels = compiled.kernel("sim.agents._citizens_c")
    rng = np.random.default_rng(8)
    means = np.concatenate([[0.0, -1.0, np.nan, 1e-300], 10.0 ** rng.uniform(-8, 2.6, 400)])
    uniforms = np.concatenate([[0.3, 0.9, 0.5, 1.0], rng.random(400)])
    uniforms[10:20] = 1.0 - 1e-16  # deep in the tail
    drawn = np.zeros(len(means), dtype=np.int64)
    total = kernels.poisson_counts(uniforms, means, LARGE_POISSON_MEAN, drawn)
    assert drawn.tolist() == _poisson_counts(uniforms.tolist(), means.tolist())
    assert total == drawn.sum() > 1000
    assert kernels.poisson_counts(uniforms, means, 10.0, drawn) == -1  # a mean above 10
