"""Consecutive winters with carried-over state: trust, maturity, salt stock, contract period."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sim.model import RegieModel
from sim.run import RunResult, result_of
from sim.scenario.schema import Scenario


def run_seasons(scenario: Scenario, seed: int, seasons: int = 1, *, base_dir: Path | None = None,
                progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Run `seasons` winters; each next winter starts from the previous one's relationship.

    The result's KPIs are those of the last season; `season_<n>_<kpi>` keys hold the earlier
    ones so a sweep can look at the trajectory.
    """
    model = RegieModel(scenario, seed=seed, base_dir=base_dir)
    earlier: dict[str, float] = {}
    total = model.hours * seasons
    for season in range(seasons):
        if season > 0:
            earlier.update({f"season_{season}_{k}": v for k, v in result_of(model).kpis.items()})
            model = model.next_season()
        while not model.finished:
            for _ in range(24):
                model.step()
            if progress is not None:
                progress(season * model.hours + model.hour, total)
    result = result_of(model)
    result.kpis.update(earlier)
    return result
