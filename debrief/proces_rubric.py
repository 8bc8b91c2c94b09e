"""The procesregie rubric: the competences of the procesregisseur (and of a party's seat),
loaded and scored like the gladheid rubric (debrief.rubric: levels, thresholds, feedback)
but measured by the procesregie metrics (debrief.proces_indicators).

A rubric file of this family says ``family: procesregie``; the shipped one is
scenarios/rubrics/procesregie.yaml. Roles: ``regisseur`` (the procesregisseur's seat) and
``party`` (any party's seat).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from debrief import proces_indicators as pind
from debrief.feedback import MIN_SEASON_SHARE, SCORED, TOO_SHORT, judge
from debrief.proces_trace import ProcesTrace, seat_kind
from debrief.rubric import (
    Competence,
    CompetenceResult,
    Indicator,
    IndicatorResult,
    Rubric,
    fitted_params,
    known_metric,
    rubric_family,
)

RUBRIC_NAME = "procesregie.yaml"
WRONG_FAMILY = (
    "this rubric is not for the procesregie family (a procesregie rubric starts with "
    "`family: procesregie`, e.g. scenarios/rubrics/procesregie.yaml)"
)
SEAT_KINDS = ("regisseur", "party")


class ProcesIndicator(Indicator):
    """An indicator measured by a procesregie metric."""

    basis_names: ClassVar[dict[str, tuple[str, str]]] = pind.BASIS
    too_short_texts: ClassVar[dict[str, tuple[str, str]]] = {
        "final": (
            "{name}: te kort om te beoordelen ({days} van {season} weken op deze stoel; een "
            "uitkomst van het hele proces telt vanaf de helft).",
            "{name}: too short to judge ({days} of {season} weeks in this seat; an outcome "
            "of the whole process counts from half of it).",
        )
    }

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, v: str) -> str:
        return known_metric(v, pind.METRICS)

    @field_validator("params")
    @classmethod
    def _params_fit(cls, v: dict, info) -> dict:
        metric = info.data.get("metric")
        if metric is None:
            return v
        fitted_params(v, metric, pind.METRICS)
        return v

    def parsed_params(self):
        return pind.METRICS[self.metric].params.model_validate(self.params)


class ProcesCompetence(Competence):
    """A competence of the regisseur's seat or of a party's seat."""

    role: Literal[SEAT_KINDS]  # type: ignore[valid-type]
    indicators: list[ProcesIndicator] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _fits_role(self) -> ProcesCompetence:
        ids = [i.id for i in self.indicators]
        dupes = sorted({x for x in ids if ids.count(x) > 1})
        if dupes:
            raise ValueError(f"indicator id(s) used twice: {', '.join(dupes)}")
        for i in self.indicators:
            for t in getattr(i.parsed_params(), "types", []):
                if t not in pind.SEAT_ACTIONS[self.role]:
                    raise ValueError(f"indicator {i.id}: {t} is not an action of the {self.role}")
        return self


class ProcesRubric(Rubric):
    """A procesregie rubric file."""

    family: Literal["procesregie"]
    competences: list[ProcesCompetence] = Field(min_length=1, max_length=100)

    @model_validator(mode="after")
    def _complete(self) -> ProcesRubric:
        ids = [c.id for c in self.competences]
        dupes = sorted({x for x in ids if ids.count(x) > 1})
        if dupes:
            raise ValueError(f"competence id(s) used twice: {', '.join(dupes)}")
        unnamed = sorted({c.seed.file for c in self.competences} - set(self.sources))
        if unnamed:
            raise ValueError(
                f"sources: no author and title for source text(s) "
                f"{', '.join(unnamed)} (the report names sources by author "
                "and title)"
            )
        missing = [r for r in SEAT_KINDS if not self.for_role(r)]
        if missing:
            raise ValueError(
                f"no competence for role(s) {', '.join(missing)}: every seat "
                "a person may hold needs indicators"
            )
        return self


def default_rubric_path() -> Path:
    """The shipped procesregie rubric."""
    from sim.scenario.loader import scenario_dir

    return scenario_dir() / "rubrics" / RUBRIC_NAME


def load_rubric(path: str | Path | None = None) -> ProcesRubric:
    """Load and validate a procesregie rubric; raises InputFileError (FILE:LINE)."""
    from sim.inputfile import InputFileError, load_yaml_model
    from sim.inputfile.problems import Problem

    path = Path(path or default_rubric_path())
    if rubric_family(path) not in ("procesregie", None):
        raise InputFileError([Problem(str(path), 1, "family", WRONG_FAMILY)])
    return load_yaml_model(path, ProcesRubric, strict=True)


def assess(
    rubric: ProcesRubric, trace: ProcesTrace, seat: str, human: bool = True
) -> list[CompetenceResult]:
    """Assess one seat's play in a trace (a party's seat by the `party` competences)."""
    ctx = pind.Context(trace=trace, seat=seat, human=human)
    played = float(ctx.seat_weeks)
    whole = float(max(trace.stop_week, 1))
    out = []
    for comp in rubric.for_role(seat_kind(seat)):
        res = CompetenceResult(comp)
        for i in comp.indicators:
            m = pind.METRICS[i.metric].fn(ctx, i.parsed_params())
            status = judge(i.metric, m.value, m.n, played, whole)
            if status == SCORED and i.metric == "final" and played < MIN_SEASON_SHARE * whole:
                status = TOO_SHORT  # an outcome of the whole process, the seat held briefly
            res.indicators.append(IndicatorResult(i, m, status, played, whole))
        out.append(res)
    return out
