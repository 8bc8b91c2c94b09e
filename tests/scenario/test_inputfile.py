"""The generic YAML loader: every bad input becomes a FILE:LINE problem, never a traceback."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from sim.inputfile import (
    InputFileError,
    Problem,
    apply_overrides,
    load_yaml_model,
    load_yaml_text,
    parse_override,
)
from sim.scenario.schema import Scenario


class Section(BaseModel):
    """A small strict model for tests that need two sections of the same type."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    size: int = Field(1, ge=1)
    label: str = "x"


class Pair(BaseModel):
    model_config = ConfigDict(extra="forbid")
    first: Section = Section()
    second: Section = Section()
    items: list[Section] = []


def problems(text: str | bytes, model: type[BaseModel] = Scenario, **kw: object) -> list[Problem]:
    """The problems reported for ``text`` read as file ``f.yaml``."""
    with pytest.raises(InputFileError) as info:
        load_yaml_text(text, "f.yaml", model, **kw)  # type: ignore[arg-type]
    return info.value.problems


def only(text: str | bytes, model: type[BaseModel] = Scenario, **kw: object) -> Problem:
    """The single problem reported for ``text``."""
    found = problems(text, model, **kw)
    assert len(found) == 1, found
    return found[0]


# Nine levels of nine aliases each: 9**9 strings if expanded naively.
BILLION_LAUGHS = (
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    + "".join(
        f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
)


# --------------------------------------------------------------------------- Problem


def test_problem_prints_as_file_line_key_message() -> None:
    problem = Problem("s.yaml", 7, "executor.trucks", "too few")
    assert str(problem) == "s.yaml:7: executor.trucks: too few"


def test_problem_without_key_prints_as_file_line_message() -> None:
    assert str(Problem("s.yaml", 0, "", "file not found")) == "s.yaml: file not found"


def test_input_file_error_prints_one_problem_per_line() -> None:
    error = InputFileError([Problem("a", 1, "", "one"), Problem("a", 2, "k", "two")])
    assert str(error) == "a:1: one\na:2: k: two"


# --------------------------------------------------------------------------- valid input


def test_empty_mapping_is_a_valid_scenario_with_all_defaults() -> None:
    assert load_yaml_text("{}\n", "f.yaml", Scenario) == Scenario()


def test_values_from_the_file_reach_the_model() -> None:
    text = """\
# a fuller scenario
meta:
  title_en: Test town
weather:
  climate: severe
  start_date: 2025-12-01
executor:
  trucks: 9
  salt: {initial_stock_t: 100, capacity_t: 200}
contract:
  decision_rules:
    - rule: sand_fallback
      threshold: 50
injects:
  - {name: media_storm, day: 3}
seed: 42
"""
    scenario = load_yaml_text(text, "f.yaml", Scenario, strict=True)
    assert scenario.meta.title_en == "Test town"
    assert scenario.weather.climate == "severe"
    assert scenario.executor.trucks == 9
    assert scenario.executor.salt.capacity_t == 200.0
    assert scenario.contract.decision_rules[0].threshold == 50.0
    assert scenario.injects[0].name == "media_storm"
    assert scenario.seed == 42


def test_yaml_timestamp_fills_a_date_field() -> None:
    scenario = load_yaml_text("weather:\n  start_date: 2025-12-01\n", "f.yaml", Scenario)
    assert scenario.weather.start_date == dt.date(2025, 12, 1)


def test_raw_bytes_and_a_byte_order_mark_are_accepted() -> None:
    scenario = load_yaml_text("\ufeffseed: 3\n".encode(), "f.yaml", Scenario)
    assert scenario.seed == 3


def test_anchors_and_aliases_are_expanded() -> None:
    text = "items:\n  - &s {size: 4}\n  - *s\n"
    assert [s.size for s in load_yaml_text(text, "f.yaml", Pair).items] == [4, 4]


def test_merge_key_copies_a_mapping_and_own_keys_win() -> None:
    text = "first: &f\n  size: 4\n  label: a\nsecond:\n  <<: *f\n  label: b\n"
    pair = load_yaml_text(text, "f.yaml", Pair)
    assert (pair.second.size, pair.second.label) == (4, "b")


def test_explicit_standard_tags_are_allowed() -> None:
    scenario = load_yaml_text("meta:\n  title_en: !!str 123\n", "f.yaml", Scenario)
    assert scenario.meta.title_en == "123"


# --------------------------------------------------------------------------- line mapping


def test_bad_value_reports_line_and_dotted_key_of_that_value() -> None:
    problem = only("seed: 1\nexecutor:\n  salt:\n    initial_stock_t: -5\n")
    assert problem[:3] == ("f.yaml", 4, "executor.salt.initial_stock_t")
    assert "greater than or equal to 0" in problem.message
    assert "got -5" in problem.message


def test_bad_list_item_reports_its_index_in_the_key() -> None:
    text = "injects:\n  - {name: media_storm, day: 1}\n  - name: media_storm\n    day: -1\n"
    assert only(text)[:3] == ("f.yaml", 4, "injects.1.day")


def test_missing_required_key_reports_line_of_parent_mapping() -> None:
    problem = only("seed: 1\ninjects:\n  - day: 3\n")
    assert problem[:3] == ("f.yaml", 3, "injects.0.name")
    assert "missing" in problem.message


def test_unknown_key_reports_its_own_line_and_suggests_the_close_name() -> None:
    problem = only("executor:\n  trucks: 3\n  truks: 4\n")
    assert problem[:3] == ("f.yaml", 3, "executor.truks")
    assert "did you mean 'trucks'" in problem.message


def test_unknown_key_without_close_match_lists_allowed_keys() -> None:
    problem = only("roles:\n  regisseur:\n    zzz: 1\n")
    assert problem[:3] == ("f.yaml", 3, "roles.regisseur.zzz")
    assert "allowed here: bot" in problem.message


def test_unknown_key_in_list_item_knows_the_item_model() -> None:
    problem = only("injects:\n  - name: media_storm\n    dya: 3\n    day: 3\n")
    assert problem.key == "injects.0.dya"
    assert "did you mean 'day'" in problem.message


def test_cross_field_rule_reports_line_of_its_section() -> None:
    text = "seed: 1\ncitizens:\n  mode_share_car: 0.5\n  mode_share_bike: 0.3\n"
    problem = only(text)
    assert problem[:3] == ("f.yaml", 2, "citizens")
    assert problem.message.startswith("mode shares must sum to 1")


def test_all_validation_problems_are_reported_at_once() -> None:
    text = "executor:\n  trucks: 0\n  drivers: 0\n"
    assert [(p.line, p.key) for p in problems(text)] == [
        (2, "executor.trucks"),
        (3, "executor.drivers"),
    ]


def test_merged_value_reports_line_where_it_is_written() -> None:
    text = "first: &f\n  size: 0\nsecond:\n  <<: *f\n"
    found = problems(text, Pair)
    assert [(p.line, p.key) for p in found] == [(2, "first.size"), (2, "second.size")]


def test_wrong_type_names_the_value_found() -> None:
    problem = only("executor:\n  trucks: seven\n")
    assert problem[:3] == ("f.yaml", 2, "executor.trucks")
    assert "valid integer" in problem.message
    assert "'seven'" in problem.message


def test_section_given_as_a_scalar_asks_for_a_mapping() -> None:
    problem = only("executor: 5\n")
    assert problem[:3] == ("f.yaml", 1, "executor")
    assert "mapping" in problem.message


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "1e999"])
def test_nan_and_infinity_are_rejected_with_a_clear_message(value: str) -> None:
    problem = only(f"executor:\n  dose_snow_g_m2: {value}\n")
    assert problem[:3] == ("f.yaml", 2, "executor.dose_snow_g_m2")
    assert "NaN and infinity are not allowed" in problem.message


