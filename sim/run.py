"""A run is a pure function of (scenario, seed): it returns named outcomes.

Used alike by `regie run`, sweeps, ghost runs and tests. No printing, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sim import __version__
from sim.driver import Driver
from sim.kpi import summary
from sim.model import RegieModel
from sim.scenario.loader import scenario_hash
from sim.scenario.schema import Scenario


@dataclass
class RunResult:
    """Outcomes of one run: KPI summary, daily series and what produced them."""

    seed: int
    kpis: dict[str, float]
    daily: pd.DataFrame
    scenario_hash: str
    weather_digest: str

    def summary_dict(self) -> dict[str, object]:
        """JSON-ready summary (the content of summary.json)."""
        return {"seed": self.seed, "scenario_hash": self.scenario_hash,
                "weather_digest": self.weather_digest, "package_version": __version__,
                "kpis": self.kpis}


def run_scenario(scenario: Scenario, seed: int | None = None, *, base_dir: Path | None = None,
                 progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Build the model, run the season, and return its outcomes (`progress(hours done,
    hours)` every simulated day)."""
    model = RegieModel(scenario, seed=seed, base_dir=base_dir)
    Driver(model, progress=progress).run()
    return result_of(model)


def result_of(model: RegieModel) -> RunResult:
    """Collect a finished (or stopped) model's outcomes."""
    daily = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    return RunResult(seed=model.seed, kpis=summary(model), daily=daily,
                     scenario_hash=scenario_hash(model.scenario),
                     weather_digest=model.weather.digest())


def aggregate(results: Sequence[RunResult]) -> dict[str, dict[str, float]]:
    """Mean and 95% t-interval of every KPI over runs (seeds)."""
    from scipy import stats

    out: dict[str, dict[str, float]] = {}
    names = list(results[0].kpis) if results else []
    for name in names:
        values = np.array([r.kpis[name] for r in results], dtype=float)
        mean = float(values.mean())
        n = len(values)
        if n > 1:
            half = float(stats.t.ppf(0.975, n - 1) * values.std(ddof=1) / math.sqrt(n))
        else:
            half = float("nan")
        out[name] = {"mean": mean, "ci95_low": mean - half, "ci95_high": mean + half, "n": n}
    return out
