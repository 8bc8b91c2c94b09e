"""Paired comparisons of two configurations on the same winters (common random numbers)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import stats

from sim.run import run_scenario
from sim.scenario.schema import Scenario
from sim.seasons import run_seasons

SEEDS = tuple(range(20))
# A cold-core stretch of the season keeps the suite fast: 1 December to 13 February.
BASE = {"weather": {"days": 75, "start_date": "2025-12-01"}}


def merge(base: dict, extra: dict) -> dict:
    """Deep-merge two scenario dicts."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = merge(out.get(key, {}), value) if isinstance(value, dict) else value
    return out


@cache
def _kpis(scenario_json: str, seed: int, seasons: int) -> dict[str, float]:
    scenario = Scenario.model_validate_json(scenario_json)
    if seasons == 1:
        return run_scenario(scenario, seed).kpis
    return run_seasons(scenario, seed, seasons).kpis


def kpis(config: dict, seed: int, seasons: int = 1) -> dict[str, float]:
    """KPIs of one run, cached per process on the validated scenario, so equal
    configurations written differently are computed once."""
    scenario = Scenario.model_validate(merge(BASE, config))
    return _kpis(scenario.model_dump_json(), seed, seasons)


@dataclass(frozen=True)
class Paired:
    """Mean paired difference B - A with its 95% t-interval and the share of B > A."""

    mean_a: float
    mean_b: float
    diff: float
    low: float
    high: float
    share_b_higher: float

    def __str__(self) -> str:
        return (f"A={self.mean_a:.3f} B={self.mean_b:.3f} B-A={self.diff:.3f} "
                f"[{self.low:.3f}, {self.high:.3f}] B>A in {self.share_b_higher:.0%}")


def paired(config_a: dict, config_b: dict, kpi: str, seasons: int = 1,
           seeds: tuple[int, ...] = SEEDS) -> Paired:
    """Compare a KPI between two configurations over the same seeds (same weather)."""
    a = np.array([kpis(config_a, s, seasons)[kpi] for s in seeds])
    b = np.array([kpis(config_b, s, seasons)[kpi] for s in seeds])
    d = b - a
    half = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / math.sqrt(len(d))
    return Paired(float(a.mean()), float(b.mean()), float(d.mean()), float(d.mean() - half),
                  float(d.mean() + half), float(np.mean(d > 0)))
