"""Print the physical calibration figures of docs/ODD.md 8.4 (issue 12): salt use,
call-outs, route times, the national salt market and shortages per winter type.

Usage: python experiments/calibrate_physics.py [mild,average,severe] [seeds]
(20 seeds per climate take about a minute of CPU each).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from sim.driver import Driver
from sim.model import RegieModel
from sim.run import result_of
from sim.scenario.loader import load_scenario

SCENARIO = (
    Path(__file__).resolve().parent.parent / "scenarios" / "gladheid_gedwongen_winkelnering.yaml"
)
KPIS = (
    "salt_used_t",
    "strooiacties",
    "plan_preventive_share_pct",
    "true_output_score",
    "salt_shortage_days",
    "reachability_pct",
    "injuries",
)


def season(climate: str, seed: int) -> tuple[dict[str, float], list[float], RegieModel]:
    """One default season in this climate: its KPIs, route times and the model."""
    base = load_scenario(SCENARIO)
    scenario = base.model_copy(
        update={"weather": base.weather.model_copy(update={"climate": climate})}
    )
    model = RegieModel(scenario, seed=seed)
    Driver(model).run()
    p1 = [a for a in model.executor.fleet.actions if a.priority == 1 and a.kind != "grit"]
    times = [a.finished[r] - a.alarm_hour for a in p1 for r in a.routes if r in a.finished]
    return result_of(model).kpis, times, model


def main() -> None:
    climates = sys.argv[1].split(",") if len(sys.argv) > 1 else ["mild", "average", "severe"]
    seeds = range(int(sys.argv[2]) if len(sys.argv) > 2 else 20)
    salt: dict[str, float] = {}
    for climate in climates:
        rows, times, dry, demand, short_seasons = [], [], [], [], 0
        for seed in seeds:
            kpis, t, model = season(climate, seed)
            actions = model.executor.fleet.actions
            p1 = sum(1 for a in actions if a.priority == 1 and a.kind not in ("adhoc", "targeted"))
            rows.append([kpis[k] for k in KPIS] + [p1])
            times += t
            market = model.executor.depot.market
            dry.append(market.dry_days)
            demand.append(market.demand_season_kt)
            short_seasons += kpis["salt_shortage_days"] > 0
        a = np.array(rows)
        salt[climate] = float(a[:, 0].mean())
        print(climate)
        for i, name in enumerate((*KPIS, "priority_1_call_outs")):
            print(f"  {name:28s} {a[:, i].mean():9.2f} (sd {a[:, i].std(ddof=1):.2f})")
        t = np.array(times)
        print(
            f"  route time after the alarm   mean {t.mean():.2f} h, 90 % within "
            f"{np.percentile(t, 90):.2f} h, later than 3 h {np.mean(t > 3):.1%}"
        )
        print(
            f"  national orders {np.mean(demand):.0f} kt; rationing in "
            f"{sum(d > 0 for d in dry)} of {len(dry)} winters ({np.mean(dry):.1f} days); "
            f"seasons with a shortage day in the town: {short_seasons}"
        )
    if "average" in salt:
        print("salt ratio", {c: round(v / salt["average"], 3) for c, v in salt.items()})


if __name__ == "__main__":
    main()
