"""KPIs with stable names: tests, sweeps, the game and the debrief all use these keys.

Hourly and daily accumulation is cheap (a few scalars); the daily time series is
collected through a Mesa DataCollector (reporters from `daily_reporters`) so it can be
read as a DataFrame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import mesa
import numpy as np

from sim.agents.ledger import executor_kpis
from sim.state_parts import plain_values

if TYPE_CHECKING:
    from sim.model import RegieModel

CORE_KPIS: tuple[str, ...] = (
    "reachability_pct",
    "slips",
    "accidents",
    "injuries",
    "complaints",
    "satisfaction",
    "strooiacties",
    "preventive_share_pct",
    "salt_used_t",
    "salt_shortage_days",
    "cost_total_eur",
    "adhoc_rounds",
    "plan_preventive_share_pct",
)

GOVERNANCE_KPIS: tuple[str, ...] = (
    "cost_meerwerk_eur",
    "cost_vs_in_house_pct",
    "trust_gemeente_in_executor",
    "trust_executor_in_gemeente",
    "disputes",
    "escalations",
    "bypasses",
    "attention_peak",
    "output_score",
    "true_output_score",
    "outcome_score",
    "executor_margin_pct",
    "executor_result_eur",
    "executor_margin_all_seasons_pct",
    "executor_maturity",
    "executor_efficiency_pct",
    "price_disputes",
    "regie_hours",
    "micromanagement",
    "budget_use_pct",
)

# The executor as a business and the negotiation (sim.agents.ledger.executor_kpis).
EXECUTOR_KPIS: tuple[str, ...] = (
    "markup_mean_pct",
    "executor_pressure_end",
    "jobs_tussendoor",
    "orders_refused",
    "orders_written_approval",
    "orders",
    "dispute_days_mean",
)

KPI_NAMES: tuple[str, ...] = CORE_KPIS + GOVERNANCE_KPIS + EXECUTOR_KPIS

# Daily series the gemeente reports (see `Gemeente.daily_value`).
GEMEENTE_SERIES: tuple[str, ...] = (
    "trust_gemeente_in_executor",
    "trust_executor_in_gemeente",
    "attention",
    "disputes",
)
CITIZEN_SERIES: tuple[str, ...] = ("slips", "accidents", "injuries", "complaints")
DAILY_SERIES: tuple[str, ...] = (
    ("day", "tmin_c", "snow_cm", "reachability_pct")
    + CITIZEN_SERIES
    + ("satisfaction", "strooiacties", "salt_stock_t", "cost_total_eur")
    + GEMEENTE_SERIES
)

# A DataCollector reporter: the model at the close of a day -> that day's value.
Reporter = Callable[["RegieModel"], float]


class DailySeries(mesa.DataCollector):
    """Mesa's DataCollector for the daily rows (`daily_reporters`), whose reporters each
    return a new float: kept as it is. Mesa's own `collect` deep-copies every value and
    checks each reporter's kind every day, most of the cost of a day's row."""

    def collect(self, model: RegieModel) -> None:
        """Append today's value of every series."""
        for name, reporter in self.model_reporters.items():
            self.model_vars[name].append(reporter(model))


def daily_reporters() -> dict[str, Reporter]:
    """One reporter per DAILY_SERIES name, in that order; values are plain floats."""
    reporters: dict[str, Reporter] = {
        "day": lambda m: float(_row_day(m)),
        "tmin_c": _tmin_c,
        "snow_cm": lambda m: float(m.roads.snow_cm[: m.roads.n_segments].mean()),
        "reachability_pct": lambda m: m.kpi.last_day_reachability,
        "satisfaction": lambda m: 100.0 * m.citizens.mean_satisfaction,
        "strooiacties": lambda m: float(len(m.executor.fleet.actions)),
        "salt_stock_t": lambda m: float(m.executor.depot.stock_t),
        "cost_total_eur": lambda m: float(m.gemeente.total_cost_eur()),
    }
    reporters.update({name: _citizens_today(name) for name in CITIZEN_SERIES})
    reporters.update({name: _gemeente_daily(name) for name in GEMEENTE_SERIES})
    return {name: reporters[name] for name in DAILY_SERIES}


def _row_day(model: RegieModel) -> int:
    """The day a daily row describes: the day that closes now (0-based)."""
    return model.day if model.hour % 24 else model.day - 1


def _tmin_c(model: RegieModel) -> float:
    """Lowest air temperature of the row's day [degC]."""
    day = _row_day(model)
    return float(model.weather.air_temp_c[day * 24 : (day + 1) * 24].min())


