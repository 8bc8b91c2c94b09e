"""The competence rubric: schema, loading (FILE:LINE errors) and scoring.

A rubric (scenarios/rubrics/regie.yaml) lists competences per role. Each has a
description, the seed passage it comes from, indicators (a metric from
:mod:`debrief.indicators` with parameters), thresholds for levels 1 to 4 and feedback per
level in Dutch and English. Trainers edit the file; `load_rubric` validates it with the
same error quality as scenarios (``FILE:LINE: key: message``, exit code 2 in the CLI).

Scoring. An indicator's value maps onto a score from 1.0 to 4.0: the three thresholds are
the boundaries between levels 1|2, 2|3 and 3|4 (ascending when higher is better,
descending when lower is better) and sit at scores 1.5, 2.5 and 3.5, with linear
interpolation between them and half a level's width beyond the outer ones. The
indicator's level is its score rounded (1.5 and up is level 2, ...). A competence's score
is the weighted mean of the scores of the indicators that could be measured; its level is
that score rounded. No measurable indicator: "not observed". An indicator with no
occasion (n = 0), or a session too short to judge it, is not scored (debrief.feedback).
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from debrief import indicators as ind
from debrief.feedback import SCORED, judge
from debrief.indicator_params import KpiParams, SeriesParams
from sim.actions import ALLOWED_ROLES, ROLES
from sim.kpi import KPI_NAMES

ROLE_NAMES = Literal["regisseur", "executor", "wethouder"]
_ID = r"^[a-z][a-z0-9_]{0,60}$"
DEFAULT_RUBRIC_NAME = "regie.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Text(_Strict):
    """A text in Dutch and English."""

    nl: str = Field(min_length=1, max_length=4000)
    en: str = Field(min_length=1, max_length=4000)

    def get(self, lang: str) -> str:
        """The text in a language ('nl' or 'en')."""
        return self.en if lang == "en" else self.nl


class SeedRef(_Strict):
    """Where in the seed texts (../shared/seeds/NNN_*.txt) a competence comes from."""

    file: str = Field(pattern=r"^\d{3}$", description="Seed number, e.g. '003'.")
    passage: str = Field(min_length=10, max_length=600,
                         description="The passage, quoted as it stands in the seed text.")
    where: Text | None = None


class Levels(_Strict):
    """Names of the four levels."""

    level1: Text
    level2: Text
    level3: Text
    level4: Text

    def get(self, level: int) -> Text:
        """The name of level 1..4."""
        return getattr(self, f"level{level}")


Feedback = Levels


KNOWN_KPIS = frozenset(KPI_NAMES)  # a rubric may use any KPI the summary gives



def known_metric(name: str, metrics: dict) -> str:
    """The metric's name if `metrics` has it; else a ValueError naming the closest."""
    if name not in metrics:
        close = difflib.get_close_matches(name, list(metrics), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else (
            f"; metrics: {', '.join(sorted(metrics))}")
        raise ValueError(f"unknown metric {name!r}{hint}")
    return name


def fitted_params(params: dict, metric: str, metrics: dict) -> BaseModel:
    """The metric's parameters, validated by its parameter model; a ValueError names the
    first problem (an unknown parameter with the ones allowed)."""
    model = metrics[metric].params
    try:
        return model.model_validate(params, strict=False)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        msg = first["msg"]
        if first["type"] == "extra_forbidden":
            msg = f"unknown parameter for {metric} (allowed: {', '.join(model.model_fields)})"
        raise ValueError(f"{where}: {msg}" if where else msg) from None


class Indicator(_Strict):
    """One observable indicator: a metric, its parameters, direction and thresholds."""

    id: str = Field(pattern=_ID)
    name: Text
    metric: str
    params: dict = Field(default_factory=dict)
    better: Literal["higher", "lower"]
    thresholds: list[float] = Field(min_length=3, max_length=3, description=(
        "Boundaries between levels 1|2, 2|3, 3|4, in the direction of `better`."))
    weight: float = Field(1.0, gt=0.0, le=100.0)
    unit: str = Field("", max_length=20)
    scale: float = Field(1.0, gt=0.0, description="Display factor (0..1 shares as %: 100).")

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, v: str) -> str:
        return known_metric(v, ind.METRICS)

    @field_validator("params")
    @classmethod
    def _params_fit(cls, v: dict, info) -> dict:
        metric = info.data.get("metric")
        if metric is None:
            return v
        parsed = fitted_params(v, metric, ind.METRICS)
        if isinstance(parsed, KpiParams) and parsed.kpi not in KNOWN_KPIS:
            close = difflib.get_close_matches(parsed.kpi, sorted(KNOWN_KPIS), n=1)
            raise ValueError(f"kpi: unknown KPI {parsed.kpi!r}"
                             + (f" (did you mean {close[0]!r}?)" if close else ""))
        if isinstance(parsed, SeriesParams):
            from sim.kpi import DAILY_SERIES

            if parsed.series not in DAILY_SERIES:
                raise ValueError(f"series: unknown daily series {parsed.series!r}; "
                                 f"known: {', '.join(DAILY_SERIES)}")
        return v

    @field_validator("thresholds")
    @classmethod
    def _ordered(cls, v: list[float], info) -> list[float]:
        a, b, c = (float(x) for x in v)
        better = info.data.get("better")
        if better == "higher" and not a < b < c:
            raise ValueError(f"thresholds {v} must rise (better: higher): boundaries of "
                             "levels 1|2, 2|3, 3|4")
        if better == "lower" and not a > b > c:
            raise ValueError(f"thresholds {v} must fall (better: lower): boundaries of "
                             "levels 1|2, 2|3, 3|4")
        return [a, b, c]

    def parsed_params(self) -> BaseModel:
        """The parameters as the metric's model."""
        return ind.METRICS[self.metric].params.model_validate(self.params)

    def score(self, value: float) -> float:
        """Score 1.0..4.0 of a value (see the module docstring)."""
        a, b, c = self.thresholds
        if self.better == "lower":
            a, b, c, value = -a, -b, -c, -value
        if value <= a:
            return max(1.0, 1.5 - 0.5 * (a - value) / (b - a))
        if value <= b:
            return 1.5 + (value - a) / (b - a)
        if value <= c:
            return 2.5 + (value - b) / (c - b)
        return min(4.0, 3.5 + 0.5 * (value - c) / (c - b))


