"""Trucks and drivers (sim/agents/fleet.py): call-outs, shift limits, route times."""

from __future__ import annotations

import numpy as np
import pytest

from sim.agents.fleet import IDLE, Fleet
from sim.agents.plan import draft_plan
from sim.scenario.schema import TownConfig
from sim.world.town import build_town

ROUTE_NORM_H = 3.0  # routes done within 3 h of the alarm (Lingewaard, Aa en Hunze)


@pytest.fixture(scope="module")
def plan():
    town = build_town(TownConfig(), np.random.default_rng(1))  # the default 50k town
    return draft_plan(town, trucks=5)


def fleet(plan, drivers: int = 12, shift_limit_h: float = 11.0, rest_h: float = 11.0,
          speed_kmh: float = 20.0) -> Fleet:
    return Fleet(plan, n_trucks=5, n_drivers=drivers, shift_limit_h=shift_limit_h,
                 rest_h=rest_h, speed_kmh=speed_kmh)


def drive_until_done(f: Fleet, start: int, max_hours: int = 48) -> int:
    hour = start
    while f.busy and hour < start + max_hours:
        f.drive(hour)
        hour += 1
    return hour


def test_routes_finish_within_the_norm_in_normal_conditions(plan):
    f = fleet(plan)
    action = f.call_out(10, "preventive", 1, 7.0, False, delays_h=np.full(5, 1.25))
    drive_until_done(f, 10)
    assert not action.skipped_routes
    assert sorted(action.finished) == sorted(action.routes)
    assert action.routes_within_norm(ROUTE_NORM_H) == len(action.routes)


def test_a_call_out_needs_rested_drivers(plan):
    f = fleet(plan, drivers=12)
    f.rest_until[:] = 20  # everyone is resting after a long night
    action = f.call_out(10, "curative", 1, 15.0, False, delays_h=np.full(5, 0.5))
    assert sorted(action.skipped_routes) == sorted(action.routes)
    assert all(t.state == IDLE for t in f.trucks)


def test_a_call_out_with_too_few_drivers_leaves_routes_undone(plan):
    f = fleet(plan, drivers=3)
    action = f.call_out(10, "preventive", 1, 7.0, False, delays_h=np.full(5, 0.5))
    assert len(action.skipped_routes) == len(action.routes) - 3


def test_a_driver_at_the_shift_limit_hands_over_to_a_rested_one(plan):
    # Slow going (4 km/h) on 16-19 km routes: three 2-hour shifts per truck.
    f = fleet(plan, drivers=15, shift_limit_h=2.0, speed_kmh=4.0)
    action = f.call_out(0, "snow", 1, 20.0, True, delays_h=np.full(5, 0.5))
    drive_until_done(f, 0)
    assert not action.skipped_routes
    assert sorted(action.finished) == sorted(action.routes)
    assert (f.rest_until > 0).sum() >= 10  # the first two crews went to rest


def test_without_a_rested_driver_the_truck_stops_at_the_shift_limit(plan):
    f = fleet(plan, drivers=5, shift_limit_h=2.0, speed_kmh=4.0)
    action = f.call_out(0, "snow", 1, 20.0, True, delays_h=np.full(5, 0.5))
    drive_until_done(f, 0)
    assert sorted(action.skipped_routes) == sorted(action.routes)
    assert np.all(f.rest_until >= 11)  # all five drivers must rest (11 h)
    again = f.call_out(5, "snow", 1, 20.0, True, delays_h=np.full(5, 0.5))
    assert sorted(again.skipped_routes) == sorted(again.routes)


def test_secondary_snow_routes_join_the_priority_1_call_out(plan):
    f = fleet(plan)
    first = f.call_out(0, "snow", 1, 20.0, True, delays_h=np.full(5, 0.5))
    hour = drive_until_done(f, 0)
    joined = f.call_out(hour, "snow", 2, 20.0, True, delays_h=np.full(5, 0.5))
    assert joined is first
    assert len(f.actions) == 1
    assert first.follow_up_routes == [r.id for r in plan.by_priority(2)]
    drive_until_done(f, hour)
    assert set(first.follow_up_routes) <= set(first.finished)
    assert first.routes_within_norm(ROUTE_NORM_H) == len(first.routes)


def test_a_later_secondary_round_is_a_call_out_of_its_own(plan):
    f = fleet(plan)
    f.call_out(0, "snow", 1, 20.0, True, delays_h=np.full(5, 0.5))
    drive_until_done(f, 0)
    later = f.call_out(30, "snow", 2, 20.0, True, delays_h=np.full(5, 0.5))
    assert len(f.actions) == 2
    assert later.priority == 2