def test_date_with_a_time_is_rejected_for_a_date_field() -> None:
    problem = only("weather:\n  start_date: 2025-12-01 10:00:00\n")
    assert problem[:3] == ("f.yaml", 2, "weather.start_date")


def test_strict_mode_refuses_a_boolean_for_a_number() -> None:
    problem = only("executor:\n  trucks: yes\n", strict=True)
    assert problem[:3] == ("f.yaml", 2, "executor.trucks")
    assert "got true" in problem.message


def test_strict_mode_hints_to_unquote_a_quoted_date() -> None:
    problem = only("weather:\n  start_date: '2025-12-01'\n", strict=True)
    assert "unquoted" in problem.message


# --------------------------------------------------------------------------- hostile YAML


def test_syntax_error_reports_line_of_the_marker() -> None:
    problem = only("seed: 1\nexecutor:\n  trucks: 3\n   drivers: 4\n")
    assert (problem.line, problem.key) == (4, "")
    assert problem.message.startswith("invalid YAML")


def test_tab_indentation_is_a_syntax_error_on_its_line() -> None:
    assert only("seed: 1\nexecutor:\n\ttrucks: 3\n").line == 3


def test_empty_document_is_rejected() -> None:
    assert only("# nothing but a comment\n")[1:] == (
        1,
        "",
        "file is empty; expected a mapping of keys",
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [("- a\n- b\n", "a list"), ("hello\n", "'hello'"), ("~\n", "null"), ("3\n", "3")],
)
def test_document_that_is_not_a_mapping_is_rejected(text: str, found: str) -> None:
    problem = only(text)
    assert problem.line == 1
    assert problem.message.endswith(f"got {found}")


