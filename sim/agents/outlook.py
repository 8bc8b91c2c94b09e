"""The dispatcher's reading of the forecast: which hours ahead are risky for gladheid.

Every hour the dispatcher reads the current 6-hourly run (issued at the run hour) for
the next FORECAST_LEAD_H hours and looks for the first risky one. The answer depends on
the run, the hour, the alarm threshold and, for a cold hour without forecast moisture,
on whether the road is wet now. `read_runs` reads a block of runs at once in numpy into
each hour's answers for a wet and for a dry road; `Outlook.first_risk` picks one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim.world.weather import PRECIP_FREEZING_RAIN, PRECIP_SNOW, RUN_INTERVAL_H
from sim.world.weather.forecast import RunTable

SNOW_ALARM_SURFACE_C = 1.0  # forecast snow or ijzel counts as a risk below this [degC]
FORECAST_LEAD_H = 12  # the dispatcher looks this far ahead (evening briefing to morning) [h]
PRECIP_PROB_ALARM = 0.4  # forecast precipitation probability that counts as moisture [-]
HOARFROST_RISK_ALARM = 0.4  # forecast rijp risk that counts as moisture [-]
# A run is read from its run hour to the lead time of its last hour [h].
RUN_READ_H = RUN_INTERVAL_H - 1 + FORECAST_LEAD_H

Risk = tuple[int, bool]  # (first risky hour, whether snow or ijzel is expected)


@dataclass(frozen=True)
class Outlook:
    """The answers for the hours `first_hour`..`stop_hour - 1` at one alarm threshold."""

    first_hour: int
    stop_hour: int
    on_wet: list[Risk | None]  # per hour: the answer on a wet road (or the forecast's own)
    on_dry: list[Risk | None]  # per hour: the answer on a dry road
    asks: list[bool]  # per hour: whether the road's wetness decides between them

    def covers(self, hour: int) -> bool:
        """Whether this reading holds the answer for `hour`."""
        return self.first_hour <= hour < self.stop_hour

    def first_risk(self, hour: int, road_is_wet: Callable[[], bool]) -> Risk | None:
        """(first risky hour after `hour` within FORECAST_LEAD_H, whether snow or ijzel is
        expected from it to the end of that window), or None; `road_is_wet()` is asked
        only when a cold hour without forecast moisture comes first."""
        i = hour - self.first_hour
        if self.asks[i] and not road_is_wet():
            return self.on_dry[i]
        return self.on_wet[i]


def read_runs(table: RunTable, first: int, stop: int, threshold_c: float) -> Outlook:
    """The dispatcher's answers for every hour of the runs `first`..`stop - 1` of `table`
    (its width at least RUN_READ_H). Risky: the surface below the alarm threshold with
    likely precipitation or rijp, or likely snow or ijzel on a surface below
    SNOW_ALARM_SURFACE_C (heavy); a cold hour without forecast moisture is risky on a wet
    road."""
    rows, cols = slice(first - table.first, stop - table.first), slice(0, RUN_READ_H)
    n_valid = table.n_valid[rows]
    surface, kind = table.surface_temp_c[rows, cols], table.precip_kind[rows, cols]
    likely = table.precip_prob[rows, cols] > PRECIP_PROB_ALARM
    moist = likely | (table.hoarfrost_risk[rows, cols] > HOARFROST_RISK_ALARM)
    runs = len(n_valid)
    valid = np.arange(RUN_READ_H) < np.minimum(n_valid, RUN_READ_H)[:, None]
    snowy = (kind == PRECIP_SNOW) | (kind == PRECIP_FREEZING_RAIN)
    heavy = likely & snowy & (surface < SNOW_ALARM_SURFACE_C) & valid
    cold = surface < threshold_c
    risky = (cold & moist & valid) | heavy
    cold_or_heavy = (cold & valid) | heavy
    # The hour issued k hours after its run hour reads its run's hours k..k+LEAD-1: the
    # first flagged one is the first at or after position k, if it comes before k+LEAD.
    end = np.arange(RUN_INTERVAL_H) + FORECAST_LEAD_H
    heavy_cum = np.zeros((runs, RUN_READ_H + 1), np.int64)
    np.cumsum(heavy, axis=1, out=heavy_cum[:, 1:])
    row = np.arange(runs)[:, None]
    first_hour = first * RUN_INTERVAL_H
    first_forecast_hour = first_hour + 1 + row * RUN_INTERVAL_H  # [run, 1]

    def answers(flags: np.ndarray) -> tuple[list[Risk | None], np.ndarray]:
        """Each hour's first flagged hour and whether snow or ijzel follows in its window,
        or None; and the position found (RUN_READ_H where none)."""
        at = _next_flagged(flags)[:, :RUN_INTERVAL_H]
        found = (at < end).ravel().tolist()
        onset = (first_forecast_hour + at).ravel().tolist()
        heavy_on = (heavy_cum[:, end] > heavy_cum[row, at]).ravel().tolist()
        return [(t, h) if f else None for f, t, h in zip(found, onset, heavy_on, strict=True)], at

    on_wet, at = answers(cold_or_heavy)
    on_dry, _ = answers(risky)
    dry_decides = (at < end) & ~risky[row, np.minimum(at, RUN_READ_H - 1)]
    return Outlook(
        first_hour, first_hour + runs * RUN_INTERVAL_H, on_wet, on_dry, dry_decides.ravel().tolist()
    )


def _next_flagged(flags: np.ndarray) -> np.ndarray:
    """[run, position]: the first flagged position at or after it (RUN_READ_H if none)."""
    where = np.where(flags, np.arange(RUN_READ_H), RUN_READ_H)
    return np.minimum.accumulate(where[:, ::-1], axis=1)[:, ::-1]
