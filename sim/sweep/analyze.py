"""``regie sweep analyze DIR``: summary tables, Sobol indices and plots of a sweep.

Everything is computed from ``DIR/design.parquet`` (what was planned) joined with the
Parquet part files (what finished) on ``run_id``. Written to ``DIR/analysis/``:

* ``tables/by_<factor>.csv``: per factor level (categorical) or quantile bin
  (continuous) and KPI: n, mean, sd and a 95 % t-interval over runs; for grid designs
  also the difference from the first (reference) level, paired on the other factors
  and the replication (common random numbers), with its 95 % interval;
* ``tables/cells.csv``: every design cell of a grid (all factor combinations);
* ``tables/correlations.csv``: Spearman rank correlation of each numeric factor with each
  KPI (lhs and sobol designs);
* ``tables/sobol.csv`` (+ ``sobol_s2.csv``): first-order and total Sobol indices with
  95 % bootstrap intervals (SALib), on the mean over replications of each design point;
* ``plots/<kpi>.png|svg``: the KPI against every factor; ``plots/sobol_<kpi>.png|svg``;
* ``summary.md``: the tables in readable form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.inputfile import InputFileError, Problem
from sim.sweep import store
from sim.sweep.plan import RESERVED_COLUMNS
from sim.sweep.plots import kpi_plots, sobol_plots
from sim.sweep.tables import cells_table, correlation_table, factor_table, sobol_indices

__all__ = ["AnalysisResult", "analyze"]

FORMATS = ("png", "svg")


@dataclass
class AnalysisResult:
    """What ``analyze`` found and wrote."""

    out: Path
    runs: int
    missing: int
    kpis: list[str]
    factors: list[str]
    tables: list[Path] = field(default_factory=list)
    plots: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def analyze(directory: Path, out: Path | None = None,
            formats: tuple[str, ...] = FORMATS) -> AnalysisResult:
    """Analyse the results directory ``directory``; returns the files written."""
    import pandas as pd

    directory = Path(directory)
    manifest = store.read_manifest(directory) if directory.is_dir() else None
    if manifest is None:
        raise InputFileError([Problem(str(directory), 0, "", "not a sweep results directory"
                                      f" (no {store.MANIFEST_FILE})")])
    design = pd.read_parquet(directory / store.DESIGN_FILE)
    runs = store.read_runs(directory)
    if runs.empty:
        raise InputFileError([Problem(str(directory), 0, "", "holds no finished runs yet")])
    factors = manifest["factors"]
    names = [f["name"] for f in factors]
    kpis = [c for c in runs.columns
            if c not in RESERVED_COLUMNS and c not in names
            and pd.api.types.is_numeric_dtype(runs[c]) and not pd.api.types.is_bool_dtype(runs[c])]
    merged = design.merge(runs[["run_id", *kpis]], on="run_id", how="left", indicator=True)
    have = merged["_merge"] == "both"
    data = merged[have].drop(columns="_merge").reset_index(drop=True)
    missing = int((~have).sum())

    out = Path(out) if out is not None else directory / "analysis"
    tables_dir, plots_dir = out / "tables", out / "plots"
    tables_dir.mkdir(parents=True, exist_ok=True)
    plots_dir.mkdir(parents=True, exist_ok=True)
    result = AnalysisResult(out, runs=int(have.sum()), missing=missing, kpis=kpis,
                            factors=names)
    if missing:
        result.notes.append(f"{missing} of {len(design)} planned runs have no result yet;"
                            " the tables use the finished ones")

    grid = manifest["design"] == "grid"
    by_factor: dict[str, Any] = {}
    for f in factors:
        table = factor_table(data, f, names, kpis, paired=grid)
        path = tables_dir / f"by_{f['name']}.csv"
        table.to_csv(path, index=False)
        result.tables.append(path)
        by_factor[f["name"]] = table
    if grid and len(factors) > 1:
        path = tables_dir / "cells.csv"
        cells_table(data, names, kpis).to_csv(path, index=False)
        result.tables.append(path)
    numeric = [f for f in factors if f["dtype"] in ("int", "float")]
    correlations = None
    if not grid and numeric:
        correlations = correlation_table(data, numeric, kpis)
        path = tables_dir / "correlations.csv"
        correlations.to_csv(path, index=False)
        result.tables.append(path)
    sobol = None
    if manifest["design"] == "sobol":
        sobol, s2, note = sobol_indices(merged, manifest, kpis)
        if note:
            result.notes.append(note)
        if sobol is not None:
            path = tables_dir / "sobol.csv"
            sobol.to_csv(path, index=False)
            result.tables.append(path)
            if s2 is not None:
                path = tables_dir / "sobol_s2.csv"
                s2.to_csv(path, index=False)
                result.tables.append(path)

    result.plots += kpi_plots(data, factors, kpis, plots_dir, formats)
    if sobol is not None:
        result.plots += sobol_plots(sobol, plots_dir, formats)
    summary = out / "summary.md"
    summary.write_text(_markdown(manifest, result, by_factor, sobol, correlations, grid),
                       encoding="utf-8")
    return result


# --------------------------------------------------------------------------- summary.md


def _fmt(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if x == 0:
        return "0"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.4g}"


def _markdown(manifest: dict[str, Any], result: AnalysisResult, by_factor: dict[str, Any],
              sobol, correlations, grid: bool) -> str:  # noqa: ANN001
    lines = [f"# Sweep: {manifest.get('title') or Path(manifest['experiment']).stem}", ""]
    lines += [f"- experiment: `{manifest['experiment']}`",
              f"- base scenario: `{manifest['base_scenario']}`"
              f" (hash `{manifest['base_scenario_hash'][:12]}`)",
              f"- design: {manifest['design']}, {manifest['points']} points x"
              f" {manifest['replications']} replications, {manifest['seasons']} season(s) per run,"
              f" master seed {manifest['seed']}",
              f"- runs with a result: {result.runs}; planned runs still missing: {result.missing}",
              f"- regiekamer {manifest['package_version']}", ""]
    for note in result.notes:
        lines += [f"> {note}", ""]
    lines += ["Intervals are 95 % t-intervals of the mean over runs. Runs of different design"
              " points share their seeds (common random numbers), so the paired differences"
              " are much tighter than the level intervals suggest.", ""]
    for name, table in by_factor.items():
        if table.empty:
            continue
        levels = list(dict.fromkeys(table["level"]))
        lines += [f"## {name}", "", "| KPI | " + " | ".join(levels) + " |",
                  "|---|" + "---|" * len(levels)]
        for kpi, frame in table.groupby("kpi", sort=False):
            cells = {r.level: f"{_fmt(r.mean)} [{_fmt(r.ci95_low)}, {_fmt(r.ci95_high)}]"
                     for r in frame.itertuples()}
            lines.append(f"| {kpi} | " + " | ".join(cells.get(lv, "") for lv in levels) + " |")
        lines.append("")
        if grid and "diff_mean" in table and len(levels) > 1:
            ref = levels[0]
            lines += [f"Paired difference from `{ref}` (same other factors, same seed):", "",
                      "| KPI | " + " | ".join(levels[1:]) + " |",
                      "|---|" + "---|" * (len(levels) - 1)]
            for kpi, frame in table.groupby("kpi", sort=False):
                cells = {r.level: f"{_fmt(r.diff_mean)} [{_fmt(r.diff_ci95_low)},"
                         f" {_fmt(r.diff_ci95_high)}]" for r in frame.itertuples()}
                lines.append(f"| {kpi} | " + " | ".join(cells.get(lv, "")
                                                          for lv in levels[1:]) + " |")
            lines.append("")
    if correlations is not None and not correlations.empty:
        factors = list(dict.fromkeys(correlations["factor"]))
        lines += ["## Spearman rank correlation (factor, KPI)", "",
                  "| KPI | " + " | ".join(factors) + " |", "|---|" + "---|" * len(factors)]
        for kpi, frame in correlations.groupby("kpi", sort=False):
            cells = {r.factor: _fmt(r.spearman_rho) for r in frame.itertuples()}
            lines.append(f"| {kpi} | " + " | ".join(cells.get(f, "") for f in factors) + " |")
        lines.append("")
    if sobol is not None:
        factors = list(dict.fromkeys(sobol["factor"]))
        lines += ["## Sobol indices: ST (S1), ± 95 % bootstrap half-width", "",
                  "| KPI | " + " | ".join(factors) + " |", "|---|" + "---|" * len(factors)]
        for kpi, frame in sobol.groupby("kpi", sort=False):
            cells = {r.factor: f"{_fmt(r.ST)} ±{_fmt(r.ST_conf)} ({_fmt(r.S1)} ±{_fmt(r.S1_conf)})"
                     for r in frame.itertuples()}
            lines.append(f"| {kpi} | " + " | ".join(cells.get(f, "") for f in factors) + " |")
        lines.append("")
    lines += ["Tables: `tables/`; plots: `plots/` (PNG and SVG)."]
    return "\n".join(lines) + "\n"
