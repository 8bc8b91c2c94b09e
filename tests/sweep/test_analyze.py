"""``regie sweep analyze``: summary tables, plots (PNG and SVG) and Sobol indices."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.cli import EXIT_BAD_INPUT, main
from sim.sweep.experiment import load_experiment
from sim.sweep.runner import run_sweep
from tests.sweep.conftest import KPIS, grid_yaml, write


def _non_blank_png(path: Path) -> bool:
    from matplotlib import image

    pixels = image.imread(path)
    return pixels.ndim == 3 and min(pixels.shape[:2]) > 100 and float(pixels.std()) > 0.02


@pytest.fixture(scope="module")
def grid_results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("grid")
    out = tmp / "out"
    report = run_sweep(load_experiment(write(tmp, grid_yaml(replications=3))), out, workers=2)
    assert report.finished == 12
    return out


def test_analyze_grid_writes_tables_and_plots(grid_results: Path,
                                              capsys: pytest.CaptureFixture) -> None:
    assert main(["sweep", "analyze", str(grid_results)]) == 0
    assert "12 runs" in capsys.readouterr().out
    analysis = grid_results / "analysis"
    by_regime = pd.read_csv(analysis / "tables" / "by_regime.csv")
    assert set(by_regime["level"]) == {"forced", "market"}
    assert set(by_regime["kpi"]) == set(KPIS)
    assert (by_regime["n"] == 6).all()
    for col in ("mean", "sd", "ci95_low", "ci95_high", "diff_mean", "diff_ci95_low",
                "diff_ci95_high"):
        assert col in by_regime
    finite = by_regime.dropna(subset=["ci95_low"])
    assert (finite["ci95_low"] <= finite["mean"] + 1e-9).all()
    assert (finite["mean"] <= finite["ci95_high"] + 1e-9).all()
    reference = by_regime[by_regime["level"] == "forced"]
    assert (reference["diff_mean"] == 0).all() and (reference["reference"] == "forced").all()
    assert (by_regime[by_regime["level"] == "market"]["diff_n"] == 6).all()  # paired by seed
    cells = pd.read_csv(analysis / "tables" / "cells.csv")
    assert len(cells) == 4 * len(KPIS) and (cells["n"] == 3).all()
    assert (analysis / "tables" / "by_steering.csv").is_file()
    for kpi in KPIS:
        assert _non_blank_png(analysis / "plots" / f"{kpi}.png")
        assert (analysis / "plots" / f"{kpi}.svg").read_text().lstrip().startswith("<?xml")
    summary = (analysis / "summary.md").read_text()
    assert "## regime" in summary and "## steering" in summary


def test_analyze_into_another_directory(grid_results: Path, tmp_path: Path) -> None:
    assert main(["sweep", "analyze", str(grid_results), "--out", str(tmp_path / "a"),
                 "--quiet"]) == 0
    assert (tmp_path / "a" / "summary.md").is_file()


def test_analyze_sobol_writes_indices_with_intervals(tmp_path: Path) -> None:
    text = textwrap.dedent("""\
        scenario: gladheid_gedwongen_winkelnering
        set: {weather.days: 2, citizens.agents: 500}
        design: sobol
        samples: 8
        replications: 1
        seed: 3
        kpis: [cost_total_eur, trust_gemeente_in_executor]
        factors:
          - key: contract.fixed_fee_eur_per_season
            range: {low: 60000, high: 200000}
          - key: municipality.regie_cost_eur_per_h
            distribution: {type: triangular, low: 50, mode: 85, high: 120}
        """)
    out = tmp_path / "out"
    report = run_sweep(load_experiment(write(tmp_path, text)), out, workers=2)
    assert report.finished == 8 * 4 and report.failed == 0
    assert main(["sweep", "analyze", str(out), "--quiet"]) == 0
    sobol = pd.read_csv(out / "analysis" / "tables" / "sobol.csv")
    assert set(sobol["factor"]) == {"fixed_fee_eur_per_season", "regie_cost_eur_per_h"}
    assert set(sobol["kpi"]) == {"cost_total_eur", "trust_gemeente_in_executor"}
    for col in ("S1", "S1_conf", "ST", "ST_conf", "S1_ci95_low", "S1_ci95_high",
                "ST_ci95_low", "ST_ci95_high"):
        assert col in sobol
    cost = sobol[sobol["kpi"] == "cost_total_eur"]
    assert np.isfinite(cost[["S1", "S1_conf", "ST", "ST_conf"]].to_numpy()).all()
    assert (cost["ST_conf"] >= 0).all()
    assert _non_blank_png(out / "analysis" / "plots" / "sobol_cost_total_eur.png")
    assert (out / "analysis" / "plots" / "sobol_cost_total_eur.svg").is_file()
    assert (out / "analysis" / "tables" / "correlations.csv").is_file()
    assert "Sobol indices" in (out / "analysis" / "summary.md").read_text()


def test_analyze_refuses_a_directory_that_is_no_sweep(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture) -> None:
    assert main(["sweep", "analyze", str(tmp_path)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "not a sweep results directory" in err and "Traceback" not in err
