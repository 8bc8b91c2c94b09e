"""Parameter models of the indicator metrics: what a rubric indicator may set for each
metric (validated strictly when the rubric is loaded)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sim.actions import ACTION_TYPES

Scalar = str | float | int | bool


class MetricParams(BaseModel):
    """Base of every metric's parameters: strict, frozen, finite numbers."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)



ActionType = Literal[ACTION_TYPES]  # type: ignore[valid-type]


class ActionsParams(MetricParams):
    types: list[ActionType] = Field(min_length=1)
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)


class RateParams(ActionsParams):
    per_days: float = Field(30.0, gt=0)


class ShareParams(MetricParams):
    types: list[ActionType] = Field(min_length=1)
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    of_where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)


class CoverageParams(ActionsParams):
    window_days: float = Field(7.0, gt=0)


class SumParams(ActionsParams):
    field: str = "amount_eur"
    per_days: float = Field(30.0, gt=0)


SIGNALS = ("media", "inject", "dispute", "council_question", "bypass", "meerwerk_request",
           "complaints_day", "injuries_day", "reachability_dip", "incident")


class SignalParams(MetricParams):
    signals: list[Literal[SIGNALS]] = Field(min_length=1)  # type: ignore[valid-type]
    responses: list[ActionType] = Field(min_length=1)
    stat: Literal["mean_hours", "share_within"] = "mean_hours"
    within_hours: float = Field(24.0, gt=0)
    cap_hours: float = Field(72.0, gt=0)
    complaints_min: float = Field(5.0, ge=0)
    injuries_min: float = Field(2.0, ge=0)
    reachability_below: float = Field(97.0, ge=0, le=100)
    merge_hours: float = Field(24.0, ge=0)


class KpiParams(MetricParams):
    kpi: str = Field(min_length=1)


class SeriesParams(MetricParams):
    series: str = Field(min_length=1)
    stat: Literal["mean", "min", "max", "first", "last", "change"] = "mean"


class InvoiceParams(MetricParams):
    measure: Literal["accuracy", "precision", "recall"] = "accuracy"


class MeetingParams(MetricParams):
    outcomes: list[Literal["agree", "compromise", "reject", "escalate"]] = Field(min_length=1)


class DisputeParams(MetricParams):
    stat: Literal["escalations_per_dispute", "max_hardness", "open_share"]


class MeerwerkParams(MetricParams):
    kinds: list[Literal["plough", "emergency_salt", "secondary_routes", "extra_round"]] = Field(
        min_length=1)


class NightParams(MetricParams):
    mode: Literal["follow_plan", "preventive_now", "stand_down"]
    colder_than_c: float = 1.0


class NoParams(MetricParams):
    pass


class ChannelParams(MetricParams):
    channels: list[Literal["none", "via_regisseur", "committee", "call_executor"]] = Field(
        min_length=1)

    @field_validator("channels")
    @classmethod
    def _unique(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("channels listed twice")
        return v



class MovesParams(MetricParams):
    moves: list[Literal["offer", "accept", "hold", "escalate"]] = Field(min_length=1)


class SettledParams(MetricParams):
    outcomes: list[Literal["agree", "compromise", "reject", "escalate"]] = Field(min_length=1)
    # Leave out items the role moved towards the other side on (an offer) while the other
    # side held or escalated: the other side held those up, not the role.
    skip_held_up: bool = False


class TrustSeenParams(MetricParams):
    observer: Literal["gemeente", "executor"]
    reasons: list[str] = Field(min_length=1)
    stat: Literal["change", "per_month"] = "change"

    @field_validator("reasons")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        from sim.governance.trust import TRUST_REASONS

        unknown = [r for r in v if r not in TRUST_REASONS]
        if unknown:
            raise ValueError(f"unknown trust reason(s) {unknown}; known: {list(TRUST_REASONS)}")
        return v
