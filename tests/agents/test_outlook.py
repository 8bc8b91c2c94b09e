"""The dispatcher's reading of the forecast runs (sim/agents/outlook.py)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.agents.outlook import (
    FORECAST_LEAD_H,
    HOARFROST_RISK_ALARM,
    PRECIP_PROB_ALARM,
    RUN_READ_H,
    SNOW_ALARM_SURFACE_C,
    Outlook,
    read_runs,
)
from sim.scenario.schema import WeatherConfig
from sim.world.weather import PRECIP_FREEZING_RAIN, PRECIP_RAIN, PRECIP_SNOW, Weather
from sim.world.weather.forecast import RunTable

THRESHOLD_C = 0.5
RUN = 2  # the run read in the hand-made cases
RUN_HOUR = RUN * 6  # its run hour; its forecast hours start one later


def read(
    surface: list[float],
    prob: list[float] | None = None,
    kind: list[int] | None = None,
    hoar: list[float] | None = None,
) -> Outlook:
    """One run of len(surface) forecast hours from RUN_HOUR + 1, dry and rijp-free unless given."""
    n = len(surface)
    return read_runs(one_run(surface, prob, kind, hoar, n), RUN, RUN + 1, THRESHOLD_C)


def one_run(
    surface: list[float],
    prob: list[float] | None,
    kind: list[int] | None,
    hoar: list[float] | None,
    n_valid: int,
) -> RunTable:
    """A table of run RUN alone (its air temperature is not read)."""
    n = len(surface)
    rows = [surface, surface, prob or [0.0] * n, kind or [PRECIP_RAIN] * n, hoar or [0.0] * n]
    return RunTable(RUN, np.array([n_valid]), *(np.array([row]) for row in rows))


def never_wet() -> bool:
    raise AssertionError("the road's wetness was asked although the forecast settles it")


def test_a_cold_moist_hour_is_the_onset_without_asking_the_road() -> None:
    surface = [3.0] * 17
    surface[5] = -1.0
    prob = [0.0] * 17
    prob[5] = 0.9
    assert read(surface, prob).first_risk(RUN_HOUR, never_wet) == (RUN_HOUR + 6, False)


def test_a_cold_dry_hour_counts_only_on_a_wet_road() -> None:
    surface = [3.0] * 17
    surface[4] = -1.0
    outlook = read(surface)
    assert outlook.first_risk(RUN_HOUR, lambda: True) == (RUN_HOUR + 5, False)
    assert outlook.first_risk(RUN_HOUR, lambda: False) is None


def test_on_a_dry_road_a_later_moist_hour_is_the_onset() -> None:
    surface = [3.0] * 17
    prob = [0.0] * 17
    surface[2] = surface[6] = -1.0
    prob[6] = 0.9
    outlook = read(surface, prob)
    assert outlook.first_risk(RUN_HOUR, lambda: False) == (RUN_HOUR + 7, False)
    assert outlook.first_risk(RUN_HOUR, lambda: True) == (RUN_HOUR + 3, False)


def test_likely_snow_on_a_cold_surface_is_heavy() -> None:
    surface = [0.8] * 17  # below the snow alarm surface temperature, above the threshold
    prob = [0.0] * 17
    prob[7] = 0.9
    kind = [PRECIP_RAIN] * 17
    kind[7] = PRECIP_SNOW
    assert read(surface, prob, kind).first_risk(RUN_HOUR, never_wet) == (RUN_HOUR + 8, True)


def test_snow_later_in_the_window_makes_an_earlier_onset_heavy() -> None:
    surface = [0.8] * 17  # above the threshold, cold enough for snow to count
    surface[1] = -1.0
    prob = [0.0] * 17
    prob[1] = prob[9] = 0.9
    kind = [PRECIP_RAIN] * 17
    kind[9] = PRECIP_FREEZING_RAIN
    outlook = read(surface, prob, kind)
    assert outlook.first_risk(RUN_HOUR, never_wet) == (RUN_HOUR + 2, True)
    assert outlook.first_risk(RUN_HOUR + 5, never_wet) == (RUN_HOUR + 10, True)


def test_rijp_risk_makes_a_cold_hour_risky() -> None:
    surface = [3.0] * 17
    surface[2] = 0.0
    hoar = [0.0] * 17
    hoar[2] = 0.8
    assert read(surface, hoar=hoar).first_risk(RUN_HOUR, never_wet) == (RUN_HOUR + 3, False)


def test_risk_beyond_the_lead_time_or_already_past_is_not_seen() -> None:
    surface = [3.0] * 17
    prob = [0.0] * 17
    surface[0], prob[0] = -1.0, 0.9  # the first forecast hour: past an hour later
    surface[16], prob[16] = -1.0, 0.9
    outlook = read(surface, prob)
    assert outlook.first_risk(RUN_HOUR + 1, never_wet) is None  # +17 h is beyond the lead
    later = RUN_HOUR + 17 - FORECAST_LEAD_H
    assert outlook.first_risk(later, never_wet) == (RUN_HOUR + 17, False)


def test_hours_past_the_end_of_the_season_hold_no_risk() -> None:
    surface, prob = [-1.0] * 17, [0.9] * 17
    table = one_run(surface, prob, None, None, 3)  # the run covers 3 hours: the season ends
    outlook = read_runs(table, RUN, RUN + 1, THRESHOLD_C)
    assert outlook.first_risk(RUN_HOUR + 2, never_wet) == (RUN_HOUR + 3, False)
    assert outlook.first_risk(RUN_HOUR + 3, never_wet) is None


def naive_first_risk(w: Weather, hour: int, threshold_c: float, wet: bool) -> tuple | None:
    """The rule read off the hour's own forecast, one hour at a time."""
    fc = w.forecast(hour, FORECAST_LEAD_H)
    likely = fc.precip_prob > PRECIP_PROB_ALARM
    heavy = (
        likely
        & np.isin(fc.precip_kind, (PRECIP_SNOW, PRECIP_FREEZING_RAIN))
        & (fc.surface_temp_c < SNOW_ALARM_SURFACE_C)
    )
    cold = fc.surface_temp_c < threshold_c
    risky = (cold & (likely | (fc.hoarfrost_risk > HOARFROST_RISK_ALARM))) | heavy
    hits = np.flatnonzero((cold | heavy) if wet else risky)
    if not len(hits):
        return None
    return int(fc.hours[hits[0]]), bool(heavy[hits[0] :].any())


@pytest.mark.parametrize("threshold_c", [THRESHOLD_C, 1.7])
def test_a_block_of_runs_reads_as_each_hour_s_own_forecast(threshold_c: float) -> None:
    w = Weather.generate(WeatherConfig(climate="severe", days=20), np.random.default_rng(3))
    table = w.run_table()
    assert table.surface_temp_c.shape[1] >= RUN_READ_H
    first = 40
    outlook = read_runs(table, first, len(table.n_valid), threshold_c)  # to the season's end
    found = 0
    for hour in range(first * 6, w.hours):
        for wet in (True, False):
            expected = naive_first_risk(w, hour, threshold_c, wet)
            assert outlook.first_risk(hour, lambda wet=wet: wet) == expected, (hour, wet)
            found += expected is not None
    assert found > 20  # the winter has risky nights to find