class Competence(_Strict):
    """A competence of one role, with its indicators and feedback."""

    id: str = Field(pattern=_ID)
    role: ROLE_NAMES
    name: Text
    description: Text
    seed: SeedRef
    indicators: list[Indicator] = Field(min_length=1, max_length=20)
    feedback: Feedback

    @model_validator(mode="after")
    def _fits_role(self) -> Competence:
        _refuse_repeats("indicator", [i.id for i in self.indicators])
        for i in self.indicators:
            only = ind.ROLE_METRICS.get(i.metric)
            if only and self.role not in only:
                raise ValueError(f"indicator {i.id}: metric {i.metric} measures the "
                                 f"{' or '.join(only)}, not the {self.role}")
            p = i.parsed_params()
            for t in list(getattr(p, "types", [])) + list(getattr(p, "responses", [])):
                if self.role not in ALLOWED_ROLES[t]:
                    raise ValueError(f"indicator {i.id}: {t} is not an action of the "
                                     f"{self.role}")
        return self


def _refuse_repeats(what: str, ids: list[str]) -> None:
    """A rubric names each indicator (within a competence) and each competence once."""
    dupes = sorted({x for x in ids if ids.count(x) > 1})
    if dupes:
        raise ValueError(f"{what} id(s) used twice: {', '.join(dupes)}")


class Rubric(_Strict):
    """The whole rubric file."""

    schema_version: Literal[1] = 1
    title: Text
    levels: Levels
    sources: dict[str, str] = Field(default_factory=dict, description=(
        "Seed text number -> its author(s) and title, as the report names the source."))
    competences: list[Competence] = Field(min_length=1, max_length=100)

    @model_validator(mode="after")
    def _complete(self) -> Rubric:
        _refuse_repeats("competence", [c.id for c in self.competences])
        unnamed = sorted({c.seed.file for c in self.competences} - set(self.sources))
        if unnamed:
            raise ValueError(f"sources: no author and title for seed text(s) "
                             f"{', '.join(unnamed)} (the report names sources by author "
                             "and title)")
        missing = [r for r in ROLES if not any(c.role == r for c in self.competences)]
        if missing:
            raise ValueError(f"no competence for role(s) {', '.join(missing)}: every human "
                             "role needs indicators")
        return self

    def source_of(self, file: str) -> str:
        """A seed text by author and title."""
        return self.sources[file]

    def for_role(self, role: str) -> list[Competence]:
        """The competences assessed for a role."""
        return [c for c in self.competences if c.role == role]

    def competence(self, cid: str) -> Competence:
        """A competence by id."""
        for c in self.competences:
            if c.id == cid:
                return c
        raise KeyError(cid)


