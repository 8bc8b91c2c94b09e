"""The plots of a sweep analysis: each KPI against every factor, and Sobol indices."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np

from sim.sweep.tables import interval, level_groups


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


def kpi_plots(data, factors: list[dict[str, Any]], kpis: list[str], plots_dir: Path,  # noqa: ANN001
           formats: tuple[str, ...]) -> list[Path]:
    """One figure per KPI with a panel per factor; returns the files written."""
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
                groups = level_groups(data, f)
                for pos, (_, mask) in enumerate(groups):
                    ys = y[mask]
                    ax.scatter(pos + jitter.uniform(-0.18, 0.18, len(ys)), ys, s=8,
                               color="0.65", alpha=0.5, linewidths=0)
                    n, mean, _, lo, hi = interval(ys)
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
                for _, mask in level_groups(data, f):
                    n, mean, _, lo, hi = interval(y[mask])
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


def sobol_plots(sobol, plots_dir: Path, formats: tuple[str, ...]) -> list[Path]:  # noqa: ANN001
    """One bar chart of first-order and total indices per KPI; returns the files written."""
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


