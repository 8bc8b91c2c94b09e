"""The KPI table `regie run` prints: the catalogue's names with units, in Dutch or English,
counts as whole numbers; --json prints the summary instead."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from sim import words
from sim.cli import main
from sim.cli_table import COUNT_KPIS, format_value, kpi_label, table_rows
from sim.kpi import KPI_NAMES


def fake_result(seed: int, **kpis: float) -> SimpleNamespace:
    return SimpleNamespace(seed=seed, kpis=kpis)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_kpi_has_a_catalogue_label_with_its_unit(lang: str) -> None:
    for key in KPI_NAMES:
        label = kpi_label(key, lang)
        unit = words.kpi_unit(key)
        assert label == words.word("kpi", key, lang) + (f" ({unit})" if unit else ""), key
        assert "_" not in label, key


def test_labels_differ_between_dutch_and_english() -> None:
    assert kpi_label("salt_used_t", "en") == "Salt used (t)"
    assert kpi_label("salt_used_t", "nl") == "Zout gebruikt (t)"


def test_counts_are_whole_numbers() -> None:
    assert "injuries" in COUNT_KPIS and "strooiacties" in COUNT_KPIS
    assert format_value("strooiacties", 21.0, "en") == "21"
    assert format_value("complaints", 396.0, "en") == "396"
    assert format_value("complaints", 1396.0, "nl") == "1.396"


def test_the_executors_orders_and_favours_are_counted_in_whole_numbers() -> None:
    for key in ("orders", "orders_refused", "orders_written_approval", "jobs_tussendoor"):
        assert format_value(key, 3.0, "en") == "3", key


def test_a_mean_of_counts_keeps_one_decimal_only_when_it_has_one() -> None:
    assert format_value("injuries", 4.0, "en", mean=True) == "4"
    assert format_value("injuries", 4.5, "en", mean=True) == "4.5"


def test_dutch_uses_a_decimal_comma_and_english_a_point() -> None:
    assert format_value("cost_total_eur", 123456.0, "nl") == "123.456"
    assert format_value("cost_total_eur", 123456.0, "en") == "123,456"
    assert format_value("trust_gemeente_in_executor", 0.515, "nl") == "0,52"
    assert format_value("salt_used_t", 2.64, "en") == "2.6"


def test_rows_hold_one_column_per_seed_and_mean_and_interval() -> None:
    results = [fake_result(1, injuries=2.0), fake_result(2, injuries=3.0)]
    aggregate = {"injuries": {"mean": 2.5, "ci95_low": -3.9, "ci95_high": 8.9, "n": 2}}
    header, rows = table_rows(results, aggregate, "en")
    assert header == ["Indicator", "seed 1", "seed 2", "mean (n=2)", "95% interval"]
    assert rows == [["Injuries", "2", "3", "2.5", "-3.9 – 8.9"]]


@pytest.mark.parametrize(("lang", "label"), [("en", "Injuries"), ("nl", "Gewonden")])
def test_run_prints_the_table_in_the_chosen_language(
        lang: str, label: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["run", "--days", "3", "--seed", "2", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert label in out
    assert "reachability_pct" not in out
    assert "0.00" not in out.split(label)[1].splitlines()[0]  # a count, not '0.00'


def test_json_prints_the_summary_for_scripts(capsys: pytest.CaptureFixture) -> None:
    assert main(["run", "--days", "3", "--seed", "2", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["seed"] == 2
    assert set(KPI_NAMES) <= set(summary["kpis"])


def test_json_over_seeds_prints_the_aggregate(capsys: pytest.CaptureFixture) -> None:
    assert main(["run", "--days", "2", "--seeds", "1-2", "--json", "--quiet"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["seeds"] == [1, 2]
    assert summary["aggregate"]["injuries"]["n"] == 2
