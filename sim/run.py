"""A run is a pure function of (scenario, seed): it returns named outcomes.

Used alike by `regie run`, sweeps, ghost runs and tests. No printing, no clock.
pandas and scipy are imported only when a result asks for them (the daily DataFrame, the
interval over seeds): a run itself needs neither, and they are most of a fresh start-up.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sim.driver import Driver
from sim.families import family_of, make_model
from sim.scenario.loader import scenario_hash
from sim.scenario.schema import Scenario

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class RunResult:
    """Outcomes of one run: KPI summary, daily series and what produced them."""

    seed: int
    kpis: dict[str, float]
    series: dict[str, list[float]] = field(repr=False)
    """The daily series by name, one value per day (the DataCollector's model variables)."""
    scenario_hash: str
    weather_digest: str

    @cached_property
    def daily(self) -> pd.DataFrame:
        """The daily series as a DataFrame, one row per day (pandas imported on first use)."""
        import pandas as pd

        return pd.DataFrame(self.series)

    def summary_dict(self) -> dict[str, object]:
        """JSON-ready summary (the content of summary.json)."""
        from sim import __version__

        return {"seed": self.seed, "scenario_hash": self.scenario_hash,
                "weather_digest": self.weather_digest, "package_version": __version__,
                "kpis": self.kpis}

    def write_daily_csv(self, path: str | Path) -> None:
        """daily.csv: the bytes `self.daily.to_csv(path, index=False)` writes, without
        importing pandas when every value is a float (the reporters' contract)."""
        columns = list(self.series.values())
        if not columns or not all(isinstance(v, float) for col in columns for v in col):
            self.daily.to_csv(path, index=False)
            return
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(self.series)
            # pandas writes a float64 column as numpy's str, which is Python's float repr
            writer.writerows([repr(float(v)) if v == v else "" for v in row]  # NaN: empty
                             for row in zip(*columns, strict=True))


def run_scenario(scenario: Scenario, seed: int | None = None, *, base_dir: Path | None = None,
                 progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Build the model, run the season, and return its outcomes (`progress(hours done,
    hours)` every simulated day)."""
    model = make_model(scenario, seed=seed, base_dir=base_dir)  # of the scenario's family
    Driver(model, progress=progress).run()
    return result_of(model)


def result_of(model: Any) -> RunResult:
    """Collect a finished (or stopped) model's outcomes (any family's model)."""
    family = family_of(model)
    series = {name: list(values) for name, values in model.datacollector.model_vars.items()}
    return RunResult(seed=model.seed, kpis=family.part("summary")(model), series=series,
                     scenario_hash=scenario_hash(model.scenario),
                     weather_digest=family.part("digest")(model))


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
