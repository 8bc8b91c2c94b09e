"""A validated experiment as a plan: its factors, design points, run seeds and run tasks."""

from __future__ import annotations

import hashlib
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sim.sweep.run_ids import canonical_json, run_id_of
from sim.sweep.schema import Distribution, Experiment

RESERVED_COLUMNS: tuple[str, ...] = (
    "run_id", "point", "replication", "seed", "run_time_s", "run_cpu_s", "scenario_hash",
    "weather_digest", "worker",
)
"""Columns every result row has besides factors and KPIs."""


@dataclass(frozen=True)
class Level:
    """One value of a categorical factor: its column value and the overrides it sets."""

    column: Any
    overrides: dict[str, Any]


@dataclass
class FactorPlan:
    """A validated factor, ready to generate design points."""

    name: str
    index: int  # position in the experiment file's factor list
    keys: tuple[str, ...]
    levels: list[Level] | None = None  # categorical factors
    distribution: Distribution | None = None  # continuous factors
    as_int: bool = False
    dtype: str = "float"  # bool | int | float | str
    unit: str = ""
    description: str = ""

    @property
    def kind(self) -> str:
        """'categorical' or 'continuous'."""
        return "categorical" if self.levels is not None else "continuous"

    def describe(self) -> dict[str, Any]:
        """JSON-ready description (for sweep.json and the analysis)."""
        out: dict[str, Any] = {"name": self.name, "keys": list(self.keys), "kind": self.kind,
                               "dtype": self.dtype, "unit": self.unit}
        if self.levels is not None:
            out["levels"] = [lv.column for lv in self.levels]
        else:
            out["distribution"] = self.distribution.model_dump(exclude_none=True)
            out["integer"] = self.as_int
        return out


@dataclass(frozen=True)
class Point:
    """One design point: the column values and the scenario overrides they stand for."""

    index: int
    columns: dict[str, Any]
    overrides: dict[str, Any]


