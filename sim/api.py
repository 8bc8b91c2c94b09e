"""The Python API for researchers: load a scenario, run it with one or several seeds, and
read named KPIs (with names and units) and the daily series.

Importable from the package top (``from sim import simulate``) and loaded on first use, so
``import sim`` stays light. Built on what ``regie run`` uses (the scenario loader, the one
driver through `sim.seasons`, `sim.kpi`, the word catalogue): ``simulate(NAME, seed=S)`` gives
the KPIs ``regie run NAME --seed S`` writes to summary.json, bit for bit. The names in
``__all__`` are the stable surface (tests/test_api.py pins them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sim.inputfile import OVERRIDE_SOURCE, InputFileError
from sim.run import RunResult
from sim.scenario.schema import Scenario

if TYPE_CHECKING:
    import pandas as pd

    from sim.cli_keys import KeyInfo

__all__ = [
    "KpiInfo",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "daily_frame",
    "keys",
    "kpi_frame",
    "kpi_info",
    "load",
    "simulate",
    "simulate_seeds",
    "scenarios",
    "summarise",
]

ScenarioLike = Scenario | str | Path | None
"""A loaded Scenario, a shipped scenario's name, a path to a scenario file, or None (the
default scenario)."""
Overrides = Mapping[str, object] | Sequence[str] | None
"""Dotted keys to values (``{"weather.days": 10}``) or ``--set`` texts (``["weather.days=10"]``)."""


class ScenarioError(InputFileError, ValueError):
    """A scenario file or override that cannot be used; ``problems`` holds each one.

    Reads ``weather.days=-5: must be >= 1`` for an override, ``FILE:LINE: key: message``
    for a file.
    """

    def __str__(self) -> str:
        return "\n".join(
            f"{p.key}: {p.message}" if p.file == OVERRIDE_SOURCE and p.key else str(p)
            for p in self.problems
        )


@dataclass(frozen=True)
class KpiInfo:
    """What a KPI or daily series is called, in Dutch and English, and its unit."""

    key: str
    unit: str
    """Unit symbol ("" for a count or a score), e.g. "EUR", "%", "t"."""
    nl: str
    en: str

    def label(self, lang: str = "en") -> str:
        """``Salt used (t)``: the name in ``lang`` ("en" or "nl") with its unit."""
        name = self.en if lang == "en" else self.nl
        return f"{name} ({self.unit})" if self.unit else name


def scenarios() -> list[str]:
    """Names of the shipped scenarios (``load`` and ``simulate`` take them as they are)."""
    from sim.scenario.loader import list_scenarios

    return [path.stem for path in list_scenarios()]


def keys(prefix: str = "", family: str = "gladheid") -> list[KeyInfo]:
    """Every scenario key an override may set, with unit, default and allowed values
    (what ``regie keys PREFIX [--family F]`` prints), for the family's scenarios."""
    from sim.cli_keys import scenario_keys

    return scenario_keys(prefix, family)


def load(scenario: ScenarioLike = None, overrides: Overrides = None) -> Scenario:
    """A validated scenario: a shipped name, a path or a Scenario, with overrides applied
    and checked as ``regie run --set`` checks them. Raises ScenarioError naming each key."""
    return _loaded(scenario, overrides)[0]


