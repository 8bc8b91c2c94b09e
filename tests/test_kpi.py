"""The daily time series: one column per DAILY_SERIES name, one row per closed day."""

from __future__ import annotations

import mesa
import numpy as np
import pytest

from sim.driver import Driver
from sim.kpi import DAILY_SERIES, DailySeries, daily_reporters
from sim.model import RegieModel
from sim.scenario.schema import Scenario

DAYS = 4


@pytest.fixture(scope="module")
def season() -> RegieModel:
    scenario = Scenario.model_validate({"weather": {"days": DAYS, "start_date": "2025-12-10"}})
    model = RegieModel(scenario, seed=5)
    Driver(model).run()
    return model


def test_every_daily_series_name_has_a_reporter_in_the_same_order():
    assert tuple(daily_reporters()) == DAILY_SERIES


def test_the_daily_table_has_one_row_per_day_in_series_order(season):
    daily = season.datacollector.get_model_vars_dataframe()
    assert tuple(daily.columns) == DAILY_SERIES
    assert daily["day"].tolist() == list(range(DAYS))


def test_a_days_minimum_temperature_is_the_lowest_air_temperature_of_that_day(season):
    daily = season.datacollector.get_model_vars_dataframe()
    air = np.asarray(season.weather.air_temp_c[: DAYS * 24]).reshape(DAYS, 24)
    assert daily["tmin_c"].tolist() == air.min(axis=1).tolist()


def test_reporters_give_plain_floats(season):
    assert all(type(report(season)) is float for report in daily_reporters().values())


def test_a_daily_row_holds_what_mesa_s_own_datacollector_collects(season):
    ours = DailySeries(model_reporters=daily_reporters())
    mesas = mesa.DataCollector(model_reporters=daily_reporters())
    for collector in (ours, mesas):
        collector.collect(season)
    assert ours.model_vars == mesas.model_vars
    assert all(type(v[0]) is float for v in ours.model_vars.values())