@dataclass
class SweepPlan:
    """A loaded, validated experiment: everything needed to run or resume it."""

    experiment: Experiment
    path: Path
    text: str
    base_path: Path
    base_dir: Path
    base_data: dict[str, Any]
    base_hash: str
    factors: list[FactorPlan]
    _unit: np.ndarray | None = field(default=None, repr=False)
    _columns: list | None = field(default=None, repr=False)

    # --- sizes --------------------------------------------------------------------------
    @property
    def n_points(self) -> int:
        """Design points (before replication)."""
        exp = self.experiment
        if exp.design == "grid":
            return math.prod(len(f.levels) for f in self.factors)
        return len(self.unit_sample())

    @property
    def n_runs(self) -> int:
        """Planned runs: design points x replications (duplicates counted)."""
        return self.n_points * self.experiment.replications

    # --- seeds ----------------------------------------------------------------------------
    def seeds(self) -> list[int]:
        """Run seed of each replication: ``SeedSequence(seed)`` spawned per replication.

        Every design point uses the same seeds (common random numbers), so differences
        between points are not blurred by different winters. Child ``r`` of the master
        sequence is ``SeedSequence(seed, spawn_key=(r,))``; adding replications later
        keeps the earlier seeds.
        """
        master = self.experiment.seed
        return [int(np.random.SeedSequence(master, spawn_key=(r,)).generate_state(1)[0])
                for r in range(self.experiment.replications)]

    # --- design -------------------------------------------------------------------------
    def unit_sample(self) -> np.ndarray:
        """lhs/sobol: the design in the unit cube (rows = points, columns = factors)."""
        if self._unit is None:
            exp = self.experiment
            d = len(self.factors)
            # The design draws from the master sequence's own state; the replication seeds
            # are its spawned children, so the two never share a stream.
            state = np.random.SeedSequence(exp.seed).generate_state(2)
            rng_seed = int(state[0]) << 32 | int(state[1])
            if exp.design == "lhs":
                from scipy.stats import qmc

                sample = qmc.LatinHypercube(d=d, rng=np.random.default_rng(rng_seed)).random(
                    exp.samples)
            else:
                sample = _sobol_sample(d, exp.samples, exp.second_order, rng_seed % 2**32)
            self._unit = np.asarray(sample, dtype=float)
        return self._unit

    def salib_problem(self) -> dict[str, Any]:
        """The SALib problem of a sobol design (unit bounds; values are mapped after)."""
        return {"num_vars": len(self.factors), "names": [f.name for f in self.factors],
                "bounds": [[0.0, 1.0]] * len(self.factors)}

    def points(self) -> Iterator[Point]:
        """Every design point in order (lazily for grids)."""
        if self.experiment.design == "grid":
            for i, combo in enumerate(itertools.product(*(f.levels for f in self.factors))):
                columns = {f.name: lv.column for f, lv in zip(self.factors, combo, strict=True)}
                overrides: dict[str, Any] = {}
                for lv in combo:
                    overrides.update(lv.overrides)
                yield Point(i, columns, overrides)
            return
        columns_of = self._sampled_columns()
        for i in range(len(self.unit_sample())):
            columns, overrides = {}, {}
            for f, (values, is_index) in zip(self.factors, columns_of, strict=True):
                if is_index:
                    level = f.levels[int(values[i])]
                    columns[f.name] = level.column
                    overrides.update(level.overrides)
                else:
                    value = int(values[i]) if f.as_int else float(values[i])
                    columns[f.name] = value
                    overrides[f.keys[0]] = value
            yield Point(i, columns, overrides)

    def _sampled_columns(self) -> list[tuple[np.ndarray, bool]]:
        """Per factor: level indices (categorical) or values (continuous), for all points."""
        if self._columns is None:
            unit = self.unit_sample()
            out = []
            for j, f in enumerate(self.factors):
                u = unit[:, j]
                if f.levels is not None:
                    k = len(f.levels)
                    out.append((np.minimum((u * k).astype(int), k - 1), True))
                else:
                    x = f.distribution.ppf(np.clip(u, 1e-12, 1.0 - 1e-12))
                    out.append((np.rint(x).astype(np.int64) if f.as_int else x, False))
            self._columns = out
        return self._columns

    def tasks(self, skip: set[str] | frozenset[str] = frozenset()) -> Iterator[dict[str, Any]]:
        """Run tasks, replication by replication, without duplicates or ``skip``-ped ids.

        Replication-major order means an interrupted sweep holds whole designs with
        fewer replications, which can already be analysed.
        """
        exp = self.experiment
        seen: set[str] = set()
        dedupe = exp.design != "grid"  # lhs/sobol points can coincide after rounding
        for replication, seed in enumerate(self.seeds()):
            for point in self.points():
                run_id = run_id_of(point.overrides, seed)
                if run_id in skip:
                    continue
                if dedupe:
                    if run_id in seen:
                        continue
                    seen.add(run_id)
                yield {
                    "run_id": run_id, "point": point.index, "replication": replication,
                    "seed": seed, "columns": point.columns, "overrides": point.overrides,
                    "base": self.base_data, "base_dir": str(self.base_dir),
                    "seasons": exp.seasons,
                    "kpis": None if exp.kpis == "all" else list(exp.kpis),
                }

    def design_rows(self) -> Iterator[dict[str, Any]]:
        """One row per planned run (duplicates included): the design table."""
        for replication, seed in enumerate(self.seeds()):
            for point in self.points():
                yield {"point": point.index, "replication": replication, "seed": seed,
                       "run_id": run_id_of(point.overrides, seed), **point.columns}

    def fingerprint(self) -> str:
        """What fixes the content of a run besides its factor values and seed.

        Two plans with equal fingerprints may share a results directory: adding
        replications or factor values keeps every finished run valid.
        """
        kpis = "all" if self.experiment.kpis == "all" else sorted(self.experiment.kpis)
        text = canonical_json({"base": self.base_hash, "seasons": self.experiment.seasons,
                               "kpis": kpis})
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _sobol_sample(d: int, n: int, second_order: bool, seed: int) -> np.ndarray:
    import warnings

    from SALib.sample import sobol

    problem = {"num_vars": d, "names": [f"x{i}" for i in range(d)], "bounds": [[0.0, 1.0]] * d}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sobol.sample(problem, n, calc_second_order=second_order, scramble=True, seed=seed)

