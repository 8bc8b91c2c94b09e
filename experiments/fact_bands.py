"""Each stylized fact's sensitivity band from experiments/sensitivity_behaviour.yaml.

For every behaviour setting of the sweep (default, each parameter low and high) and every
fact claim, the mean paired difference B - A over the replication seeds (the same seeds
in both arms) and whether its 95 % t-interval lies where the claim says. The band of a
claim is the smallest and largest mean difference over the settings; the table also
names the setting at each end and counts the settings at which the claim holds.

    python experiments/fact_bands.py sweeps/sensitivity_behaviour [--by-setting]
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import numpy as np
from scipy import stats

from sim.sweep.store import read_runs

# claim -> (arm A, arm B, KPI, expectation); the arms are the experiment's `arm` levels and
# the claims those of tests/facts/facts.py (fact 3 on the 75-day winter, fact 6 not swept).
CLAIMS: dict[str, tuple[str, str, str, str]] = {
    "fact1_cost": ("in_house", "forced", "cost_total_eur", "higher"),
    "fact2_shortage": ("shortage_rules", "shortage", "salt_shortage_days", "higher"),
    "fact2_reachability": ("shortage_rules", "shortage", "reachability_pct", "lower"),
    "fact2_attention": ("shortage_rules", "shortage", "attention_peak", "higher"),
    "fact3_trust_g": ("forced", "relational", "trust_gemeente_in_executor", "higher"),
    "fact3_trust_e": ("forced", "relational", "trust_executor_in_gemeente", "higher"),
    "fact3_escalations": ("forced", "relational", "escalations", "lower"),
    "fact4_outcome": ("forced", "opportunist", "outcome_score", "lower"),
    "fact5_cost": ("committee", "forced", "cost_total_eur", "higher"),
    "fact5_trust_g": ("committee", "forced", "trust_gemeente_in_executor", "lower"),
    "fact5_trust_e": ("committee", "forced", "trust_executor_in_gemeente", "lower"),
    "fact7_price_disputes": ("forced", "benchmark", "price_disputes", "lower"),
    "fact8_efficiency": ("hands_off", "micromanaging", "executor_efficiency_pct", "lower"),
    "fact8_trust_e": ("hands_off", "micromanaging", "trust_executor_in_gemeente", "lower"),
    "fact9_disputes": ("market", "forced", "disputes", "higher"),
    "fact9_markup": ("market", "forced", "markup_mean_pct", "higher"),
    "fact9_trust_g": ("market", "forced", "trust_gemeente_in_executor", "lower"),
    "fact9_trust_e": ("market", "forced", "trust_executor_in_gemeente", "lower"),
}


def interval(d: np.ndarray) -> tuple[float, float, float]:
    """Mean and 95 % t-interval of paired differences."""
    if len(d) < 2:
        return float(d.mean()), math.nan, math.nan
    half = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / math.sqrt(len(d))
    return float(d.mean()), float(d.mean() - half), float(d.mean() + half)


def holds(expect: str, low: float, high: float) -> bool:
    """Whether an interval lies on the claimed side of zero."""
    return low > 0 if expect == "higher" else high < 0


def bands(directory: Path, by_setting: bool = False) -> list[str]:
    """Markdown lines: one row per claim (and per setting with `by_setting`)."""
    runs = read_runs(directory)
    lines = [
        "| claim | KPI | default B - A | band (min; max) | lowest at | highest at | holds at |",
        "|---|---|---|---|---|---|---|",
    ]
    settings = list(dict.fromkeys(runs["behaviour"]))
    for name, (arm_a, arm_b, kpi, expect) in CLAIMS.items():
        if kpi not in runs:
            lines.append(f"| {name} | {kpi} | not in the results | | | | |")
            continue
        rows = []
        for setting in settings:
            sub = runs[runs["behaviour"] == setting]
            a = sub[sub["arm"] == arm_a].set_index("seed")[kpi]
            b = sub[sub["arm"] == arm_b].set_index("seed")[kpi]
            d = (b - a.reindex(b.index)).dropna().to_numpy()
            if len(d):
                rows.append((setting, *interval(d)))
        means = [r[1] for r in rows]
        lo, hi = rows[int(np.argmin(means))], rows[int(np.argmax(means))]
        default = next((r for r in rows if r[0] == "default"), rows[0])
        held = sum(holds(expect, r[2], r[3]) for r in rows)
        lines.append(
            f"| {name} | {kpi} | {default[1]:.3g} [{default[2]:.3g}; {default[3]:.3g}]"
            f" | {lo[1]:.3g}; {hi[1]:.3g} | {lo[0]} | {hi[0]} | {held}/{len(rows)} |"
        )
        if by_setting:
            lines.extend(
                f"|  | {s} | {m:.3g} [{low:.3g}; {high:.3g}] | | | | |" for s, m, low, high in rows
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="the sweep's results directory")
    parser.add_argument("--by-setting", action="store_true", help="a row per setting too")
    args = parser.parse_args()
    print("\n".join(bands(args.directory, args.by_setting)))


if __name__ == "__main__":
    main()
