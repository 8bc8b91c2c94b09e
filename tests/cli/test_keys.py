"""`regie keys [PREFIX]` lists every scenario key --set accepts, with unit, default and range,
read from the schema."""

from __future__ import annotations

import pytest

from sim.cli import main
from sim.cli_keys import scenario_keys
from sim.scenario.loader import load_scenario, resolve_scenario


def test_keys_lists_a_key_with_unit_default_and_range(capsys: pytest.CaptureFixture) -> None:
    assert main(["keys"]) == 0
    lines = capsys.readouterr().out.splitlines()
    (days,) = [line for line in lines if line.startswith("weather.days ")]
    assert "[days]" in days and "default 151" in days and ">= 1, <= 400" in days


def test_a_prefix_keeps_only_its_keys(capsys: pytest.CaptureFixture) -> None:
    assert main(["keys", "executor.salt"]) == 0
    keys = [line.split()[0] for line in capsys.readouterr().out.splitlines()
            if not line.startswith(" ")]
    assert keys and all(k.startswith("executor.salt.") for k in keys)
    assert "executor.salt.initial_stock_t" in keys


def test_choices_are_listed() -> None:
    (climate,) = scenario_keys("weather.climate")
    assert climate.allowed == "one of mild|average|severe"


def test_list_items_are_shown_with_n() -> None:
    keys = {k.key for k in scenario_keys("contract.decision_rules")}
    assert "contract.decision_rules.N.rule" in keys


def test_an_unknown_prefix_exits_2(capsys: pytest.CaptureFixture) -> None:
    assert main(["keys", "wheather"]) == 2
    assert "regie keys" in capsys.readouterr().err


def test_every_listed_leaf_key_can_be_set_to_its_default() -> None:
    """The list is the schema: each plain key accepts `--set KEY=DEFAULT`."""
    path = resolve_scenario(None)
    for info in scenario_keys():
        if ".N." in info.key or info.default in ("none", "(required)", "") or info.key in (
                "meta.title_nl", "meta.title_en", "executor.name", "municipality.name"):
            continue
        load_scenario(path, [f"{info.key}={info.default}"])
