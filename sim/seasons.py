"""Consecutive winters with carried-over state: trust, maturity, salt stock, contract period."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sim.driver import Driver, Source
from sim.families import family_of, make_model
from sim.run import RunResult, result_of
from sim.scenario.schema import Scenario


def run_seasons(scenario: Scenario, seed: int, seasons: int = 1, *, base_dir: Path | None = None,
                progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Run `seasons` winters; each next winter starts from the previous one's relationship.

    The result's KPIs are those of the last season; `season_<n>_<kpi>` keys hold the earlier
    ones so a sweep can look at the trajectory.
    """
    earlier = _EarlierSeasons()
    driver = Driver(make_model(scenario, seed=seed, base_dir=base_dir), sources=[earlier],
                    seasons=seasons, progress=progress)
    driver.run()
    result = result_of(driver.model)
    result.kpis.update(earlier.kpis)
    return result


class _EarlierSeasons(Source):
    """Keeps each finished season's KPIs as `season_<n>_<kpi>`."""

    def __init__(self) -> None:
        self.kpis: dict[str, float] = {}

    def season_over(self, driver: Driver) -> None:
        n = driver.model.season + 1
        self.kpis.update({f"season_{n}_{k}": v for k, v in
                          family_of(driver.model).part("summary")(driver.model).items()})