def test_second_document_is_rejected_at_its_line() -> None:
    problem = only("seed: 1\n---\nseed: 2\n")
    assert problem.line == 2
    assert "more than one YAML document" in problem.message


def test_duplicate_key_reports_the_second_occurrence() -> None:
    problem = only("seed: 1\nmeta:\n  title_nl: a\n  title_en: b\n  title_nl: c\n")
    assert problem[:3] == ("f.yaml", 5, "meta.title_nl")
    assert "duplicate key 'title_nl' (first at line 3)" in problem.message


def test_billion_laughs_is_rejected_fast() -> None:
    start = time.perf_counter()
    problem = only(BILLION_LAUGHS)
    assert time.perf_counter() - start < 1.0
    assert "too many aliases/nodes" in problem.message
    assert (problem.line, problem.key) == (5, "e.0")


def test_merge_key_bomb_is_rejected_fast() -> None:
    lines = ["a0: &a0 {k: 1}"]
    lines += [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}], k{i}: 1}}" for i in range(1, 40)]
    start = time.perf_counter()
    problem = only("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert "too many aliases/nodes" in problem.message


def test_too_many_nodes_without_aliases_is_rejected() -> None:
    text = "items: [" + ", ".join(["{}"] * 20_000) + "]\n"
    assert "too many nodes" in only(text, Pair).message


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("seed: 1\nmeta: &m\n  title_nl: x\n  sub: *m\n", 4, "meta.sub"),
        ("a: &a [1, *a]\n", 1, "a.1"),
        ("a: &a\n  <<: *a\n", 2, "a"),
    ],
    ids=["mapping", "sequence", "merge"],
)
def test_recursive_alias_is_rejected(text: str, line: int, key: str) -> None:
    problem = only(text)
    assert (problem.line, problem.key) == (line, key)
    assert "recursive alias" in problem.message


def test_undefined_alias_is_rejected() -> None:
    problem = only("seed: 1\nmeta: *nope\n")
    assert problem.line == 2
    assert "undefined alias" in problem.message


def test_deep_nesting_is_rejected_without_exhausting_the_stack() -> None:
    problem = only("seed: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "nesting deeper" in problem.message


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['echo hi']",
        "!!python/name:os.system ''",
        "!!python/object:builtins.dict {}",
        "!custom 3",
        "!!binary aGk=",
        "!!set {a, b}",
        "!!omap [a: 1]",
    ],
)
def test_non_standard_tags_are_rejected(tagged: str) -> None:
    problem = only(f"seed: 1\nmeta: {tagged}\n")
    assert problem[:3] == ("f.yaml", 2, "meta")
    assert "is not allowed" in problem.message


