"""Experiment files: the schema, and loading one into a validated :class:`SweepPlan`.

An experiment names a base scenario, fixed overrides (``set``), factors that address
scenario keys by dotted path, a design (``grid``, ``lhs`` or ``sobol``), replications
and the KPIs to keep. Loading happens in two phases, both ending in
``FILE:LINE: key: message`` problems (:class:`~sim.inputfile.InputFileError`), never a
traceback:

1. structure: :func:`~sim.inputfile.load_yaml_model` validates the file against
   :class:`Experiment` (types, bounds, unknown keys, design rules);
2. meaning: every factor level (and every design point) is turned into a scenario through
   the same override mechanism as ``regie run --set``, and each problem is reported at
   the experiment file's line of the offending value.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import hashlib
import itertools
import json
import math
import re
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from sim.inputfile import (
    InputFileError,
    Problem,
    _unwrap,
    apply_overrides,
    load_yaml_model,
    load_yaml_text,
)
from sim.kpi import KPI_NAMES

__all__ = [
    "RESERVED_COLUMNS",
    "Experiment",
    "FactorPlan",
    "Level",
    "Point",
    "SweepPlan",
    "canonical_json",
    "load_experiment",
    "run_id_of",
]

RESERVED_COLUMNS: tuple[str, ...] = (
    "run_id", "point", "replication", "seed", "run_time_s", "run_cpu_s", "scenario_hash",
    "weather_digest", "worker",
)
"""Columns every result row has besides factors and KPIs."""

MAX_RUNS = 10_000_000
"""Most runs (design points x replications) one experiment may plan."""
MAX_CHECKED = 100_000
"""Design points validated as whole scenarios when the experiment is loaded."""

_NAME = r"^[a-z][a-z0-9_]{0,39}$"
_DOTTED = r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$"
DottedKey = Annotated[str, Field(pattern=_DOTTED, max_length=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Range(_Strict):
    """A numeric interval in the unit of the scenario key.

    Grid designs take ``num`` evenly spaced values from ``low`` to ``high`` (both
    included); lhs and sobol designs draw uniformly from [low, high] and need no ``num``.
    """

    low: float
    high: float
    num: int | None = Field(None, ge=2, le=1000, description="Grid values [count].")

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.high <= self.low:
            raise ValueError(f"high ({self.high:g}) must be greater than low ({self.low:g})")
        return self


class Distribution(_Strict):
    """A probability distribution for lhs/sobol designs, in the unit of the scenario key.

    ``uniform``/``loguniform``: low, high; ``triangular``: low, mode, high;
    ``normal``: mean, sd; ``truncnormal``: mean, sd, low, high.
    """

    type: Literal["uniform", "loguniform", "triangular", "normal", "truncnormal"]
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    mean: float | None = None
    sd: float | None = Field(None, gt=0.0)

    @model_validator(mode="after")
    def _parameters(self) -> Distribution:
        needs = {
            "uniform": ("low", "high"), "loguniform": ("low", "high"),
            "triangular": ("low", "mode", "high"), "normal": ("mean", "sd"),
            "truncnormal": ("mean", "sd", "low", "high"),
        }[self.type]
        given = {k for k in ("low", "high", "mode", "mean", "sd") if getattr(self, k) is not None}
        missing = [k for k in needs if k not in given]
        extra = sorted(given - set(needs))
        if missing or extra:
            parts = []
            if missing:
                parts.append("needs " + ", ".join(missing))
            if extra:
                parts.append("does not use " + ", ".join(extra))
            raise ValueError(f"a {self.type} distribution {' and '.join(parts)}"
                             f" (it takes {', '.join(needs)})")
        if self.low is not None and self.high is not None and self.high <= self.low:
            raise ValueError(f"high ({self.high:g}) must be greater than low ({self.low:g})")
        if self.type == "loguniform" and self.low is not None and self.low <= 0:
            raise ValueError("a loguniform distribution needs low > 0")
        if self.type == "triangular" and not (self.low <= self.mode <= self.high):
            raise ValueError("a triangular distribution needs low <= mode <= high")
        return self

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Values at probabilities ``u`` (inverse CDF), for unit-cube samples."""
        from scipy import stats

        if self.type == "uniform":
            return self.low + u * (self.high - self.low)
        if self.type == "loguniform":
            return np.exp(math.log(self.low) + u * (math.log(self.high) - math.log(self.low)))
        if self.type == "triangular":
            c = (self.mode - self.low) / (self.high - self.low)
            return stats.triang.ppf(u, c, loc=self.low, scale=self.high - self.low)
        if self.type == "normal":
            return stats.norm.ppf(u, loc=self.mean, scale=self.sd)
        a, b = (self.low - self.mean) / self.sd, (self.high - self.mean) / self.sd
        return stats.truncnorm.ppf(u, a, b, loc=self.mean, scale=self.sd)


