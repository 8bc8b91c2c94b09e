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
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sim.inputfile import InputFileError, Problem
from sim.sweep import store
from sim.sweep.plan import RESERVED_COLUMNS

__all__ = ["AnalysisResult", "analyze"]

FORMATS = ("png", "svg")
BINS = 5  # quantile bins for continuous factors
SOBOL_RESAMPLES = 500


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
        table = _factor_table(data, f, names, kpis, paired=grid)
        path = tables_dir / f"by_{f['name']}.csv"
        table.to_csv(path, index=False)
        result.tables.append(path)
        by_factor[f["name"]] = table
    if grid and len(factors) > 1:
        path = tables_dir / "cells.csv"
        _cells_table(data, names, kpis).to_csv(path, index=False)
        result.tables.append(path)
    numeric = [f for f in factors if f["dtype"] in ("int", "float")]
    correlations = None
    if not grid and numeric:
        correlations = _correlations(data, numeric, kpis)
        path = tables_dir / "correlations.csv"
        correlations.to_csv(path, index=False)
        result.tables.append(path)
    sobol = None
    if manifest["design"] == "sobol":
        sobol, s2, note = _sobol(merged, manifest, kpis)
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

    result.plots += _plots(data, factors, kpis, plots_dir, formats)
    if sobol is not None:
        result.plots += _sobol_plots(sobol, plots_dir, formats)
    summary = out / "summary.md"
    summary.write_text(_markdown(manifest, result, by_factor, sobol, correlations, grid),
                       encoding="utf-8")
    return result


# --------------------------------------------------------------------------- statistics


def _interval(values: np.ndarray) -> tuple[int, float, float, float, float]:
    """n, mean, sd, and the 95 % t-interval of the mean (NaN when n < 2)."""
    from scipy import stats

    values = values[~np.isnan(values)]
    n = len(values)
    if n == 0:
        return 0, math.nan, math.nan, math.nan, math.nan
    mean = float(values.mean())
    if n < 2:
        return n, mean, math.nan, math.nan, math.nan
    sd = float(values.std(ddof=1))
    half = float(stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n))
    return n, mean, sd, mean - half, mean + half


def _groups(data, f: dict[str, Any]):  # noqa: ANN001, ANN202
    """(label, row mask) per level (categorical) or quantile bin (continuous)."""
    col = data[f["name"]]
    if f["kind"] == "categorical":
        levels = list(f.get("levels") or sorted(col.dropna().unique()))
        present = set(col.dropna().unique())
        return [(str(lv), (col == lv).to_numpy()) for lv in levels if lv in present]
    values = col.to_numpy(dtype=float)
    edges = np.unique(np.quantile(values, np.linspace(0, 1, BINS + 1)))
    if len(edges) < 2:
        return [(f"{edges[0]:.4g}", np.ones(len(values), bool))]
    which = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, len(edges) - 2)
    return [(f"[{edges[b]:.4g}, {edges[b + 1]:.4g}{']' if b == len(edges) - 2 else ')'}",
             which == b) for b in range(len(edges) - 1)]


def _factor_table(data, f: dict[str, Any], names: list[str], kpis: list[str],  # noqa: ANN001
                  paired: bool):  # noqa: ANN202
    import pandas as pd

    rows = []
    groups = _groups(data, f)
    others = [n for n in names if n != f["name"]] + ["replication"]
    reference = groups[0][0] if groups else None
    for kpi in kpis:
        y = data[kpi].to_numpy(dtype=float)
        ref_frame = None
        if paired and f["kind"] == "categorical" and groups:
            ref_frame = data.loc[groups[0][1], [*others, kpi]]
        for label, mask in groups:
            n, mean, sd, lo, hi = _interval(y[mask])
            row = {"factor": f["name"], "level": label, "kpi": kpi, "n": n, "mean": mean,
                   "sd": sd, "ci95_low": lo, "ci95_high": hi}
            if ref_frame is not None:
                row["reference"] = reference
                if label == reference:
                    row.update(diff_n=n, diff_mean=0.0, diff_ci95_low=0.0, diff_ci95_high=0.0)
                else:
                    pair = data.loc[mask, [*others, kpi]].merge(
                        ref_frame, on=others, suffixes=("", "_ref"))
                    d = (pair[kpi] - pair[f"{kpi}_ref"]).to_numpy(dtype=float)
                    dn, dmean, _, dlo, dhi = _interval(d)
                    row.update(diff_n=dn, diff_mean=dmean, diff_ci95_low=dlo,
                               diff_ci95_high=dhi)
            rows.append(row)
    return pd.DataFrame(rows)


