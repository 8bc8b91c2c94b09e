"""A run's result: the daily series as a DataFrame and as daily.csv, made without pandas."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from sim.driver import Driver
from sim.model import RegieModel
from sim.run import RunResult, result_of
from sim.scenario.loader import load_scenario, resolve_scenario


@pytest.fixture(scope="module")
def finished() -> RegieModel:
    model = RegieModel(load_scenario(resolve_scenario(None), ["weather.days=3"]), seed=2)
    Driver(model).run()
    return model


def _result(series: dict[str, list]) -> RunResult:
    return RunResult(seed=1, kpis={}, series=series, scenario_hash="h", weather_digest="w")


def test_daily_is_the_datacollectors_dataframe(finished: RegieModel) -> None:
    expected = finished.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    pd.testing.assert_frame_equal(result_of(finished).daily, expected)


def test_daily_csv_has_the_bytes_pandas_writes(finished: RegieModel, tmp_path: Path) -> None:
    result = result_of(finished)
    result.write_daily_csv(tmp_path / "ours.csv")
    result.daily.to_csv(tmp_path / "pandas.csv", index=False)
    assert (tmp_path / "ours.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()


def test_daily_csv_writes_awkward_floats_as_pandas_does(tmp_path: Path) -> None:
    result = _result({"a": [0.1, -0.0, 1e-05, 1e16, 123456.789, math.inf],
                      "b": [math.nan, 2.0, 5e-324, -1.5e300, 1 / 3, 0.0001]})
    result.write_daily_csv(tmp_path / "ours.csv")
    result.daily.to_csv(tmp_path / "pandas.csv", index=False)
    assert (tmp_path / "ours.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()


def test_daily_csv_of_series_that_are_not_all_floats_is_pandas_own(tmp_path: Path) -> None:
    result = _result({"day": [0, 1], "ok": [True, False]})
    result.write_daily_csv(tmp_path / "daily.csv")
    assert (tmp_path / "daily.csv").read_text() == "day,ok\n0,True\n1,False\n"
