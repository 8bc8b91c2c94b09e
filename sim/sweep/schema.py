"""The experiment file's schema: factors (values, levels, ranges, distributions) and the
design, validated for structure before any scenario is built (see `sim.sweep.experiment`)."""

from __future__ import annotations

import difflib
import math
import re
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sim.families import all_kpi_names
from sim.sweep.run_ids import canonical_json

KPI_NAMES = all_kpi_names()  # every family's

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