def _citizens_today(name: str) -> Reporter:
    """Today's count of slips, accidents, injuries or complaints."""
    return lambda m: float(m.citizens.today[name])


def _gemeente_daily(name: str) -> Reporter:
    """A value the gemeente reports for the daily series."""
    return lambda m: float(m.gemeente.daily_value(name))


_NOT_STATE = frozenset({"_all_passable"})  # a constant of the network, not hashed


class KpiTracker:
    """Accumulates hourly reachability and daily shortage; answers the season summary."""

    def __init__(self, model: RegieModel) -> None:
        town = model.town
        self.priority = np.flatnonzero(town.priority)
        self.weights = town.length_m[self.priority] / town.length_m[self.priority].sum()
        self.threshold = model.scenario.roads.passable_slipperiness
        self.passable_sum = 0.0
        self.hours = 0
        self.shortage_days = 0
        self.day_passable = 0.0
        self.day_hours = 0
        self.last_day_reachability = 100.0
        self.period_passable = 0.0  # since the last monthly report (see take_period_...)
        self.period_hours = 0
        self._all_passable: float | None = None  # the share when every road is passable

    def hash_parts(self) -> list:
        """What the state hash takes from the tracker: its running totals."""
        return [plain_values(self, _NOT_STATE)]

    def record_hour(self, model: RegieModel) -> None:
        """Length-weighted share of the priority network that is passable this hour."""
        roads = model.roads
        if roads.max_slipperiness() < self.threshold:  # every road passable: the same sum
            if self._all_passable is None:
                self._all_passable = float(self.weights @ np.ones(len(self.priority), bool))
            share = self._all_passable
        else:
            # `take` gathers what `[self.priority]` would, and `dot` is the BLAS dot `@`
            # calls (the same sum), each a little cheaper per call.
            passable = roads.slipperiness.take(self.priority) < self.threshold
            share = float(self.weights.dot(passable))
        self.passable_sum += share
        self.hours += 1
        self.day_passable += share
        self.day_hours += 1
        self.period_passable += share
        self.period_hours += 1

    def close_day(self, model: RegieModel) -> None:
        """End of a simulated day: shortage flag and the day's reachability."""
        if model.executor.shortage_today:
            self.shortage_days += 1
        self.last_day_reachability = 100.0 * self.day_passable / max(self.day_hours, 1)
        self.day_passable, self.day_hours = 0.0, 0

    def take_period_reachability(self) -> float:
        """Passable share of the priority network since the last call [%]; starts anew.

        100 when no hour has passed since (nothing was impassable).
        """
        pct = 100.0 * self.period_passable / self.period_hours if self.period_hours else 100.0
        self.period_passable, self.period_hours = 0.0, 0
        return pct

    def reachability_pct(self) -> float:
        """Time-weighted passable share of the priority network [%]."""
        return 100.0 * self.passable_sum / max(self.hours, 1)


def summary(model: RegieModel) -> dict[str, float]:
    """The season's KPIs under their stable names (floats, JSON-safe)."""
    ex, cit, kpi = model.executor, model.citizens, model.kpi
    actions = ex.fleet.actions
    preventive = sum(1 for a in actions if a.kind == "preventive")
    # As Dutch practice counts (Drenthe: 35 preventive of 40): the plan's own call-outs on
    # the priority network, without ad-hoc rounds and second-priority snow rounds.
    plan_p1 = sum(1 for a in actions if a.priority == 1 and a.kind != "adhoc")
    out: dict[str, float] = {
        "reachability_pct": kpi.reachability_pct(),
        "slips": float(cit.slips),
        "accidents": float(cit.accidents),
        "injuries": float(cit.injuries),
        "complaints": float(cit.complaints),
        "satisfaction": 100.0 * float(np.mean(model.satisfaction_days or [cit.mean_satisfaction])),
        "strooiacties": float(len(actions)),
        "preventive_share_pct": 100.0 * preventive / len(actions) if actions else 0.0,
        "salt_used_t": float(ex.depot.used_t),
        "salt_shortage_days": float(kpi.shortage_days),
        "cost_total_eur": float(model.gemeente.total_cost_eur()),
        "adhoc_rounds": float(sum(1 for a in actions if a.kind in ("adhoc", "targeted"))),
        "plan_preventive_share_pct": 100.0 * preventive / plan_p1 if plan_p1 else 0.0,
    }
    out.update(model.governance_summary())
    out.update(executor_kpis(model.governance))  # conduct, orders, negotiation (ODD 7.9)
    return {k: round(float(v), 6) for k, v in out.items()}
