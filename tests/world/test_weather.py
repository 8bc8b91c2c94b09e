"""Tests for the stochastic winter and its forecast (sim/world/weather/).

Calibration is checked as means over many seeds, never on one lucky seed.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from sim.scenario.schema import WeatherConfig
from sim.world.weather import (
    CALIBRATION_TARGETS,
    MAX_LEAD_H,
    MONTHLY_NORMAL_C,
    PRECIP_FREEZING_RAIN,
    PRECIP_NONE,
    PRECIP_RAIN,
    PRECIP_SNOW,
    SNOW_BELOW_AIR_C,
    SNOW_COVER_MIN_CM,
    Weather,
    weather_rng,
)
from sim.world.weather.forecast import RUN_INTERVAL_H, make_forecast, make_runs
from sim.world.weather.winter import SHORT_REACH_H

CLIMATES = ("mild", "average", "severe")
N_SEEDS = 60
METRICS = ("frost_days", "ice_days", "snow_cover_days", "risk_nights")
# Allowed distance of the mean over N_SEEDS from the target: absolute or relative, whichever
# is larger. Between-winter spread is large (sd of frost days about 20), so the seed mean
# itself carries a standard error of about 2.5 days.
TOLERANCE = {
    "frost_days": (8.0, 0.12),
    "ice_days": (2.0, 0.25),
    "snow_cover_days": (2.0, 0.35),
    "risk_nights": (5.0, 0.12),
}


def make(seed: int = 1, **cfg: object) -> Weather:
    """A winter from a fresh generator."""
    return Weather.generate(WeatherConfig(**cfg), np.random.default_rng(seed))


def season_stats(w: Weather) -> dict[str, float]:
    """The calibration measures of one winter."""
    s = w.day_summary()
    return {
        "frost_days": float(s["frost"].sum()),
        "ice_days": float(s["ice_day"].sum()),
        "snow_cover_days": float((s["snow_depth_cm"] >= SNOW_COVER_MIN_CM).sum()),
        "risk_nights": float(s["risk_night"].sum()),
        "freezing_rain_hours": float((w.precip_kind == PRECIP_FREEZING_RAIN).sum()),
        "mean_air_c": float(w.air_temp_c.mean()),
    }


WEATHER_ARRAYS = (
    "air_temp_c",
    "surface_temp_c",
    "dewpoint_c",
    "precip_mm_h",
    "precip_kind",
    "cloud_cover",
)
FORECAST_ARRAYS = (
    "hours",
    "surface_temp_c",
    "air_temp_c",
    "precip_prob",
    "precip_kind",
    "hoarfrost_risk",
)


@pytest.fixture(scope="module")
def stats() -> dict[str, dict[str, np.ndarray]]:
    """Per climate and measure: one value per seed 0..N_SEEDS-1 (paired by seed)."""
    out: dict[str, dict[str, np.ndarray]] = {}
    for climate in CLIMATES:
        rows = [season_stats(make(seed, climate=climate)) for seed in range(N_SEEDS)]
        out[climate] = {k: np.array([r[k] for r in rows]) for k in rows[0]}
    return out


@pytest.fixture(scope="module")
def winter() -> Weather:
    return make(7)


# --- determinism ----------------------------------------------------------------------
def test_same_seed_gives_identical_winter() -> None:
    a, b = make(42), make(42)
    for name in WEATHER_ARRAYS:
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert a.digest() == b.digest()


def test_different_seed_gives_different_winter() -> None:
    a, b = make(1), make(2)
    assert not np.array_equal(a.air_temp_c, b.air_temp_c)
    assert a.digest() != b.digest()


def test_forecast_settings_change_the_digest() -> None:
    assert make(1).digest() != make(1, forecast_miss_rate=0.3).digest()


def test_generate_draws_only_from_the_generator_passed_in() -> None:
    np_state, py_state = np.random.get_state(), random.getstate()
    rng = np.random.default_rng(3)
    before = rng.bit_generator.state
    Weather.generate(WeatherConfig(), rng)
    assert rng.bit_generator.state != before
    assert random.getstate() == py_state
    after = np.random.get_state()
    assert all(np.array_equal(x, y) for x, y in zip(np_state, after, strict=True))


def test_weather_rng_uses_the_scenario_seed_when_set() -> None:
    cfg = WeatherConfig(seed=11)
    a = Weather.generate(cfg, weather_rng(cfg, np.random.default_rng(1)))
    b = Weather.generate(cfg, weather_rng(cfg, np.random.default_rng(2)))
    assert a.digest() == b.digest()
    free = WeatherConfig()
    c = Weather.generate(free, weather_rng(free, np.random.default_rng(1)))
    d = Weather.generate(free, weather_rng(free, np.random.default_rng(2)))
    assert c.digest() != d.digest()


def test_the_model_draws_its_winter_the_way_weather_rng_says() -> None:
    from sim.model import STREAMS, RegieModel
    from sim.scenario.loader import load_scenario, resolve_scenario

    scenario = load_scenario(resolve_scenario(None), ["weather.days=10"])
    model = RegieModel(scenario, seed=5)
    stream = np.random.default_rng(5).spawn(len(STREAMS))[STREAMS.index("weather")]
    alone = Weather.generate(scenario.weather, weather_rng(scenario.weather, stream))
    assert model.weather.digest() == alone.digest()


# --- shape and physics ----------------------------------------------------------------
def test_arrays_cover_the_season_and_are_read_only(winter: Weather) -> None:
    assert winter.hours == 151 * 24
    assert winter.start_date == dt.date(2025, 11, 1)
    for name in WEATHER_ARRAYS:
        arr = getattr(winter, name)
        assert arr.shape == (winter.hours,), name
        assert not arr.flags.writeable, name
        if name != "precip_kind":
            assert arr.dtype == np.float64, name
    assert winter.precip_kind.dtype == np.int8
    kinds = {PRECIP_NONE, PRECIP_RAIN, PRECIP_SNOW, PRECIP_FREEZING_RAIN}
    assert set(np.unique(winter.precip_kind).tolist()) <= kinds


def test_values_are_physically_consistent(winter: Weather) -> None:
    assert np.all(winter.dewpoint_c <= winter.air_temp_c)
    assert np.all((winter.cloud_cover >= 0) & (winter.cloud_cover <= 1))
    assert np.all(winter.precip_mm_h >= 0)
    assert np.array_equal(winter.precip_kind != PRECIP_NONE, winter.precip_mm_h > 0)


def test_precipitation_kind_follows_temperatures() -> None:
    for seed in range(5):
        w = make(seed, climate="severe")
        snow = w.precip_kind == PRECIP_SNOW
        assert np.all(w.air_temp_c[snow] < SNOW_BELOW_AIR_C)
        assert np.all(w.surface_temp_c[w.precip_kind == PRECIP_FREEZING_RAIN] < 0)
        assert np.all(w.surface_temp_c[w.precip_kind == PRECIP_RAIN] >= 0)


def test_diurnal_cycle_has_minimum_near_sunrise_and_maximum_after_noon() -> None:
    by_hour = np.mean([make(s).air_temp_c.reshape(-1, 24).mean(axis=0) for s in range(5)], 0)
    assert 6 <= int(np.argmin(by_hour)) <= 8
    assert 13 <= int(np.argmax(by_hour)) <= 15


def test_clear_nights_cool_the_surface_below_the_air() -> None:
    clear_gap, overcast_gap = [], []
    for seed in range(10):
        w = make(seed)
        gap = (w.surface_temp_c - w.air_temp_c).reshape(-1, 24)[:, 6]
        night_cloud = w.cloud_cover.reshape(-1, 24)[:, 2:7]
        clear_gap.append(gap[(night_cloud < 0.2).all(axis=1)])
        overcast_gap.append(gap[(night_cloud > 0.9).all(axis=1)])
    assert np.concatenate(clear_gap).mean() < -1.5
    assert np.concatenate(overcast_gap).mean() > -0.5


def test_hoarfrost_conditions_occur(winter: Weather) -> None:
    rijp = (winter.surface_temp_c < 0) & (winter.dewpoint_c >= winter.surface_temp_c)
    assert rijp.sum() > 24


# --- calibration ----------------------------------------------------------------------
@pytest.mark.parametrize("climate", CLIMATES)
@pytest.mark.parametrize("metric", METRICS)
def test_season_counts_match_calibration_targets(
    stats: dict[str, dict[str, np.ndarray]], climate: str, metric: str
) -> None:
    target = CALIBRATION_TARGETS[climate][metric]
    absolute, relative = TOLERANCE[metric]
    mean = stats[climate][metric].mean()
    assert abs(mean - target) <= max(absolute, relative * target), (climate, metric, mean)


@pytest.mark.parametrize("metric", METRICS)
def test_climates_are_ordered_mild_average_severe(
    stats: dict[str, dict[str, np.ndarray]], metric: str
) -> None:
    mild, avg, severe = (stats[c][metric] for c in CLIMATES)
    assert mild.mean() < avg.mean() < severe.mean()
    # Paired by seed: a harsher climate seldom gives a milder winter (snow and ice days are
    # lumpy, so an odd mild winter with one snowy week may beat its average twin).
    assert np.mean(mild <= avg) >= 0.85
    assert np.mean(avg <= severe) >= 0.85


def test_frost_days_and_risk_nights_are_ordered_for_every_seed(
    stats: dict[str, dict[str, np.ndarray]],
) -> None:
    for metric in ("frost_days", "risk_nights"):
        mild, avg, severe = (stats[c][metric] for c in CLIMATES)
        assert np.mean((mild < avg) & (avg < severe)) >= 0.95, metric


def test_average_climate_matches_de_bilt_normals(
    stats: dict[str, dict[str, np.ndarray]],
) -> None:
    dates = [dt.date(2025, 11, 1) + dt.timedelta(days=d) for d in range(151)]
    normals = np.mean([MONTHLY_NORMAL_C[d.month - 1] for d in dates])
    assert abs(stats["average"]["mean_air_c"].mean() - normals) < 0.5


def test_freezing_rain_is_rare_but_present_and_commoner_in_severe_winters(
    stats: dict[str, dict[str, np.ndarray]],
) -> None:
    hours = {c: stats[c]["freezing_rain_hours"] for c in CLIMATES}
    assert np.mean(hours["average"] > 0) > 0.5
    assert hours["average"].mean() < 24  # rare: about a day's worth of hours at most
    assert hours["mild"].mean() < hours["average"].mean() < hours["severe"].mean()


# --- forecast -------------------------------------------------------------------------
def forecast_errors(leads: tuple[int, ...], seeds: range) -> dict[int, np.ndarray]:
    """Surface forecast minus truth at the given leads, over all 6-hourly issues."""
    errors: dict[int, list[float]] = {lead: [] for lead in leads}
    for seed in seeds:
        w = make(seed)
        for issue in range(0, w.hours - max(leads) - 1, 6):
            fc = w.forecast(issue, max(leads))
            for lead in leads:
                errors[lead].append(fc.surface_temp_c[lead - 1] - w.surface_temp_c[issue + lead])
    return {lead: np.array(e) for lead, e in errors.items()}


def test_forecast_error_sd_grows_with_lead_as_configured() -> None:
    cfg = WeatherConfig()
    leads = (3, 12, 24, 48)
    errors = forecast_errors(leads, range(8))
    sds = [errors[lead].std() for lead in leads]
    assert sds == sorted(sds)
    for lead, sd in zip(leads, sds, strict=True):
        expected = cfg.forecast_base_error_c + cfg.forecast_error_growth_c_per_h * lead
        assert sd == pytest.approx(expected, rel=0.15), lead
        assert abs(errors[lead].mean()) < 0.2 * expected, lead


def test_forecast_is_reproducible_and_consumes_no_randomness(winter: Weather) -> None:
    np_state = np.random.get_state()
    digest = winter.digest()
    first = winter.forecast(500, 48)
    winter.forecast(900, 12)  # ask something else in between
    again = winter.forecast(500, 48)
    fresh = make(7).forecast(500, 48)  # the same winter drawn anew
    for other in (again, fresh):
        for name in FORECAST_ARRAYS:
            assert np.array_equal(getattr(first, name), getattr(other, name)), name
    assert np.array_equal(np.random.get_state()[1], np_state[1])
    assert winter.digest() == digest


def test_forecast_for_an_issue_hour_equals_that_window_made_alone(winter: Weather) -> None:
    # A run is made once over its whole reach and sliced per issue hour: the slice must be
    # bit-identical to computing just the window asked for, at every hour of a run.
    for issue in [*range(594, 606), 1003, winter.hours - 7, winter.hours - 2]:
        for lead in (1, 6, 24, 48, MAX_LEAD_H):
            sliced = winter.forecast(issue, lead)
            alone = make_forecast(winter.basis, winter.hours, issue, lead)
            for name in FORECAST_ARRAYS:
                assert np.array_equal(getattr(sliced, name), getattr(alone, name)), (
                    issue,
                    lead,
                    name,
                )


@pytest.mark.parametrize("inject", [None, "snowstorm"])
def test_runs_made_together_equal_each_run_made_alone(winter: Weather, inject: str | None) -> None:
    # Weather.forecast makes a block of runs at once; every value must be the one a run
    # made on its own gives, bit for bit (a snowstorm adds an event every run sees).
    w = winter if inject is None else winter.with_event(inject, 1500, 8, 0.8)
    n_runs = -(-w.hours // RUN_INTERVAL_H)
    for first, stop in ((0, n_runs), (n_runs - 5, n_runs)):
        for fc in make_runs(w.basis, w.hours, first, stop):
            alone = make_forecast(w.basis, w.hours, fc.issue_hour, RUN_INTERVAL_H - 1 + MAX_LEAD_H)
            for name in FORECAST_ARRAYS:
                a, b = getattr(fc, name), getattr(alone, name)
                assert (a.dtype, a.shape, a.tobytes()) == (b.dtype, b.shape, b.tobytes()), (
                    fc.issue_hour,
                    name,
                )


@pytest.mark.parametrize("inject", [None, "cold_snap"])
def test_the_season_table_holds_each_run_s_first_day_as_made_alone(
    winter: Weather, inject: str | None
) -> None:
    # The season's runs over SHORT_REACH_H, made at once, serve the forecasts asked every
    # hour: each must be the run made on its own, bit for bit, and follow an inject.
    w = winter if inject is None else winter.with_event(inject, 1500, 8, 0.8)
    table = w.run_table()
    assert table.first == 0 and len(table.n_valid) == -(-w.hours // RUN_INTERVAL_H)
    for run in [*range(0, 40), *range(len(table.n_valid) - 40, len(table.n_valid))]:
        fc, alone = table.forecast(run), make_forecast(w.basis, w.hours, run * 6, SHORT_REACH_H)
        for name in FORECAST_ARRAYS:
            a, b = getattr(fc, name), getattr(alone, name)
            assert (a.dtype, a.shape, a.tobytes()) == (b.dtype, b.shape, b.tobytes()), (run, name)


def test_forecast_covers_the_hours_after_issue_clipped_to_the_season(winter: Weather) -> None:
    fc = winter.forecast(100, 24)
    assert fc.issue_hour == 100
    assert np.array_equal(fc.hours, np.arange(101, 125))
    assert len(winter.forecast(winter.hours - 5, 24).hours) == 4
    assert len(winter.forecast(0, 10 * MAX_LEAD_H).hours) == MAX_LEAD_H
    last = winter.forecast(winter.hours - 1, 24)
    assert len(last.hours) == 0 and last.first_hour_below(0.0) is None
    with pytest.raises(ValueError):
        winter.forecast(winter.hours, 24)


def test_forecast_helpers_read_the_surface_temperature(winter: Weather) -> None:
    fc = winter.forecast(300, 48)
    assert fc.min_surface_temp() == pytest.approx(fc.surface_temp_c.min())
    threshold = float(np.median(fc.surface_temp_c))
    hour = fc.first_hour_below(threshold)
    assert hour is not None
    i = int(np.flatnonzero(fc.hours == hour)[0])
    assert fc.surface_temp_c[i] < threshold and np.all(fc.surface_temp_c[:i] >= threshold)
    assert fc.first_hour_below(fc.min_surface_temp() - 0.01) is None


def test_forecast_probabilities_and_risks_are_fractions(winter: Weather) -> None:
    fc = winter.forecast(1000, 72)
    for arr in (fc.precip_prob, fc.hoarfrost_risk):
        assert np.all((arr >= 0) & (arr <= 1))
    assert fc.precip_kind.dtype == np.int8


def precip_hit_and_false_alarm(lead: int, seeds: range, **cfg: object) -> tuple[float, float]:
    """Share of wet hours forecast wet (p > 0.4) and of dry hours forecast wet, at a lead."""
    hits, wet, false, dry = 0, 0, 0, 0
    for seed in seeds:
        w = make(seed, **cfg)
        for issue in range(0, w.hours - lead - 1, 6):
            p = w.forecast(issue, lead).precip_prob[lead - 1]
            if w.precip_mm_h[issue + lead] > 0:
                hits, wet = hits + (p > 0.4), wet + 1
            else:
                false, dry = false + (p > 0.4), dry + 1
    return hits / wet, false / dry


def test_precipitation_forecast_misses_and_false_alarms_grow_with_lead() -> None:
    hit_short, fa_short = precip_hit_and_false_alarm(3, range(4))
    hit_long, fa_long = precip_hit_and_false_alarm(36, range(4))
    assert hit_short > hit_long > 0.5
    assert fa_short < fa_long < 0.2
    assert hit_short > 0.9 and fa_short < 0.03


def test_miss_rate_setting_changes_precipitation_hits() -> None:
    hit_good, _ = precip_hit_and_false_alarm(24, range(3), forecast_miss_rate=0.0)
    hit_poor, _ = precip_hit_and_false_alarm(24, range(3), forecast_miss_rate=0.5)
    assert hit_good > hit_poor + 0.25


# --- injects --------------------------------------------------------------------------
def test_unforecast_freezing_rain_changes_truth_but_not_the_forecast(winter: Weather) -> None:
    start = 1500
    iced = winter.with_event("freezing_rain", start, 6, 0.8)
    window = slice(start, start + 6)
    assert np.all(iced.precip_kind[window] == PRECIP_FREEZING_RAIN)
    assert np.all(iced.precip_mm_h[window] > 0)
    assert np.all(iced.surface_temp_c[window] < 0)
    assert iced.digest() != winter.digest()
    for issue in (start - 30, start - 6, start - 1):
        before, after = winter.forecast(issue, 48), iced.forecast(issue, 48)
        for name in FORECAST_ARRAYS:
            assert np.array_equal(getattr(before, name), getattr(after, name)), (issue, name)


def test_with_event_leaves_the_original_untouched(winter: Weather) -> None:
    digest = winter.digest()
    winter.with_event("snowstorm", 2000, 10, 1.0)
    winter.with_event("cold_snap", 2000, 48, 1.0)
    assert winter.digest() == digest


def test_cold_snap_chills_truth_and_forecast(winter: Weather) -> None:
    start, hours = 2400, 72
    cold = winter.with_event("cold_snap", start, hours, 0.5)
    mid = slice(start + 12, start + hours - 12)
    assert np.all(cold.air_temp_c[mid] <= winter.air_temp_c[mid] - 7.9)
    assert np.array_equal(cold.air_temp_c[: start - 1], winter.air_temp_c[: start - 1])
    fc_before, fc_after = winter.forecast(start - 12, 48), cold.forecast(start - 12, 48)
    assert fc_after.surface_temp_c.mean() < fc_before.surface_temp_c.mean() - 3


def test_snowstorm_brings_forecast_snow(winter: Weather) -> None:
    start, hours = 3000, 12
    storm = winter.with_event("snowstorm", start, hours, 1.0)
    window = slice(start, start + hours)
    assert np.all(storm.precip_kind[window] == PRECIP_SNOW)
    assert storm.precip_mm_h[window].sum() >= 12 * 2.9
    fc = storm.forecast(start - 6, 24)
    in_window = (fc.hours >= start) & (fc.hours < start + hours)
    assert np.all(fc.precip_prob[in_window] > 0.8)
    assert np.all(fc.precip_kind[in_window] == PRECIP_SNOW)


def test_unknown_event_kind_is_rejected(winter: Weather) -> None:
    with pytest.raises(ValueError):
        winter.with_event("hail", 100, 5, 0.5)


# --- day summary ----------------------------------------------------------------------
def test_day_summary_is_consistent_with_the_hourly_arrays(winter: Weather) -> None:
    s = winter.day_summary()
    days = winter.hours // 24
    for key in ("tmin", "tmax", "precip_mm", "snow_cm", "frost", "ice_day"):
        assert s[key].shape == (days,), key
    air = winter.air_temp_c.reshape(days, 24)
    assert np.array_equal(s["tmin"], air.min(axis=1))
    assert np.array_equal(s["tmax"], air.max(axis=1))
    assert np.all(s["tmin"] <= s["tmax"])
    assert s["precip_mm"].sum() == pytest.approx(winter.precip_mm_h.sum())
    snow_mm = winter.precip_mm_h[winter.precip_kind == PRECIP_SNOW].sum()
    assert s["snow_cm"].sum() == pytest.approx(snow_mm)  # fresh snow: 1 cm per mm
    surface_min = winter.surface_temp_c.reshape(days, 24).min(axis=1)
    assert np.array_equal(s["frost"], surface_min < 0)
    assert np.array_equal(s["ice_day"], s["tmax"] < 0)
    assert np.all(s["snow_depth_cm"] >= 0)
    assert np.all(s["snow_depth_cm"] <= np.cumsum(s["snow_cm"]) + 1e-9)  # no snow from nowhere


def test_risk_nights_need_a_cold_surface(winter: Weather) -> None:
    risk = winter.risk_nights()
    days = winter.hours // 24
    night_min = np.array(
        [winter.surface_temp_c[d * 24 + 18 : d * 24 + 34].min() for d in range(days)]
    )
    assert risk.any()
    assert np.all(night_min[risk] < 0.5)
