"""The dispatcher's reading of a forecast run: which of its hours are risky for gladheid.

A 6-hourly run is read once into plain lists (`risk_lists`); every hour the dispatcher
then looks up the first risky hour within its lead time (`first_risk`). A run covers 17
hours, so Python lists and a bisection are cheaper than numpy here, and compare alike.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from sim.world.weather import PRECIP_FREEZING_RAIN, PRECIP_SNOW

SNOW_ALARM_SURFACE_C = 1.0  # forecast snow or ijzel counts as a risk below this [degC]
FORECAST_LEAD_H = 12  # the dispatcher looks this far ahead (evening briefing to morning) [h]
PRECIP_PROB_ALARM = 0.4  # forecast precipitation probability that counts as moisture [-]
HOARFROST_RISK_ALARM = 0.4  # forecast rijp risk that counts as moisture [-]

_HEAVY_KINDS = (PRECIP_SNOW, PRECIP_FREEZING_RAIN)


def first_at_or_after(sorted_idx: list[int], lo: int) -> int:
    """The first entry of a sorted index list that is at least `lo` (a large number if
    there is none)."""
    i = bisect_left(sorted_idx, lo)
    return sorted_idx[i] if i < len(sorted_idx) else 1 << 30


def risk_lists(
    hours: list, surface: list, prob: list, kind: list, hoar: list, threshold_c: float
) -> tuple[list, ...]:
    """A forecast run's hours read for the dispatcher: (hours, risky indices, risky flags,
    cold-or-heavy indices, running count of heavy hours). Risky: the surface below the
    alarm threshold with likely precipitation or rijp, or likely snow or ijzel on a surface
    below SNOW_ALARM_SURFACE_C (heavy); cold-or-heavy hours are risky on a wet road."""
    risky_idx, risky_flags, cold_or_heavy, heavy_cum = [], [], [], [0]
    for i, (s, p, k, h) in enumerate(zip(surface, prob, kind, hoar, strict=True)):
        likely = p > PRECIP_PROB_ALARM
        heavy = likely and k in _HEAVY_KINDS and s < SNOW_ALARM_SURFACE_C
        cold = s < threshold_c
        risky = (cold and (likely or h > HOARFROST_RISK_ALARM)) or heavy
        risky_flags.append(risky)
        if risky:
            risky_idx.append(i)
        if cold or heavy:
            cold_or_heavy.append(i)
        heavy_cum.append(heavy_cum[-1] + heavy)
    return hours, risky_idx, risky_flags, cold_or_heavy, heavy_cum


def first_risk(
    run: tuple[list, ...], hour: int, road_is_wet: Callable[[], bool]
) -> tuple[int, bool] | None:
    """(first risky hour after `hour` within FORECAST_LEAD_H, whether snow or ijzel is
    expected up to the end of that window), or None. `run` is `risk_lists`' result; a cold
    hour without forecast moisture counts when `road_is_wet()` (asked only then)."""
    hours, risky, risky_flag, cold_or_heavy, heavy_cum = run
    lo = hour + 1 - hours[0] if hours else 0  # forecast hours are consecutive
    hi = min(lo + FORECAST_LEAD_H, len(hours))
    if hi <= lo:
        return None
    first = first_at_or_after(cold_or_heavy, lo)
    if first >= hi:
        return None
    # Cold hours without forecast moisture are risky all the same if the road is wet.
    if not risky_flag[first] and not road_is_wet():
        first = first_at_or_after(risky, lo)
        if first >= hi:
            return None
    return hours[first], heavy_cum[hi] > heavy_cum[first]
