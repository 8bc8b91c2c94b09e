"""The scenario front of the loader: finding files, --set texts and the scenario hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.inputfile import InputFileError
from sim.scenario import loader
from sim.scenario.loader import (
    DEFAULT_SCENARIO,
    list_scenarios,
    load_scenario,
    resolve_scenario,
    scenario_base_dir,
    scenario_dir,
    scenario_hash,
)
from sim.scenario.schema import Scenario

FULL = """\
schema_version: 1
meta: {title_en: Test town}
weather: {climate: mild, start_date: 2025-11-15}
executor:
  trucks: 6
  salt: {initial_stock_t: 300}
contract:
  sourcing: market
  decision_rules: [{rule: plough_authorised, threshold: 5}]
injects:
  - {name: truck_breakdown, day: 10, hour: 6}
seed: 7
"""


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for the shipped scenario directory with two files."""
    directory = tmp_path / "shipped"
    directory.mkdir()
    write(directory, "{}\n", DEFAULT_SCENARIO)
    write(directory, "seed: 2\n", "other.yaml")
    write(directory, "not yaml\n", "notes.txt")
    monkeypatch.setattr(loader, "scenario_dir", lambda: directory)
    return directory


# --------------------------------------------------------------------------- load_scenario


def test_load_scenario_returns_the_validated_scenario(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, FULL))
    assert isinstance(scenario, Scenario)
    assert (scenario.executor.trucks, scenario.seed) == (6, 7)


def test_load_scenario_applies_set_texts(tmp_path: Path) -> None:
    path = write(tmp_path, FULL)
    scenario = load_scenario(path, ["executor.trucks=9", "injects.0.day=3"])
    assert (scenario.executor.trucks, scenario.injects[0].day) == (9, 3)


def test_later_set_of_the_same_key_wins(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, "{}"), ["seed=1", "seed=2"])
    assert scenario.seed == 2


def test_every_bad_set_text_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as info:
        load_scenario(write(tmp_path, "{}"), ["seed", "seed=[", "executor.trucks=2"])
    assert [(p.file, p.line) for p in info.value.problems] == [("--set", 0), ("--set", 0)]


def test_set_value_out_of_bounds_is_reported_against_set(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as info:
        load_scenario(write(tmp_path, FULL), ["executor.trucks=0"])
    assert str(info.value) == "--set executor.trucks=0: must be >= 1"


def test_scenarios_are_read_strictly(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as info:
        load_scenario(write(tmp_path, 'executor:\n  trucks: "7"\n'))
    assert info.value.problems[0][1:3] == (2, "executor.trucks")


# --------------------------------------------------------------------------- scenario_hash


def test_scenario_hash_is_sha256_hex() -> None:
    digest = scenario_hash(Scenario())
    assert len(digest) == 64
    assert set(digest) <= set("0123456789abcdef")


def test_scenario_hash_ignores_layout_comments_and_key_order(tmp_path: Path) -> None:
    block = write(tmp_path, "# c\nseed: 3\nexecutor:\n  drivers: 9\n  trucks: 4\n", "a.yaml")
    flow = write(tmp_path, "{executor: {trucks: 4, drivers: 9}, seed: 3}", "b.yaml")
    assert scenario_hash(load_scenario(block)) == scenario_hash(load_scenario(flow))


def test_scenario_hash_equal_when_a_default_is_written_out(tmp_path: Path) -> None:
    explicit = write(tmp_path, f"seed: {Scenario().seed}\n")
    assert scenario_hash(load_scenario(explicit)) == scenario_hash(Scenario())


def test_scenario_hash_changes_with_any_setting() -> None:
    changed = Scenario.model_validate({"executor": {"salt": {"price_eur_per_t": 66.0}}})
    assert scenario_hash(changed) != scenario_hash(Scenario())


# --------------------------------------------------------------------------- finding files


def test_scenario_dir_is_the_shipped_scenarios_directory() -> None:
    directory = scenario_dir()
    assert directory.name in ("scenarios", "scenario_files")


def test_list_scenarios_gives_sorted_yaml_files_only(shipped: Path) -> None:
    assert list_scenarios() == [shipped / DEFAULT_SCENARIO, shipped / "other.yaml"]


def test_list_scenarios_is_empty_without_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "scenario_dir", lambda: tmp_path / "absent")
    assert list_scenarios() == []


def test_resolve_none_gives_the_default_scenario(shipped: Path) -> None:
    assert resolve_scenario(None) == shipped / DEFAULT_SCENARIO


@pytest.mark.parametrize("name", ["other", "other.yaml"])
def test_resolve_bare_name_finds_the_shipped_file(shipped: Path, name: str) -> None:
    assert resolve_scenario(name) == shipped / "other.yaml"


def test_resolve_existing_path_is_returned_as_given(shipped: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "{}", "other.yaml")
    assert resolve_scenario(str(path)) == path


def test_resolve_unknown_name_lists_the_available_ones(shipped: Path) -> None:
    with pytest.raises(InputFileError) as info:
        resolve_scenario("nope")
    [problem] = info.value.problems
    assert problem[:3] == ("nope", 0, "")
    assert "gladheid_gedwongen_winkelnering, other" in problem.message


def test_resolve_missing_path_is_not_looked_up_by_name(shipped: Path, tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such scenario"):
        resolve_scenario(str(tmp_path / "elsewhere" / "other.yaml"))


def test_base_dir_is_the_absolute_directory_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert scenario_base_dir("sub/s.yaml") == tmp_path / "sub"


@pytest.mark.parametrize("path", list_scenarios("gladheid"), ids=lambda p: p.name)
def test_every_shipped_scenario_is_valid(path: Path) -> None:
    assert isinstance(load_scenario(path), Scenario)
