"""Per-day summaries of a winter: temperatures, precipitation, natural snow cover, frost
and ice days, and gladheid-risk nights (the calibration measures, and a handy view for bots)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.world.weather.arrays import recent
from sim.world.weather.physics import PRECIP_SNOW

if TYPE_CHECKING:
    from sim.world.weather.winter import Weather

# --- Snow cover -----------------------------------------------------------------------
SNOW_CM_PER_MM = 1.0  # fresh snow depth per mm water equivalent (10:1) [cm/mm]
SNOW_MELT_CM_PER_DEG_DAY = 3.0  # natural snow cover: degree-day melt [cm/(degC*day)]
SNOW_RAIN_MELT_CM_PER_MM = 0.2  # melt by rain on snow [cm/mm]
SNOW_SETTLING_PER_DAY = 0.08  # settling of a snow cover [1/day]
SNOW_COVER_MIN_CM = 1.0  # a day counts as snow-covered at this depth at the end of the day

# --- Gladheid risk (calibration measure, and a handy summary for bots) -----------------
RISK_SURFACE_C = 0.5  # surface temperature at which preventive gritting is considered [degC]
RISK_NIGHT_FROM_H = 18  # a night runs from 18h ...
RISK_NIGHT_TO_H = 10  # ... to 10h the next morning
WET_AFTER_PRECIP_H = 3  # a road stays wet this many hours after precipitation stops


def day_summary(w: Weather) -> dict[str, np.ndarray]:
    """Per calendar day of the season.

    Keys: ``tmin``/``tmax`` (air, degC), ``precip_mm`` (water equivalent), ``snow_cm``
    (fresh snowfall, cm), ``frost`` (surface minimum below 0 degC: a frost day for the
    road), ``ice_day`` (air maximum below 0 degC); extra: ``surface_tmin``,
    ``snow_depth_cm`` (natural snow cover at the end of the day, cm) and ``risk_night``
    (see `risk_nights`).
    """
    days = w.hours // 24
    air = w.air_temp_c.reshape(days, 24)
    surf_min = w.surface_temp_c.reshape(days, 24).min(axis=1)
    pr = w.precip_mm_h.reshape(days, 24)
    snow_mm = np.where(w.precip_kind == PRECIP_SNOW, w.precip_mm_h, 0.0)
    snow_cm = SNOW_CM_PER_MM * snow_mm.reshape(days, 24).sum(axis=1)
    rain_mm = pr.sum(axis=1) - snow_mm.reshape(days, 24).sum(axis=1)
    deg_days = np.clip(air, 0.0, None).mean(axis=1)
    melt = SNOW_MELT_CM_PER_DEG_DAY * deg_days + SNOW_RAIN_MELT_CM_PER_MM * rain_mm
    depth = np.zeros(days)
    cover = 0.0
    for d in range(days):  # a snow cover is a clipped running balance: one loop over days
        cover = max(0.0, cover * (1.0 - SNOW_SETTLING_PER_DAY) + snow_cm[d] - melt[d])
        depth[d] = cover
    return {
        "tmin": air.min(axis=1),
        "tmax": air.max(axis=1),
        "precip_mm": pr.sum(axis=1),
        "snow_cm": snow_cm,
        "frost": surf_min < 0.0,
        "ice_day": air.max(axis=1) < 0.0,
        "surface_tmin": surf_min,
        "snow_depth_cm": depth,
        "risk_night": risk_nights(w),
    }


def risk_nights(w: Weather) -> np.ndarray:
    """Per day d: gladheid risk in the night from 18h on day d to 10h on day d+1.

    Risk = at some hour the surface is below RISK_SURFACE_C and there is moisture:
    precipitation, dewpoint at or above the surface (rijp, condensation), or a road
    still wet from precipitation in the last WET_AFTER_PRECIP_H hours.
    """
    n, days = w.hours, w.hours // 24
    wet = recent(w.precip_mm_h > 0, WET_AFTER_PRECIP_H)
    moist = wet | (w.dewpoint_c >= w.surface_temp_c)
    risky = (w.surface_temp_c < RISK_SURFACE_C) & moist
    night_len = 24 - RISK_NIGHT_FROM_H + RISK_NIGHT_TO_H
    padded = np.concatenate([risky, np.zeros(night_len, bool)])
    idx = (np.arange(days) * 24 + RISK_NIGHT_FROM_H)[:, None] + np.arange(night_len)
    return padded[np.minimum(idx, n + night_len - 1)].any(axis=1)
