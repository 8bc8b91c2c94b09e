"""The inject library: named events a scenario or a trainer can put into a running season."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.model import RegieModel

INJECT_NAMES: tuple[str, ...] = (
    "salt_supplier_fails", "truck_breakdown", "staff_sickness", "unforecast_freezing_rain",
    "media_storm", "council_motion", "executor_bankruptcy_risk", "cold_snap", "snowstorm",
)


def _salt_supplier_fails(model: RegieModel, severity: float) -> None:
    """The supplier ships a seventh of the contract (AkzoNobel to Gouda, Dec 2010)."""
    weeks = 1 + round(4 * severity)
    model.executor.depot.supplier_fails(model.hour + 24 * 7 * weeks, factor=1.0 / 7.0)


def _truck_breakdown(model: RegieModel, severity: float) -> None:
    """Some trucks break down for two days."""
    trucks = model.executor.fleet.trucks
    n = max(1, math.ceil(severity * len(trucks) / 2))
    for truck in trucks[-n:]:
        truck.broken_until = model.hour + 48


def _staff_sickness(model: RegieModel, severity: float) -> None:
    """Flu on the roster: drivers off sick for five days."""
    fleet = model.executor.fleet
    n = max(1, math.ceil(0.5 * severity * len(fleet.sick_until)))
    fleet.sick_until[:n] = model.hour + 24 * 5


def _unforecast_freezing_rain(model: RegieModel, severity: float) -> None:
    """Freezing rain in two hours that no forecast showed."""
    model.weather = model.weather.with_event("freezing_rain", model.hour + 2,
                                             3 + round(6 * severity), severity)


def _media_storm(model: RegieModel, severity: float) -> None:
    """Regional TV picks up the story."""
    model.wethouder.feed(media=1 + round(3 * severity))
    model.wethouder.media_stories += 1


def _council_motion(model: RegieModel, severity: float) -> None:
    """A council motion on gladheid: a question to answer and political heat."""
    gov = model.governance
    qid = len(gov.council_questions)
    gov.council_questions.append({"id": qid, "hour": model.hour, "topic": "motion"})
    options = [{"type": "answer_council", "question_id": qid, "tone": t}
               for t in ("factual", "defensive", "blame_executor")]
    gov.raise_point("council_question", qid, options, {"topic": "motion"})
    model.wethouder.feed(council=1 + round(2 * severity))


def _executor_bankruptcy_risk(model: RegieModel, severity: float) -> None:
    """The executor is in financial trouble: it needs margin and works less well."""
    model.executor.conduct.financial_trouble(severity)


def _cold_snap(model: RegieModel, severity: float) -> None:
    """A cold spell sets in (forecast sees it): 4 to 10 days of frost."""
    days = 4 + round(6 * severity)
    model.weather = model.weather.with_event("cold_snap", model.hour, 24 * days, severity)


def _snowstorm(model: RegieModel, severity: float) -> None:
    """Heavy snow from tonight (forecast sees it): 6 to 14 hours."""
    start = model.hour + max(0, 20 - model.hour % 24)
    model.weather = model.weather.with_event("snowstorm", start, 6 + round(8 * severity),
                                             severity)


INJECTS: dict[str, Callable[[RegieModel, float], None]] = {
    "salt_supplier_fails": _salt_supplier_fails,
    "truck_breakdown": _truck_breakdown,
    "staff_sickness": _staff_sickness,
    "unforecast_freezing_rain": _unforecast_freezing_rain,
    "media_storm": _media_storm,
    "council_motion": _council_motion,
    "executor_bankruptcy_risk": _executor_bankruptcy_risk,
    "cold_snap": _cold_snap,
    "snowstorm": _snowstorm,
}