def test_scalar_that_does_not_fit_its_explicit_tag_is_rejected() -> None:
    problem = only("seed: !!int abc\n")
    assert problem[:3] == ("f.yaml", 1, "seed")
    assert "cannot read 'abc' as !!int" in problem.message


def test_integer_too_long_to_convert_is_rejected() -> None:
    assert "cannot read" in only("seed: " + "9" * 5000 + "\n").message


@pytest.mark.parametrize(("key", "kind"), [("1", "int"), ("on", "bool"), ("~", "null")])
def test_non_string_key_is_rejected_with_a_hint_to_quote_it(key: str, kind: str) -> None:
    problem = only(f"seed: 1\nexecutor:\n  {key}: 3\n")
    assert problem[:3] == ("f.yaml", 3, "executor")
    assert f"reads it as {kind}" in problem.message
    assert "quotes" in problem.message


def test_unprintable_characters_in_a_key_are_escaped() -> None:
    problem = only('executor:\n  "\\e[2J": 3\n')
    assert problem.key == "executor.\\x1b[2J"


def test_complex_key_is_rejected() -> None:
    assert "keys must be plain strings" in only("? [a, b]\n: 1\n").message


def test_non_utf8_bytes_report_line_of_first_bad_byte() -> None:
    problem = only(b"seed: 1\nmeta:\n  title_nl: caf\xe9\n")
    assert (problem.line, problem.key) == (3, "")
    assert "not UTF-8" in problem.message


def test_control_character_reports_its_line() -> None:
    problem = only("seed: 1\nmeta:\n  title_nl: a\x00b\n")
    assert problem.line == 3
    assert "#x0000" in problem.message


# --------------------------------------------------------------------------- files


def test_file_is_read_and_validated(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("seed: 5\n")
    assert load_yaml_model(path, Scenario).seed == 5


def test_missing_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(InputFileError) as info:
        load_yaml_model(path, Scenario)
    assert info.value.problems == [Problem(str(path), 0, "", "file not found")]


def test_directory_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="is a directory"):
        load_yaml_model(tmp_path, Scenario)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_device_file_is_refused() -> None:
    with pytest.raises(InputFileError, match="not a regular file"):
        load_yaml_model("/dev/null", Scenario)


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("seed: 1\n" + "#" * 100 + "\n")
    with pytest.raises(InputFileError, match="larger than 50 bytes"):
        load_yaml_model(path, Scenario, max_bytes=50)


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"seed: 1\n")
    assert load_yaml_model(path, Scenario, max_bytes=8).seed == 1


def test_nul_byte_in_file_name_is_one_problem() -> None:
    with pytest.raises(InputFileError, match="file not found"):
        load_yaml_model("a\x00b.yaml", Scenario)


# --------------------------------------------------------------------------- overrides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("executor.trucks=3", ("executor.trucks", 3)),
        ("executor.salt.price_eur_per_t=70.5", ("executor.salt.price_eur_per_t", 70.5)),
        ("contract.price_benchmark=true", ("contract.price_benchmark", True)),
        ("meta.title_en=Ice town", ("meta.title_en", "Ice town")),
        ("meta.title_en='a: b'", ("meta.title_en", "a: b")),
        ("meta.title_en=x=y", ("meta.title_en", "x=y")),
        ("weather.start_date=2025-12-01", ("weather.start_date", dt.date(2025, 12, 1))),
        ("weather.seed=", ("weather.seed", None)),
        ("injects.0={name: media_storm, day: 2}", ("injects.0", {"name": "media_storm", "day": 2})),
        ("contract.decision_rules=[]", ("contract.decision_rules", [])),
    ],
)
def test_override_value_is_read_as_a_yaml_value(text: str, expected: tuple) -> None:
    assert parse_override(text) == expected


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ("seed", "", "expected KEY=VALUE"),
        ("=3", "", "expected KEY=VALUE"),
        ("a..b=1", "a..b", "malformed dotted key"),
        ("seed=[1,", "seed", "invalid YAML"),
        ("seed=!!python/object/apply:os.system [ls]", "seed", "is not allowed"),
        ("meta.title_en=a: b", "meta.title_en", "quote text"),
        ("seed=*x", "seed", "undefined alias"),
    ],
)
def test_bad_override_is_a_problem_from_set(text: str, key: str, fragment: str) -> None:
    with pytest.raises(InputFileError) as info:
        parse_override(text)
    [problem] = info.value.problems
    assert problem[:3] == ("--set", 0, key)
    assert fragment in problem.message


