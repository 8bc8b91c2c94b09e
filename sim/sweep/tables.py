"""The statistics of a sweep analysis as tables: per factor level with 95 % intervals (and
paired differences for grids), design cells, rank correlations and Sobol indices."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

BINS = 5  # quantile bins for continuous factors
SOBOL_RESAMPLES = 500


def interval(values: np.ndarray) -> tuple[int, float, float, float, float]:
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


def level_groups(data, f: dict[str, Any]):  # noqa: ANN001, ANN202
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


def factor_table(data, f: dict[str, Any], names: list[str], kpis: list[str],  # noqa: ANN001
                  paired: bool):  # noqa: ANN202
    """Per level and KPI: n, mean, sd, 95 % interval; `paired`: the difference from the
    first level on equal other factors and replication, with its interval."""
    import pandas as pd

    rows = []
    groups = level_groups(data, f)
    others = [n for n in names if n != f["name"]] + ["replication"]
    reference = groups[0][0] if groups else None
    for kpi in kpis:
        y = data[kpi].to_numpy(dtype=float)
        ref_frame = None
        if paired and f["kind"] == "categorical" and groups:
            ref_frame = data.loc[groups[0][1], [*others, kpi]]
        for label, mask in groups:
            n, mean, sd, lo, hi = interval(y[mask])
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
                    dn, dmean, _, dlo, dhi = interval(d)
                    row.update(diff_n=dn, diff_mean=dmean, diff_ci95_low=dlo,
                               diff_ci95_high=dhi)
            rows.append(row)
    return pd.DataFrame(rows)


def cells_table(data, names: list[str], kpis: list[str]):  # noqa: ANN001, ANN202
    """Per design cell (every factor combination of a grid) and KPI: n, mean, interval."""
    import pandas as pd

    rows = []
    for key, frame in data.groupby(names, sort=False, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        for kpi in kpis:
            n, mean, sd, lo, hi = interval(frame[kpi].to_numpy(dtype=float))
            rows.append({**dict(zip(names, key, strict=True)), "kpi": kpi, "n": n,
                         "mean": mean, "sd": sd, "ci95_low": lo, "ci95_high": hi})
    return pd.DataFrame(rows)


def correlation_table(data, numeric: list[dict[str, Any]], kpis: list[str]):  # noqa: ANN001, ANN202
    """Spearman rank correlation of each numeric factor with each KPI."""
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


def sobol_indices(merged, manifest: dict[str, Any], kpis: list[str]):  # noqa: ANN001, ANN202
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