def simulate(
    scenario: ScenarioLike = None,
    seed: int | None = None,
    *,
    overrides: Overrides = None,
    seasons: int = 1,
    base_dir: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Run one season (or ``seasons`` consecutive winters) with bots in every seat.

    ``seed`` None takes the scenario's own. ``base_dir`` is where a relative ``town.file``
    is found (default: the scenario file's folder, or the working directory for a
    Scenario object). ``progress(hours done, hours)`` is called every simulated day.
    """
    from sim.seasons import run_seasons

    loaded, folder = _loaded(scenario, overrides)
    if seasons < 1:
        raise ValueError(f"seasons must be >= 1, got {seasons}")
    start = loaded.seed if seed is None else _seed(seed)
    where = Path(base_dir) if base_dir is not None else folder
    return run_seasons(loaded, start, seasons, base_dir=where, progress=progress)


def simulate_seeds(
    scenario: ScenarioLike = None,
    seeds: Iterable[int] = range(1, 6),
    *,
    overrides: Overrides = None,
    seasons: int = 1,
    base_dir: str | Path | None = None,
) -> list[RunResult]:
    """One run per seed on the same settings, in order; each seed draws its own winter,
    town and everything else random. ``summarise`` gives the mean and interval."""
    from sim.mesa_compat import forget_finished_models

    loaded, folder = _loaded(scenario, overrides)
    forget_finished_models()  # many models in one process (see sim.mesa_compat)
    where = base_dir if base_dir is not None else folder
    return [simulate(loaded, seed, seasons=seasons, base_dir=where) for seed in seeds]


def summarise(results: Sequence[RunResult]) -> dict[str, dict[str, float]]:
    """Per KPI over the runs: ``mean``, ``ci95_low``, ``ci95_high`` (the 95% t-interval of
    the mean; NaN for one run) and ``n``, as ``regie run --seeds`` reports them."""
    from sim.run import aggregate

    if not results:
        raise ValueError("summarise needs at least one result")
    return aggregate(results)


def kpi_info() -> dict[str, KpiInfo]:
    """Every named KPI and daily series by key, with its Dutch and English name and unit."""
    from sim import words

    return {
        key: KpiInfo(key, name.unit, name.nl, name.en)
        for key, name in words.catalogue().kpi.items()
    }


def kpi_frame(results: Sequence[RunResult]) -> pd.DataFrame:
    """A DataFrame with one row per run (index: seed) and one column per KPI."""
    import pandas as pd

    frame = pd.DataFrame([r.kpis for r in results], index=[r.seed for r in results])
    frame.index.name = "seed"
    return frame


def daily_frame(results: Sequence[RunResult]) -> pd.DataFrame:
    """The daily series of every run in one long DataFrame: a ``seed`` column, then one row
    per day and run (``RunResult.daily`` is one run's)."""
    import pandas as pd

    return (
        pd.concat([r.daily.assign(seed=r.seed) for r in results], ignore_index=True)[
            ["seed", *results[0].series]
        ]
        if results
        else pd.DataFrame()
    )


def _loaded(scenario: ScenarioLike, overrides: Overrides) -> tuple[Scenario, Path | None]:
    """(validated scenario, folder its relative paths start from) for any ScenarioLike."""
    from sim.scenario.loader import (
        load_scenario,
        override_scenario,
        resolve_scenario,
        scenario_base_dir,
    )

    given = _plain(overrides)
    try:
        if isinstance(scenario, Scenario):
            return (override_scenario(scenario, given) if given else scenario), None
        if not isinstance(scenario, str | Path | None):
            raise TypeError(
                "scenario must be a Scenario, a shipped name, a path or None, "
                f"not {type(scenario).__name__}"
            )
        path = resolve_scenario(None if scenario is None else str(scenario))
        return load_scenario(path, given), scenario_base_dir(path)
    except InputFileError as exc:
        raise ScenarioError(exc.problems) from None


def _plain(overrides: Overrides) -> Mapping[str, object] | Sequence[str]:
    """Overrides with numpy scalars made plain Python values (a toolkit such as EMA
    Workbench hands numpy values; validation is strict about types)."""
    if overrides is None:
        return {}
    if isinstance(overrides, str):
        raise TypeError("overrides must be a mapping or a list of 'key=value' texts, not one text")
    if isinstance(overrides, Mapping):
        return {key: _python(value) for key, value in overrides.items()}
    return list(overrides)


def _python(value: object) -> object:
    item = getattr(value, "item", None)  # numpy scalar -> int, float, bool or str
    if type(value).__module__ == "numpy" and callable(item):
        return item()
    return value


def _seed(seed: object) -> int:
    seed = _python(seed)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a whole number >= 0, got {seed!r}")
    return seed