def test_override_replaces_a_value_from_the_file() -> None:
    scenario = load_yaml_text(
        "executor:\n  trucks: 3\n", "f.yaml", Scenario, overrides={"executor.trucks": 8}
    )
    assert scenario.executor.trucks == 8


def test_override_creates_missing_sections() -> None:
    scenario = load_yaml_text(
        "{}", "f.yaml", Scenario, overrides={"executor.salt.price_eur_per_t": 9}
    )
    assert scenario.executor.salt.price_eur_per_t == 9.0


def test_override_with_list_index_sets_a_field_of_an_item() -> None:
    text = "injects:\n  - {name: media_storm, day: 1}\n"
    scenario = load_yaml_text(text, "f.yaml", Scenario, overrides={"injects.0.day": 9})
    assert scenario.injects[0].day == 9


def test_override_with_next_list_index_appends_an_item() -> None:
    overrides = {"injects.0.name": "media_storm", "injects.0.day": 4}
    scenario = load_yaml_text("{}", "f.yaml", Scenario, overrides=overrides)
    assert [(i.name, i.day) for i in scenario.injects] == [("media_storm", 4)]


def test_override_list_index_beyond_the_end_is_a_problem() -> None:
    problem = only("{}", overrides={"injects.2.day": 4})
    assert problem[:3] == ("--set", 0, "injects.2.day")
    assert "out of range" in problem.message


def test_override_into_a_scalar_is_a_problem() -> None:
    problem = only("seed: 3\n", overrides={"seed.x": 1})
    assert problem[:3] == ("--set", 0, "seed.x")
    assert "not a mapping" in problem.message


def test_invalid_override_value_is_reported_against_set() -> None:
    problem = only("executor:\n  trucks: 3\n", overrides={"executor.trucks": 0})
    assert str(problem) == (
        "--set executor.trucks: Input should be greater than or equal to 1 (got 0)"
    )


def test_override_leaves_problems_elsewhere_on_their_file_lines() -> None:
    found = problems("seed: -1\n", overrides={"executor.trucks": 0})
    assert sorted((p.file, p.line, p.key) for p in found) == [
        ("--set", 0, "executor.trucks"),
        ("f.yaml", 1, "seed"),
    ]


def test_missing_key_in_an_item_created_by_override_is_reported_against_set() -> None:
    assert only("{}", overrides={"injects.0.day": 4})[:3] == ("--set", 0, "injects.0.name")


def test_section_rule_broken_by_an_override_names_the_override() -> None:
    problem = only("citizens:\n  agents: 500\n", overrides={"citizens.mode_share_car": 0.9})
    assert problem[:3] == ("f.yaml", 1, "citizens")
    assert "(with --set citizens.mode_share_car)" in problem.message


def test_apply_overrides_changes_data_in_place() -> None:
    data: dict[str, object] = {"a": {"b": 1}}
    assert apply_overrides(data, {"a.c": 2, "d.0.e": 3}) == []
    assert data == {"a": {"b": 1, "c": 2}, "d": [{"e": 3}]}


def test_override_list_index_must_be_ascii_digits() -> None:
    problem = only("injects: []\n", overrides={"injects.²": 1})
    assert "is not an index" in problem.message


def test_override_values_given_by_the_caller_are_not_changed() -> None:
    item = {"name": "media_storm", "day": 1}
    overrides = {"injects.0": item, "injects.0.day": 5}
    assert load_yaml_text("{}", "f.yaml", Scenario, overrides=overrides).injects[0].day == 5
    assert item == {"name": "media_storm", "day": 1}
