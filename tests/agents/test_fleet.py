"""Trucks and drivers (sim/agents/fleet.py): call-outs, shift limits, route times."""

from __future__ import annotations

import numpy as np
import pytest

from sim.agents.fleet import IDLE, WAITING_MAX_H, Fleet
from sim.agents.plan import draft_plan
from sim.scenario.schema import ExecutorConfig, TownConfig
from sim.world.town import build_town

ROUTE_NORM_H = 3.0  # routes done within 3 h of the alarm (Lingewaard, Aa en Hunze)
DEFAULTS = ExecutorConfig()


@pytest.fixture(scope="module")
def plan():
    town = build_town(TownConfig(), np.random.default_rng(1))  # the default 50k town
    return draft_plan(town, trucks=5)


def fleet(
    plan,
    drivers: int = 12,
    shift_limit_h: float = 11.0,
    rest_h: float = 11.0,
    speed_kmh: float = DEFAULTS.gritting_speed_kmh,
    plough_speed_kmh: float = DEFAULTS.plough_speed_kmh,
) -> Fleet:
    return Fleet(
        plan,
        n_trucks=5,
        n_drivers=drivers,
        shift_limit_h=shift_limit_h,
        rest_h=rest_h,
        speed_kmh=speed_kmh,
        empty_speed_kmh=DEFAULTS.empty_speed_kmh,
        plough_speed_kmh=plough_speed_kmh,
        loading_h=DEFAULTS.loading_h,
    )


def drive_until_done(f: Fleet, start: int, max_hours: int = 48) -> int:
    hour = start
    while f.busy and hour < start + max_hours:
        f.drive(hour)
        hour += 1
    return hour


def route_times(action) -> np.ndarray:
    """Hours from the alarm until each finished route was done."""
    return np.array([action.finished[r] - action.alarm_hour for r in action.finished])


def test_a_priority_1_route_takes_two_to_three_hours_from_the_alarm(plan):
    # Staphorst 2-2.5 h per route, Gelderland about 2.5 h (domain facts, response times).
    f = fleet(plan)
    action = f.call_out(10, "preventive", 1, 7.0, False, delays_h=np.linspace(0.5, 1.0, 5))
    drive_until_done(f, 10)
    assert not action.skipped_routes
    assert sorted(action.finished) == sorted(action.routes)
    times = route_times(action)
    assert 2.0 <= times.mean() <= 2.5 and times.max() <= ROUTE_NORM_H, times
    assert action.routes_within_norm(ROUTE_NORM_H) == len(action.routes)


def test_route_times_are_kept_within_the_hour(plan):
    f = fleet(plan)
    action = f.call_out(10, "preventive", 1, 7.0, False, delays_h=np.full(5, 0.5))
    drive_until_done(f, 10)
    expected = [10 + 0.5 + f.route_hours(r, plough=False) for r in plan.by_priority(1)]
    assert [action.finished[r.id] for r in plan.by_priority(1)] == pytest.approx(expected)
    assert all(action.started[r] == 10 + 0.5 + DEFAULTS.loading_h for r in action.routes)


def test_ploughing_in_snow_is_slower_and_can_miss_the_norm(plan):
    f = fleet(plan)
    action = f.call_out(10, "snow", 1, 20.0, True, delays_h=np.full(5, 1.0))
    drive_until_done(f, 10)
    assert f.round_hours(1, plough=True) > f.round_hours(1, plough=False)
    assert action.routes_within_norm(ROUTE_NORM_H) < len(action.routes)


def test_a_call_out_without_rested_drivers_waits_and_finishes_late(plan):
    f = fleet(plan, drivers=12)
    f.rest_until[:] = 13  # everyone is resting after a long night
    action = f.call_out(10, "curative", 1, 15.0, False, delays_h=np.full(5, 0.5))
    assert all(t.state == IDLE for t in f.trucks) and len(f.waiting) == 5
    drive_until_done(f, 10)
    assert sorted(action.finished) == sorted(action.routes)
    assert action.routes_within_norm(ROUTE_NORM_H) == 0


def test_with_too_few_drivers_routes_wait_for_the_first_truck_back(plan):
    f = fleet(plan, drivers=3)
    action = f.call_out(10, "preventive", 1, 7.0, False, delays_h=np.full(5, 0.5))
    assert len(f.waiting) == 2 and f.busy_with(1)
    drive_until_done(f, 10)
    assert not action.skipped_routes and sorted(action.finished) == sorted(action.routes)
    assert action.routes_within_norm(ROUTE_NORM_H) == 3


def test_waiting_routes_are_given_up_after_waiting_too_long(plan):
    f = fleet(plan, drivers=12)
    f.rest_until[:] = 30
    action = f.call_out(10, "curative", 1, 15.0, False, delays_h=np.full(5, 0.5))
    for hour in range(10, 10 + int(WAITING_MAX_H) + 1):
        f.drive(hour)
    assert not f.waiting and sorted(action.skipped_routes) == sorted(action.routes)


def test_a_new_call_out_takes_over_the_waiting_routes(plan):
    f = fleet(plan, drivers=12)
    f.rest_until[:] = 30
    first = f.call_out(10, "curative", 1, 15.0, False, delays_h=np.full(5, 0.5))
    second = f.call_out(12, "curative", 1, 15.0, False, delays_h=np.full(5, 0.5))
    assert sorted(first.skipped_routes) == sorted(first.routes)
    assert [a.id for _, a in f.waiting] == [second.id] * 5


def test_a_driver_at_the_shift_limit_hands_over_to_a_rested_one(plan):
    # Slow going (8 km/h) on routes of about 30 km: two or three 2-hour shifts per truck.
    f = fleet(plan, drivers=15, shift_limit_h=2.0, plough_speed_kmh=8.0)
    action = f.call_out(0, "snow", 1, 20.0, True, delays_h=np.full(5, 0.5))
    drive_until_done(f, 0)
    assert not action.skipped_routes
    assert sorted(action.finished) == sorted(action.routes)
    assert (f.rest_until > 0).sum() >= 10  # the first two crews went to rest


def test_without_a_rested_driver_the_truck_stops_at_the_shift_limit(plan):
    f = fleet(plan, drivers=5, shift_limit_h=2.0, plough_speed_kmh=4.0)
    action = f.call_out(0, "snow", 1, 20.0, True, delays_h=np.full(5, 0.5))
    drive_until_done(f, 0, max_hours=5)
    assert sorted(action.skipped_routes) == sorted(action.routes)
    assert np.all(f.rest_until >= 11)  # all five drivers must rest (11 h)
    again = f.call_out(5, "snow", 1, 20.0, True, delays_h=np.full(5, 0.5))
    assert len(f.waiting) == 5 and not again.started


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


def test_trucks_on_the_road_are_those_with_a_driver_until_they_are_back(plan):
    f = fleet(plan)
    assert f.on_road() == 0
    f.call_out(10, "preventive", 1, 7.0, False, delays_h=np.linspace(0.5, 1.0, 5))
    assert f.on_road() == 5
    drive_until_done(f, 10)
    assert f.on_road() == 0


def test_a_round_takes_longer_at_a_lower_speed_and_longer_still_ploughing(plan):
    f = fleet(plan)
    gritting = f.round_hours(1)
    assert f.round_hours(1, plough=True) > gritting
    f.speed_kmh /= 2  # asked again after a change: worked out anew
    assert f.round_hours(1) > gritting