class Factor(_Strict):
    """One factor: a scenario key and its values, or named levels that set several keys.

    Exactly one of ``values``, ``range``, ``distribution`` (each with ``key``) or
    ``levels`` (without ``key``) is given. Values are in the unit of the scenario key
    (see ``sim/scenario/schema.py`` or ``regie sweep EXPERIMENT --dry-run``).
    """

    name: str | None = Field(
        None, pattern=_NAME,
        description="Column name in the results; default: the last part of key.")
    key: DottedKey | None = Field(None, description="Dotted scenario key, e.g. contract.sourcing.")
    values: list[Any] | None = Field(None, min_length=1, max_length=10_000)
    labels: list[Annotated[str, Field(min_length=1, max_length=60)]] | None = Field(
        None, description="Names shown for the values (same length as values).")
    levels: dict[str, dict[DottedKey, Any]] | None = Field(
        None, min_length=1, max_length=1000,
        description="label -> {dotted.key: value, ...}: named bundles of settings.")
    range: Range | None = None
    distribution: Distribution | None = None
    description: str = Field("", max_length=1000)

    @model_validator(mode="after")
    def _one_kind(self) -> Factor:
        kinds = [k for k in ("values", "levels", "range", "distribution")
                 if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("give exactly one of values, levels, range or distribution"
                             + (f" (got {' and '.join(kinds)})" if kinds else ""))
        if kinds[0] == "levels":
            if self.key is not None:
                raise ValueError("levels set their own keys; leave out key")
            if self.name is None:
                raise ValueError("a factor with levels needs a name")
            for label, settings in self.levels.items():
                if not 1 <= len(label) <= 60 or not label.isprintable():
                    raise ValueError(f"level label {label!r} must be 1-60 printable characters")
                if not settings:
                    raise ValueError(f"level {label!r} sets no keys")
        elif self.key is None:
            raise ValueError(f"a factor with {kinds[0]} needs a key (a dotted scenario key)")
        if self.labels is not None:
            if self.values is None:
                raise ValueError("labels go with values")
            if len(self.labels) != len(self.values):
                raise ValueError(f"{len(self.labels)} labels for {len(self.values)} values")
            if len(set(self.labels)) != len(self.labels):
                raise ValueError("labels must be different from each other")
        if self.values is not None:
            seen: dict[str, int] = {}
            for i, v in enumerate(self.values):
                text = canonical_json(v)
                if text in seen:
                    raise ValueError(f"value {i} repeats value {seen[text]} ({text})")
                seen[text] = i
        return self

    @property
    def column(self) -> str:
        """The factor's column name in design and result tables."""
        if self.name is not None:
            return self.name
        return re.sub(r"[^a-z0-9_]", "_", self.key.rsplit(".", 1)[-1].lower())[:40]


class Experiment(_Strict):
    """An experiment file: which runs to do and what to keep of them."""

    schema_version: Literal[1] = 1
    title: str = Field("", max_length=200)
    description: str = Field("", max_length=4000)
    scenario: str | None = Field(
        None, max_length=500,
        description="Base scenario: a path (relative to this file) or a shipped name;"
        " none = the default scenario.")
    set: dict[DottedKey, Any] = Field(
        default_factory=dict, description="Fixed overrides of the base scenario.")
    design: Literal["grid", "lhs", "sobol"] = "grid"
    samples: int | None = Field(
        None, ge=1, le=1_000_000,
        description="lhs: design points [count]; sobol: base sample N (a power of two) [count].")
    second_order: bool = Field(False, description="sobol: also estimate S2 (costs N*D more runs).")
    replications: int = Field(1, ge=1, le=100_000, description="Runs per design point [runs].")
    seed: int = Field(0, ge=0, le=2**63 - 1, description="Master seed of the whole experiment.")
    seasons: int = Field(1, ge=1, le=50, description="Consecutive winters per run [seasons].")
    kpis: list[str] | Literal["all"] = Field(
        "all", description="KPIs kept per run (names from sim/kpi.py), or all.")
    factors: list[Factor]

    @field_validator("samples")
    @classmethod
    def _samples(cls, v: int | None, info: Any) -> int | None:
        design = info.data.get("design")
        if design == "grid" and v is not None:
            raise ValueError("a grid design takes no samples (its size is the product of"
                             " the factors' values)")
        if design == "sobol" and v is not None and v & (v - 1):
            lower = 1 << (v.bit_length() - 1)
            raise ValueError(f"a sobol design needs samples to be a power of two"
                             f" (Saltelli/Sobol' balance), e.g. {lower} or {lower * 2}, not {v}")
        return v

    @field_validator("kpis")
    @classmethod
    def _kpis(cls, v: list[str] | str) -> list[str] | str:
        if isinstance(v, str):
            return v
        if not v:
            raise ValueError("list at least one KPI, or write kpis: all")
        for name in v:
            if name not in KPI_NAMES:
                close = difflib.get_close_matches(name, KPI_NAMES, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else (
                    "; known: " + ", ".join(KPI_NAMES))
                raise ValueError(f"unknown KPI {name!r}{hint}")
        if len(set(v)) != len(v):
            raise ValueError("a KPI is listed twice")
        return v

    @field_validator("factors")
    @classmethod
    def _factors(cls, v: list[Factor]) -> list[Factor]:
        if not v:
            raise ValueError("an experiment needs at least one factor")
        return v

    @model_validator(mode="after")
    def _design(self) -> Experiment:
        if self.design != "grid" and self.samples is None:
            raise ValueError(f"a {self.design} design needs samples")
        return self


# --------------------------------------------------------------------------- the plan


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


# --------------------------------------------------------------------------- run ids


def canonical_json(value: Any) -> str:
    """Stable JSON text of a value: sorted keys, no spaces, exact floats, ISO dates."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot hash a {type(value).__name__}")


def run_id_of(overrides: Mapping[str, Any], seed: int) -> str:
    """Run id: the first 16 hex digits of SHA-256 over the factor values and the seed.

    Equal in every process and on every machine, so ``--resume`` can skip finished runs.
    """
    text = canonical_json({"factors": dict(overrides), "seed": int(seed)})
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- loading


def load_experiment(path: str | Path) -> SweepPlan:
    """Read, validate and plan the experiment file at ``path``.

    Raises :class:`~sim.inputfile.InputFileError` with ``FILE:LINE`` problems.
    """
    from sim.scenario.loader import resolve_scenario, scenario_base_dir, scenario_hash
    from sim.scenario.schema import Scenario

    path = Path(path)
    exp = load_yaml_model(path, Experiment)
    source = str(path)
    text = path.read_text(encoding="utf-8-sig")
    lines = _LineMap(text)

    def problem(loc: tuple, message: str) -> Problem:
        return Problem(source, lines.line(loc), ".".join(str(p) for p in loc), message)

    # Base scenario: relative to the experiment file first, then as `regie run` finds it.
    name = exp.scenario
    base_path: Path | None = None
    if name is not None and not Path(name).is_absolute():
        near = path.absolute().parent / name
        for candidate in (near, near.with_name(near.name + ".yaml")):
            if candidate.is_file():
                base_path = candidate
                break
    if base_path is None:
        try:
            base_path = resolve_scenario(name)
        except InputFileError as err:
            problems = [problem(("scenario",), p.message) for p in err.problems]
            raise InputFileError(problems) from None
    base_bytes = base_path.read_bytes()

    problems = [problem(("set", key), "the run seed comes from the experiment's seed and"
                        " replications; it cannot be set") for key in exp.set if key == "seed"]
    if problems:
        raise InputFileError(problems)
    try:
        base = load_yaml_text(base_bytes, str(base_path), Scenario, overrides=exp.set, strict=True)
    except InputFileError as err:
        raise InputFileError(_remap(err.problems, str(base_path), exp.set,
                                    lambda key: problem(("set", key), ""))) from None
    base_data = base.model_dump()
    checker = _Checker(base_data, base_bytes, str(base_path), exp.set)

    factors: list[FactorPlan] = []
    taken: dict[str, tuple] = {key: ("set", key) for key in exp.set}
    names: dict[str, int] = {}
    for i, factor in enumerate(exp.factors):
        loc = ("factors", i)
        plan, factor_problems = _plan_factor(i, factor, exp, checker, lambda sub, msg, _loc=loc:
                                             problem((*_loc, *sub), msg))
        problems.extend(factor_problems)
        if plan is None:
            continue
        if plan.name in names:
            problems.append(problem((*loc, "name"), f"factor name {plan.name!r} is used by"
                                    f" factor {names[plan.name]} too; give each a different name"))
        elif plan.name in RESERVED_COLUMNS or plan.name in KPI_NAMES or plan.name.startswith(
                "season_"):
            problems.append(problem((*loc, "name"), f"{plan.name!r} is a result column name;"
                                    " choose another name"))
        names.setdefault(plan.name, i)
        for key in plan.keys:
            clash = next((k for k in taken if _overlaps(k, key)), None)
            if clash is not None:
                owner = taken[clash]
                where = "under set:" if owner[0] == "set" else f"by factor {owner[1]}"
                problems.append(problem(loc, f"key {key} is also set {where} ({clash});"
                                        " each key may be set in one place only"))
            else:
                taken[key] = ("factor", i)
        factors.append(plan)
    if problems:
        raise InputFileError(problems)

    plan = SweepPlan(experiment=exp, path=path, text=text, base_path=base_path,
                     base_dir=scenario_base_dir(base_path), base_data=base_data,
                     base_hash=scenario_hash(base), factors=factors)
    if plan.n_runs > MAX_RUNS:
        raise InputFileError([problem(("replications",), f"{plan.n_points:,} design points x"
                                      f" {exp.replications:,} replications = {plan.n_runs:,}"
                                      f" runs, more than {MAX_RUNS:,}")])
    # Every combination must make a valid scenario too (cross-key rules such as mode shares
    # summing to one or stock within capacity); points are cheap to check (~0.1 ms). Beyond
    # MAX_CHECKED points a bad one is caught by its run (recorded in failures.jsonl).
    for point in itertools.islice(plan.points(), MAX_CHECKED):
        bad = checker.check(point.overrides)
        if bad is not None:
            shown = ", ".join(f"{k}={_short(v)}" for k, v in point.columns.items())
            out = []
            for message in bad:
                key = message.split(":", 1)[0]
                where = next((f for f in factors if any(_overlaps(k, key) for k in f.keys)),
                             factors[0])
                out.append(problem(("factors", where.index),
                                   f"design point {point.index} ({shown}): {message}"))
            raise InputFileError(out)
    return plan


def _plan_factor(i: int, factor: Factor, exp: Experiment, checker: _Checker,
                 problem: typing.Callable[[tuple, str], Problem],
                 ) -> tuple[FactorPlan | None, list[Problem]]:
    from sim.scenario.schema import Scenario

    problems: list[Problem] = []
    grid = exp.design == "grid"
    keys: tuple[str, ...]
    if factor.levels is not None:
        keys = tuple(dict.fromkeys(k for s in factor.levels.values() for k in s))
        levels = []
        for label, settings in factor.levels.items():
            bad = checker.check(settings)
            for message in bad or ():
                at = next((k for k in settings if _overlaps(k, message.split(":", 1)[0])), None)
                problems.append(problem(("levels", label, *([at] if at else [])), message))
            levels.append(Level(label, dict(settings)))
        plan = FactorPlan(factor.column, i, keys, levels=levels, dtype="str",
                          description=factor.description)
        return (None if problems else plan), problems

    key = factor.key
    keys = (key,)
    if key == "seed":
        return None, [problem(("key",), "the run seed comes from the experiment's seed and"
                              " replications; it cannot be a factor")]
    annotation, info = _field_at(Scenario, key.split("."))
    if annotation is None:
        # Not a scenario key: let the override mechanism say why (unknown key, did you mean).
        probe = factor.values[0] if factor.values is not None else 0.0
        bad = checker.check({key: probe}) or [f"{key} is not a scenario key"]
        return None, [problem(("key",), m) for m in bad]
    unit = _unit(info.description if info is not None else "")
    if factor.values is not None:
        levels = []
        for j, value in enumerate(factor.values):
            bad = checker.check({key: value})
            for message in bad or ():
                problems.append(problem(("values", j), message))
            column = factor.labels[j] if factor.labels else _column_value(value)
            levels.append(Level(column, {key: value}))
        plan = FactorPlan(factor.column, i, keys, levels=levels,
                          dtype=_dtype([lv.column for lv in levels]), unit=unit,
                          description=factor.description)
        return (None if problems else plan), problems

    # range or distribution: numeric keys only
    base_type = _unwrap(annotation)
    sub = "range" if factor.range is not None else "distribution"
    if base_type not in (int, float):
        return None, [problem((sub,), f"{key} is not a number; give a list of values instead")]
    as_int = base_type is int
    if factor.range is not None:
        r = factor.range
        if grid:
            if r.num is None:
                return None, [problem(("range",), "a grid design needs range.num (how many"
                                      " evenly spaced values from low to high)")]
            raw = np.linspace(r.low, r.high, r.num)
            values = [int(round(x)) for x in raw] if as_int else [float(x) for x in raw]
            if as_int and len(set(values)) < len(values):
                return None, [problem(("range",), f"{key} is a whole number; range gives"
                                      f" repeated values {values}")]
            levels = []
            for value in values:
                bad = checker.check({key: value})
                for message in bad or ():
                    problems.append(problem(("range",), f"value {value}: {message}"))
                levels.append(Level(value, {key: value}))
            return (None if problems else FactorPlan(
                factor.column, i, keys, levels=levels, dtype="int" if as_int else "float",
                unit=unit, description=factor.description)), problems
        if r.num is not None:
            return None, [problem(("range", "num"), f"num is only used by grid designs;"
                                  f" a {exp.design} design draws from [low, high]")]
        dist = Distribution(type="uniform", low=r.low, high=r.high)
    else:
        if grid:
            return None, [problem(("distribution",), "a grid design takes values or a range"
                                  " with num; distributions need design lhs or sobol")]
        dist = factor.distribution
    for u in (1e-6, 0.5, 1 - 1e-6):
        value = float(dist.ppf(np.array([u]))[0])
        value = int(round(value)) if as_int else value
        bad = checker.check({key: value})
        if bad:
            hint = " (use truncnormal to bound a normal distribution)" if dist.type == "normal" \
                else ""
            return None, [problem((sub,), f"value {_short(value)}: {m}{hint}") for m in bad]
    return FactorPlan(factor.column, i, keys, distribution=dist, as_int=as_int,
                      dtype="int" if as_int else "float", unit=unit,
                      description=factor.description), []


class _Checker:
    """Builds a scenario from the base plus overrides, exactly as ``--set`` would."""

    def __init__(self, base_data: dict, base_bytes: bytes, base_source: str,
                 fixed: Mapping[str, Any]) -> None:
        from sim.scenario.schema import Scenario

        self.scenario_cls = Scenario
        self.base_data = base_data
        self.base_bytes = base_bytes
        self.base_source = base_source
        self.fixed = dict(fixed)

    def check(self, overrides: Mapping[str, Any]) -> list[str] | None:
        """None if valid; else one message per problem (``key: message``)."""
        data = copy.deepcopy(self.base_data)
        if not apply_overrides(data, overrides):
            try:
                self.scenario_cls.model_validate(data, strict=True)
                return None
            except ValidationError:
                pass
        # Slow path, for the messages: the scenario file with --set-style overrides.
        try:
            load_yaml_text(self.base_bytes, self.base_source, self.scenario_cls,
                           overrides={**self.fixed, **overrides}, strict=True)
        except InputFileError as err:
            return [_strip_set(f"{p.key}: {p.message}" if p.key else p.message)
                    for p in err.problems]
        return ["not a valid scenario"]  # pragma: no cover (fast and slow path disagree)


def _remap(problems: list[Problem], base_source: str, overrides: Mapping[str, Any],
           where: typing.Callable[[str], Problem]) -> list[Problem]:
    """Point problems caused by overrides at the experiment file's lines."""
    out = []
    for p in problems:
        key = next((k for k in overrides if _overlaps(k, p.key)), None)
        if key is None and "--set " in p.message:
            named = p.message.rsplit("--set ", 1)[1].rstrip(")").split(", ")[0]
            key = named if named in overrides else None
        if key is None:
            out.append(p)  # a problem of the base scenario file itself
            continue
        at = where(key)
        message = _strip_set(f"{p.key}: {p.message}" if p.key else p.message)
        out.append(Problem(at.file, at.line, at.key, message))
    return out


def _strip_set(message: str) -> str:
    return re.sub(r" \(with --set [^)]*\)$", "", message)


def _overlaps(a: str, b: str) -> bool:
    """Whether dotted keys a and b address the same value or one contains the other."""
    return a == b or b.startswith(a + ".") or a.startswith(b + ".")


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    text = canonical_json(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "..."


def _column_value(value: Any) -> Any:
    """A factor value as a table cell: scalars as they are, anything else as JSON text."""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return canonical_json(value)


def _dtype(values: list[Any]) -> str:
    if all(isinstance(v, bool) for v in values):
        return "bool"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "float"
    return "str"


def _field_at(model: type[BaseModel], parts: list[str]) -> tuple[Any, Any]:
    """(annotation, FieldInfo) of the scenario field at a dotted path; (None, None) if none."""
    current: Any = model
    info = None
    for part in parts:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return None, None
            current = info.annotation
        elif typing.get_origin(current) is list and part.isdecimal():
            current = typing.get_args(current)[0]
            info = None
        else:
            return None, None
    return current, info


def _unit(description: str) -> str:
    """The unit in brackets at the end of a schema field description, e.g. 'EUR/t'."""
    found = re.findall(r"\[([^\]]+)\]", description or "")
    return found[-1] if found else ""


class _LineMap:
    """Line (1-based) of a location in a YAML text: the key's line for mapping values."""

    def __init__(self, text: str) -> None:
        try:
            self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:  # pragma: no cover (the file was validated before)
            self.root = None

    def line(self, loc: tuple) -> int:
        node, line = self.root, 1
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
                if pair is None:
                    return line
                line, node = pair[0].start_mark.line + 1, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                    and part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line
