"""The family seam (sim.families): a scenario file names its family, the default is
gladheid, and loading, running and sweeping look the family up."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.families import FAMILIES, all_kpi_names, family_of, family_of_text
from sim.inputfile import InputFileError
from sim.procesregie.schema import ProcesScenario
from sim.run import run_scenario
from sim.scenario.loader import list_scenarios, load_scenario, override_scenario, scenario_hash
from sim.scenario.schema import Scenario

GLADHEID = list_scenarios("gladheid")[0]
PROCES = list_scenarios("procesregie")[0]


def test_a_file_without_a_family_key_is_gladheid() -> None:
    assert family_of_text("seed: 3\n").name == "gladheid"
    assert type(load_scenario(GLADHEID)) is Scenario


def test_naming_gladheid_explicitly_keeps_the_scenario_hash(tmp_path: Path) -> None:
    named = tmp_path / "named.yaml"
    named.write_text("family: gladheid\n" + GLADHEID.read_text("utf-8"), "utf-8")
    scenario = load_scenario(named)
    assert family_of(scenario).name == "gladheid"
    assert scenario_hash(scenario) == scenario_hash(load_scenario(GLADHEID))


def test_an_unknown_family_is_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("seed: 2\nfamily: verkeer\n", "utf-8")
    with pytest.raises(InputFileError) as err:
        load_scenario(bad)
    problem = err.value.problems[0]
    assert (problem.line, problem.key) == (2, "family")
    assert "procesregie" in problem.message


def test_the_procesregie_file_loads_with_its_own_schema_and_overrides() -> None:
    scenario = load_scenario(PROCES, ["process.divergence_min_rounds=5"])
    assert isinstance(scenario, ProcesScenario)
    assert scenario.process.divergence_min_rounds == 5
    assert override_scenario(scenario, {"process.steps": 2}).process.steps == 2


def test_a_gladheid_key_in_a_procesregie_file_is_refused_with_its_name() -> None:
    with pytest.raises(InputFileError, match="weather"):
        load_scenario(PROCES, ["weather.days=5"])


def test_listing_by_family_splits_the_shipped_files() -> None:
    split = [p for family in FAMILIES for p in list_scenarios(family)]
    assert sorted(split) == list_scenarios()


def test_a_run_builds_the_model_of_the_scenario_family() -> None:
    result = run_scenario(load_scenario(PROCES), seed=4)
    assert set(FAMILIES["procesregie"].part("kpi_names")) == set(result.kpis)
    assert result.series["support_pct"][-1] == result.kpis["support_pct"]  # weekly series


def test_sweeps_know_every_family_kpi() -> None:
    assert {"support_pct", "reachability_pct"} <= set(all_kpi_names())