def _cells_table(data, names: list[str], kpis: list[str]):  # noqa: ANN001, ANN202
    import pandas as pd

    rows = []
    for key, frame in data.groupby(names, sort=False, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        for kpi in kpis:
            n, mean, sd, lo, hi = _interval(frame[kpi].to_numpy(dtype=float))
            rows.append({**dict(zip(names, key, strict=True)), "kpi": kpi, "n": n,
                         "mean": mean, "sd": sd, "ci95_low": lo, "ci95_high": hi})
    return pd.DataFrame(rows)


def _correlations(data, numeric: list[dict[str, Any]], kpis: list[str]):  # noqa: ANN001, ANN202
    import pandas as pd
    from scipy import stats

    rows = []
    for f in numeric:
        x = data[f["name"]].to_numpy(dtype=float)
        for kpi in kpis:
            y = data[kpi].to_numpy(dtype=float)
            ok = ~(np.isnan(x) | np.isnan(y))
            if ok.sum() < 3 or np.ptp(y[ok]) == 0 or np.ptp(x[ok]) == 0:
                rho, p = math.nan, math.nan
            else:
                rho, p = stats.spearmanr(x[ok], y[ok])
            rows.append({"factor": f["name"], "kpi": kpi, "n": int(ok.sum()),
                         "spearman_rho": float(rho), "p_value": float(p)})
    return pd.DataFrame(rows)


def _sobol(merged, manifest: dict[str, Any], kpis: list[str]):  # noqa: ANN001, ANN202
    """Sobol indices per KPI on the replication mean of every design point."""
    import pandas as pd

    points = merged.groupby("point")
    complete = points["_merge"].apply(lambda s: (s == "both").any())
    if not complete.all():
        lacking = int((~complete).sum())
        return None, None, (f"Sobol indices need a result for every design point: {lacking}"
                            f" of {len(complete)} points have none yet (regie sweep ... --resume)")
    from SALib.analyze import sobol as sobol_analyze

    names = [f["name"] for f in manifest["factors"]]
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    second = bool(manifest.get("second_order"))
    means = points[kpis].mean().sort_index()
    rows, rows2, constant = [], [], []
    for kpi in kpis:
        y = means[kpi].to_numpy(dtype=float)
        if np.ptp(y) == 0 or np.isnan(y).any():
            constant.append(kpi)
            for name in names:
                rows.append({"kpi": kpi, "factor": name, "S1": math.nan, "S1_conf": math.nan,
                             "ST": math.nan, "ST_conf": math.nan})
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            si = sobol_analyze.analyze(problem, y, calc_second_order=second,
                                       num_resamples=SOBOL_RESAMPLES, conf_level=0.95,
                                       seed=int(manifest.get("seed", 0)) % 2**32)
        for i, name in enumerate(names):
            rows.append({"kpi": kpi, "factor": name, "S1": float(si["S1"][i]),
                         "S1_conf": float(si["S1_conf"][i]), "ST": float(si["ST"][i]),
                         "ST_conf": float(si["ST_conf"][i])})
        if second:
            for i in range(len(names)):
                for j in range(i + 1, len(names)):
                    rows2.append({"kpi": kpi, "factor_a": names[i], "factor_b": names[j],
                                  "S2": float(si["S2"][i, j]),
                                  "S2_conf": float(si["S2_conf"][i, j])})
    note = None
    if constant:
        note = ("no Sobol indices for KPIs that do not vary over the design: "
                + ", ".join(constant))
    table = pd.DataFrame(rows)
    for col in ("S1", "ST"):
        table[f"{col}_ci95_low"] = table[col] - table[f"{col}_conf"]
        table[f"{col}_ci95_high"] = table[col] + table[f"{col}_conf"]
    return table, (pd.DataFrame(rows2) if second else None), note


# --------------------------------------------------------------------------- plots


def _figure(width: float, height: float):  # noqa: ANN202
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _save(fig, stem: Path, formats: tuple[str, ...]) -> list[Path]:  # noqa: ANN001
    paths = []
    for fmt in formats:
        path = stem.with_suffix(f".{fmt}")
        fig.savefig(path, dpi=100)
        paths.append(path)
    return paths


def _plots(data, factors: list[dict[str, Any]], kpis: list[str], plots_dir: Path,  # noqa: ANN001
           formats: tuple[str, ...]) -> list[Path]:
    written = []
    jitter = np.random.default_rng(0)  # only for drawing; fixed so plots are reproducible
    ncols = min(len(factors), 3)
    nrows = math.ceil(len(factors) / ncols)
    for kpi in kpis:
        fig = _figure(3.6 * ncols + 0.4, 3.0 * nrows + 0.5)
        axes = fig.subplots(nrows, ncols, squeeze=False)
        y = data[kpi].to_numpy(dtype=float)
        for ax, f in zip(axes.flat, factors, strict=False):
            if f["kind"] == "categorical":
                groups = _groups(data, f)
                for pos, (_, mask) in enumerate(groups):
                    ys = y[mask]
                    ax.scatter(pos + jitter.uniform(-0.18, 0.18, len(ys)), ys, s=8,
                               color="0.65", alpha=0.5, linewidths=0)
                    n, mean, _, lo, hi = _interval(ys)
                    if n:
                        err = [[mean - lo], [hi - mean]] if n > 1 else None
                        ax.errorbar([pos], [mean], yerr=err, fmt="o", color="C0", capsize=4,
                                    markersize=6, zorder=3)
                ax.set_xticks(range(len(groups)), [_short(g[0]) for g in groups],
                              rotation=30 if len(groups) > 3 else 0)
                ax.set_xlim(-0.6, len(groups) - 0.4)
            else:
                x = data[f["name"]].to_numpy(dtype=float)
                ax.scatter(x, y, s=8, color="0.6", alpha=0.5, linewidths=0)
                centres, means, los, his = [], [], [], []
                for _, mask in _groups(data, f):
                    n, mean, _, lo, hi = _interval(y[mask])
                    if n:
                        centres.append(float(np.median(x[mask])))
                        means.append(mean)
                        los.append(mean - lo if n > 1 else 0.0)
                        his.append(hi - mean if n > 1 else 0.0)
                ax.errorbar(centres, means, yerr=[los, his], fmt="-o", color="C0", capsize=3,
                            markersize=4, zorder=3)
                _compact_ticks(ax.xaxis, x)
            _compact_ticks(ax.yaxis, y)
            unit = f" [{f['unit']}]" if f.get("unit") else ""
            ax.set_xlabel(f"{f['name']}{unit}")
            ax.set_ylabel(kpi)
            ax.grid(alpha=0.3)
        for ax in list(axes.flat)[len(factors):]:
            ax.set_visible(False)
        fig.suptitle(f"{kpi}: mean and 95% interval per level or quantile bin"
                     " (grey: single runs)", fontsize=10)
        written += _save(fig, plots_dir / _safe(kpi), formats)
    return written


def _compact_ticks(axis, values: np.ndarray) -> None:  # noqa: ANN001
    """Thousands as 75k, millions as 1.2M, so long tick labels do not overlap."""
    from matplotlib.ticker import EngFormatter, MaxNLocator

    finite = values[np.isfinite(values)]
    if finite.size and np.abs(finite).max() >= 10_000:
        axis.set_major_formatter(EngFormatter(sep=""))
        axis.set_major_locator(MaxNLocator(5))


def _sobol_plots(sobol, plots_dir: Path, formats: tuple[str, ...]) -> list[Path]:  # noqa: ANN001
    written = []
    for kpi, frame in sobol.groupby("kpi", sort=False):
        if frame["ST"].isna().all():
            continue
        fig = _figure(6.0, 0.5 * len(frame) + 1.4)
        ax = fig.subplots()
        pos = np.arange(len(frame))
        ax.barh(pos - 0.2, frame["S1"], height=0.38, xerr=frame["S1_conf"], capsize=3,
                color="C0", label="S1 (first order)")
        ax.barh(pos + 0.2, frame["ST"], height=0.38, xerr=frame["ST_conf"], capsize=3,
                color="C1", label="ST (total)")
        ax.set_yticks(pos, frame["factor"])
        ax.invert_yaxis()
        ax.axvline(0, color="0.3", linewidth=0.8)
        ax.set_xlabel("Sobol index (bars: 95% bootstrap interval)")
        ax.set_title(f"{kpi}: variance shares", fontsize=10)
        ax.legend(loc="lower right", fontsize=8)
        ax.grid(axis="x", alpha=0.3)
        written += _save(fig, plots_dir / f"sobol_{_safe(kpi)}", formats)
    return written


def _short(text: str) -> str:
    return text if len(text) <= 14 else text[:13] + "…"


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


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
