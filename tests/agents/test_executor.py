"""The executor's dispatcher and route driving (sim/agents/executor.py).

The dispatcher is tested on hand-made road states: each test sets the surfaces of the
priority network and asks `assess_conditions` what it would do.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.agents.executor import SNOW_PREVENTIVE_DOSE_FACTOR, CallOut
from sim.model import RegieModel
from sim.scenario.schema import Scenario


@pytest.fixture
def model() -> RegieModel:
    sc = Scenario.model_validate({"weather": {"days": 3, "start_date": "2026-01-10"}})
    return RegieModel(sc, seed=0)


def p1(model: RegieModel) -> np.ndarray:
    return model.executor.priority1_segments


def set_temperature(model: RegieModel, temp_c: float) -> None:
    roads = model.roads
    roads.surface_temp_c = np.full_like(roads.surface_temp_c, temp_c)


def make_slippery(model: RegieModel, ice_mm: float, temp_c: float) -> None:
    """Ice on the priority network at a given surface temperature."""
    roads = model.roads
    set_temperature(model, temp_c)
    roads.ice_mm[p1(model)] = ice_mm
    roads.slipperiness[p1(model)] = 1.0 - np.exp(-ice_mm / 0.1)


def drive(model: RegieModel, hours: int) -> None:
    """Let the trucks drive for some hours (executor only, no other agent acts)."""
    for _ in range(hours):
        model.executor.drive_routes()
        model.hour += 1


def test_without_salt_no_salting_round_goes_out_and_the_day_is_a_shortage_day(model):
    ex = model.executor
    ex.depot.stock_t = 0.0
    assert ex.dispatch(CallOut("preventive", 1, 7.0, False, "test")) is None
    assert ex.shortage_today and not ex.fleet.busy and not ex.fleet.actions


def test_without_salt_a_snow_round_ploughs_without_salting(model):
    ex = model.executor
    ex.depot.stock_t = 0.0
    ex.plough_allowed = True
    action = ex.dispatch(CallOut("snow", 1, 20.0, True, "test"))
    assert ex.shortage_today and action.plough and action.dose_g_m2 == 0.0


def test_with_too_little_salt_for_the_round_segments_are_left_unsalted(model):
    ex = model.executor
    ex.depot.stock_t = 0.2 * model.plan.round_salt_t(1, 7.0)
    action = ex.dispatch(CallOut("preventive", 1, 7.0, False, "test"))
    drive(model, 6)
    assert ex.shortage_today
    p1_km = model.town.length_m[p1(model)].sum() / 1000.0
    assert 0.0 < action.unsalted_km < p1_km


def test_with_salt_a_call_out_salts_the_priority_network(model):
    ex = model.executor
    action = ex.dispatch(CallOut("preventive", 1, 7.0, False, "test"))
    drive(model, 6)
    assert not ex.shortage_today
    assert action.unsalted_km == 0.0
    assert action.salt_t == pytest.approx(model.plan.round_salt_t(1, 7.0))
    assert model.roads.salt_g_m2[p1(model)].min() > 6.0


def test_with_a_little_salt_part_of_the_network_is_left_unsalted(model):
    ex = model.executor
    ex.depot.stock_t = 0.5 * model.plan.round_salt_t(1, 7.0)
    action = ex.dispatch(CallOut("preventive", 1, 7.0, False, "test"))
    drive(model, 6)
    assert ex.shortage_today
    assert action.salt_t == pytest.approx(0.5 * model.plan.round_salt_t(1, 7.0))
    salted = model.roads.salt_g_m2[p1(model)] > 0
    assert 0.2 < salted.mean() < 0.8


def test_snow_on_the_priority_network_calls_a_plough_round(model):
    model.roads.snow_cm[p1(model)] = 5.0
    call = model.executor.assess_conditions()
    assert call is not None
    assert (call.kind, call.priority, call.plough) == ("snow", 1, True)


def test_ice_on_unsalted_roads_calls_a_curative_round(model):
    make_slippery(model, ice_mm=0.5, temp_c=-3.0)
    call = model.executor.assess_conditions()
    assert call is not None and call.kind == "curative"


def test_no_curative_round_while_the_brine_on_the_road_copes(model):
    make_slippery(model, ice_mm=0.1, temp_c=-3.0)
    model.roads.salt(p1(model), 20.0)  # holds about 0.36 mm liquid at -3 degC
    assert model.executor.assess_conditions() is None


def test_no_salting_where_salt_no_longer_works(model):
    make_slippery(model, ice_mm=0.5, temp_c=-12.0)
    model.executor.sand_fallback = False
    call = model.executor.assess_conditions()
    assert call is None or call.kind not in ("curative", "preventive")


def test_grit_where_salt_no_longer_works_and_a_rule_allows_it(model):
    make_slippery(model, ice_mm=0.5, temp_c=-12.0)
    model.executor.sand_fallback = True
    call = model.executor.assess_conditions()
    assert call is not None and call.kind == "grit"


def test_a_forecast_risk_calls_a_preventive_round_timed_before_it(model, monkeypatch):
    ex = model.executor
    monkeypatch.setattr(ex, "_forecast_risk", lambda hour: (hour + 3, False))
    call = ex.assess_conditions()
    assert call is not None
    assert (call.kind, call.dose_g_m2) == ("preventive", ex.cfg.dose_preventive_g_m2)


def test_a_distant_forecast_risk_waits(model, monkeypatch):
    ex = model.executor
    monkeypatch.setattr(ex, "_forecast_risk", lambda hour: (hour + 11, False))
    assert ex.assess_conditions() is None


def test_forecast_snow_raises_the_preventive_dose(model, monkeypatch):
    ex = model.executor
    monkeypatch.setattr(ex, "_forecast_risk", lambda hour: (hour + 3, True))
    call = ex.assess_conditions()
    assert call is not None and call.kind == "preventive"
    assert call.dose_g_m2 == pytest.approx(
        ex.cfg.dose_preventive_g_m2 * SNOW_PREVENTIVE_DOSE_FACTOR
    )


def test_residual_salt_on_the_busy_routes_skips_the_preventive_round(model, monkeypatch):
    ex = model.executor
    monkeypatch.setattr(ex, "_forecast_risk", lambda hour: (hour + 3, False))
    model.roads.salt(p1(model), ex.cfg.dose_preventive_g_m2)
    assert ex.assess_conditions() is None


def test_the_forecast_slice_equals_a_fresh_forecast(model):
    ex = model.executor
    for hour in (0, 3, 5, 17, 40):
        model.hour = hour
        fresh = model.weather.forecast(hour, 12)
        risky = (fresh.surface_temp_c < ex.alarm_threshold_c) & (
            (fresh.precip_prob > 0.4) | (fresh.hoarfrost_risk > 0.4)
        )
        heavy = (
            (fresh.precip_prob > 0.4)
            & np.isin(fresh.precip_kind, (2, 3))
            & (fresh.surface_temp_c < 1.0)
        )
        hits = np.flatnonzero(risky | heavy)
        model.roads.water_mm[:] = 0.0  # a dry road: cold alone is no risk
        expected = int(fresh.hours[hits[0]]) if len(hits) else None
        assert ex.forecast_risk_onset(hour) == expected


def test_each_alarm_counts_as_a_call_made_and_a_refused_one_does_not(model):
    ex = model.executor
    assert ex.calls_made == 0
    ex.dispatch(CallOut("preventive", 1, 7.0, False, "test"))
    assert ex.calls_made == 1
    ex.dispatch(CallOut("preventive", 1, 7.0, False, "again"))  # the crews are still out
    assert ex.calls_made == 1


def test_the_executor_s_hash_parts_leave_out_caches_and_the_call_counter(model):
    ex = model.executor
    before = ex.hash_parts()
    ex.calls_made += 1
    ex._reading_key = ("another", "cache")
    assert ex.hash_parts() == before
    ex.stand_down_until += 1
    assert ex.hash_parts() != before
