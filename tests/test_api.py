"""The Python API (sim.api, importable from the package top): stable names, the same
results as `regie run`, overrides checked like --set, KPIs with names and units, frames."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import sim
from sim.cli import main
from sim.kpi import DAILY_SERIES, KPI_NAMES
from tests.test_light_import import HEAVY_FOR_A_RUN, loaded_after

PUBLIC = [
    "KpiInfo",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "__version__",
    "daily_frame",
    "keys",
    "kpi_frame",
    "kpi_info",
    "load",
    "scenarios",
    "simulate",
    "simulate_seeds",
    "summarise",
]
SHORT = {"weather.days": 3}


def test_the_public_names_are_pinned() -> None:
    assert sorted(sim.__all__) == sorted(PUBLIC)
    assert all(getattr(sim, name) is not None for name in sim.__all__)


def test_no_public_name_is_shadowed_by_a_module_of_the_package() -> None:
    modules = {path.stem for path in Path(sim.__file__).parent.iterdir()}
    assert not set(sim.__all__) & modules


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'runn'"):
        sim.runn  # noqa: B018


def test_importing_the_package_loads_neither_the_api_nor_a_heavy_library() -> None:
    loaded = loaded_after("import sim")
    assert not loaded & {"sim.api", "numpy", "pandas", "pydantic", "mesa.model"}


def test_a_run_through_the_api_needs_no_heavy_library() -> None:
    loaded = loaded_after("from sim import simulate\nsimulate(overrides={'weather.days': 2}).kpis")
    assert not loaded & set(HEAVY_FOR_A_RUN)


def test_run_gives_the_kpis_regie_run_writes(tmp_path: Path) -> None:
    assert (
        main(
            [
                "run",
                "gladheid_market",
                "--seed",
                "4",
                "--days",
                "3",
                "--out",
                str(tmp_path),
                "--quiet",
            ]
        )
        == 0
    )
    written = json.loads((tmp_path / "summary.json").read_text())
    result = sim.simulate("gladheid_market", seed=4, overrides=SHORT)
    assert result.summary_dict() | {"package_version": None} == written | {"package_version": None}


def test_a_path_a_name_and_a_loaded_scenario_give_the_same_run() -> None:
    path = Path(__file__).parents[1] / "scenarios" / "gladheid_market.yaml"
    by_path = sim.simulate(path, seed=2, overrides=SHORT)
    by_object = sim.simulate(sim.load("gladheid_market"), seed=2, overrides=SHORT)
    assert (
        by_path.kpis == by_object.kpis == sim.simulate("gladheid_market", 2, overrides=SHORT).kpis
    )


def test_overrides_as_a_mapping_or_as_set_texts_are_the_same_scenario() -> None:
    as_mapping = sim.load(
        overrides={
            "weather.climate": "severe",
            "contract.decision_rules": [{"rule": "plough_authorised"}],
        }
    )
    as_texts = sim.load(
        overrides=["weather.climate=severe", "contract.decision_rules=[{rule: plough_authorised}]"]
    )
    assert as_mapping == as_texts
    assert as_mapping.weather.climate == "severe"


def test_a_bad_override_names_the_key_and_value_in_plain_words() -> None:
    with pytest.raises(sim.ScenarioError) as info:
        sim.load(overrides={"weather.days": -5, "contract.sorcing": "market"})
    assert str(info.value).splitlines() == [
        "weather.days=-5: must be >= 1",
        "contract.sorcing=market: unknown key 'sorcing' (did you mean 'sourcing'?)",
    ]
    assert isinstance(info.value, ValueError)


def test_overrides_on_a_loaded_scenario_are_checked_too() -> None:
    with pytest.raises(sim.ScenarioError, match=r"^executor.trucks=0: must be >= 1$"):
        sim.simulate(sim.load(), overrides={"executor.trucks": 0})


def test_an_unknown_scenario_name_lists_the_shipped_ones() -> None:
    with pytest.raises(sim.ScenarioError, match="gladheid_market"):
        sim.load("no_such_scenario")


def test_numpy_values_from_a_toolkit_are_accepted() -> None:
    plain = sim.simulate(
        seed=5,
        overrides={
            "weather.days": 3,
            "executor.opportunism": 0.5,
            "contract.escalation_committee": True,
        },
    )
    numpy = sim.simulate(
        seed=np.int64(5),
        overrides={
            "weather.days": np.int64(3),
            "executor.opportunism": np.float64(0.5),
            "contract.escalation_committee": np.bool_(True),
        },
    )
    assert numpy.kpis == plain.kpis


@pytest.mark.parametrize("seed", [-1, 1.5, True])
def test_a_seed_must_be_a_whole_number_from_zero(seed: object) -> None:
    with pytest.raises(ValueError, match="seed must be"):
        sim.simulate(seed=seed, overrides=SHORT)


def test_run_seeds_is_one_run_per_seed_in_order() -> None:
    results = sim.simulate_seeds(seeds=[3, 1], overrides=SHORT)
    assert [r.seed for r in results] == [3, 1]
    assert results[0].kpis == sim.simulate(seed=3, overrides=SHORT).kpis


def test_summarise_gives_the_mean_and_interval_of_every_kpi() -> None:
    results = sim.simulate_seeds(
        seeds=range(1, 4), overrides={"weather.days": 3, "weather.climate": "severe"}
    )
    stats = sim.summarise(results)
    values = [r.kpis["cost_total_eur"] for r in results]
    assert stats["cost_total_eur"]["mean"] == pytest.approx(np.mean(values))
    assert stats["cost_total_eur"]["n"] == 3
    assert stats["cost_total_eur"]["ci95_low"] <= stats["cost_total_eur"]["mean"]
    assert set(stats) == set(results[0].kpis)


def test_every_kpi_and_daily_series_has_a_name_and_unit() -> None:
    info = sim.kpi_info()
    assert set(KPI_NAMES) | set(DAILY_SERIES) <= set(info)
    assert info["salt_used_t"].label("en") == "Salt used (t)"
    assert info["salt_used_t"].label("nl") == "Zout gebruikt (t)"
    assert info["slips"].label("en") == "Slips"


def test_kpi_frame_has_a_row_per_run_and_a_column_per_kpi() -> None:
    results = sim.simulate_seeds(seeds=[1, 2], overrides=SHORT)
    frame = sim.kpi_frame(results)
    assert list(frame.index) == [1, 2]
    assert list(frame.columns) == list(results[0].kpis)
    assert frame.loc[2, "cost_total_eur"] == results[1].kpis["cost_total_eur"]


def test_daily_frame_has_a_row_per_day_and_run() -> None:
    results = sim.simulate_seeds(seeds=[1, 2], overrides=SHORT)
    frame = sim.daily_frame(results)
    assert list(frame.columns) == ["seed", *DAILY_SERIES]
    assert len(frame) == 2 * 3
    assert list(frame[frame.seed == 2]["day"]) == [0.0, 1.0, 2.0]
    assert results[0].daily.equals(
        frame[frame.seed == 1].drop(columns="seed").reset_index(drop=True)
    )


def test_several_seasons_keep_the_earlier_seasons_kpis() -> None:
    result = sim.simulate(seed=1, overrides={"weather.days": 2}, seasons=2)
    assert not math.isnan(result.kpis["season_1_cost_total_eur"])


def test_keys_and_scenarios_list_what_can_be_set_and_loaded() -> None:
    assert "gladheid_gedwongen_winkelnering" in sim.scenarios()
    assert {k.key for k in sim.keys("contract.")} >= {
        "contract.sourcing",
        "contract.escalation_committee",
    }