def default_rubric_path() -> Path:
    """The shipped rubric (scenarios/rubrics/regie.yaml)."""
    from sim.scenario.loader import scenario_dir

    return scenario_dir() / "rubrics" / DEFAULT_RUBRIC_NAME


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Load and validate a rubric file; raises InputFileError (FILE:LINE problems)."""
    from sim.inputfile import InputFileError, load_yaml_model
    from sim.inputfile.problems import Problem

    path = Path(path or default_rubric_path())
    family = rubric_family(path)
    if family not in ("gladheid", None):
        raise InputFileError([Problem(str(path), 1, "family", (
            f"this rubric is for the {family} family, not for gladheid (a gladheid rubric "
            "has no family key, e.g. scenarios/rubrics/regie.yaml)"))])
    return load_yaml_model(path, Rubric, strict=True)


def rubric_family(path: Path) -> str | None:
    """The family a rubric file names ("gladheid" without the key); None if it cannot be
    read (loading it then says why)."""
    from sim.families import _peek

    try:
        data = _peek(path.read_bytes()[:1_000_000])
    except OSError:
        return None
    return str(data.get("family", "gladheid")) if isinstance(data, dict) else None


def rubric_digest(path: str | Path | None = None) -> str:
    """sha256 of the rubric file's bytes (the report names the rubric it used)."""
    return hashlib.sha256(Path(path or default_rubric_path()).read_bytes()).hexdigest()


# ------------------------------------------------------------------------ scoring -----
@dataclass
class IndicatorResult:
    """One indicator, measured."""

    indicator: Indicator
    measure: ind.Measure
    status: str = SCORED  # scored, not_observed (n = 0) or too_short (debrief.feedback)
    played_days: float = 0.0  # days the assessed player held the seat
    season_days: float = 0.0  # days of the season(s) run

    @property
    def value(self) -> float | None:
        return self.measure.value

    @property
    def score(self) -> float | None:
        if self.status != SCORED or self.value is None:
            return None
        return self.indicator.score(self.value)

    @property
    def level(self) -> int | None:
        return None if self.score is None else level_of(self.score)


@dataclass
class CompetenceResult:
    """One competence, assessed."""

    competence: Competence
    indicators: list[IndicatorResult] = field(default_factory=list)

    @property
    def score(self) -> float | None:
        scored = [(r.score, r.indicator.weight) for r in self.indicators if r.score is not None]
        if not scored:
            return None
        return sum(s * w for s, w in scored) / sum(w for _, w in scored)

    @property
    def level(self) -> int | None:
        return None if self.score is None else level_of(self.score)


def level_of(score: float) -> int:
    """Level 1..4 of a score 1.0..4.0 (x.5 rounds up)."""
    return max(1, min(4, int(score + 0.5)))


def assess(rubric: Rubric, trace, role: str, human: bool = True) -> list[CompetenceResult]:
    """Assess one role's play in a trace against the rubric."""
    ctx = ind.Context(trace=trace, role=role, human=human)
    played = ctx.seat_days
    season = trace.hours * max(trace.seasons_run, 1) / 24.0
    out = []
    for comp in rubric.for_role(role):
        res = CompetenceResult(comp)
        for i in comp.indicators:
            m = ind.measure(i.metric, i.parsed_params(), ctx)
            status = judge(i.metric, m.value, m.n, played, season)
            res.indicators.append(IndicatorResult(i, m, status, played, season))
        out.append(res)
    return out


def scores(results: list[CompetenceResult]) -> dict[str, float | None]:
    """competence id -> score (None: not observed)."""
    return {r.competence.id: r.score for r in results}

