"""Trainer injects in a winter: unforecast freezing rain, a cold snap, a snowstorm."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from sim.world.weather.arrays import read_only
from sim.world.weather.forecast import rebased
from sim.world.weather.physics import (
    DEPRESSION_IN_PRECIP_C,
    PRECIP_FREEZING_RAIN,
    PRECIP_NONE,
    classify,
    surface_from,
)

if TYPE_CHECKING:
    from sim.world.weather.winter import Weather

EVENT_KINDS = ("freezing_rain", "cold_snap", "snowstorm")
INJECT_RAMP_H = 6.0  # injected cold comes and goes over this many hours [h]


def with_event(w: Weather, kind: str, start_hour: int, duration_h: int, severity: float) -> Weather:
    """A copy with an inject in the truth (severity 0..1). Deterministic.

    * ``freezing_rain``: unforecast ijzel. The truth gets 0.3-1.5 mm/h of freezing rain
      on a surface held below -0.5 to -3 degC; the forecast does not see it.
    * ``cold_snap``: the air drops 4-12 degC (ramped over INJECT_RAMP_H) under a clearer sky;
      forecast, since cold air masses are well predicted.
    * ``snowstorm``: 0.8-3 mm/h (cm/h of snow) in air pulled below -1 to -4 degC;
      forecast, and seen by every run.
    """
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown event kind {kind!r}; expected one of {EVENT_KINDS}")
    s = int(np.clip(start_hour, 0, w.hours))
    e = int(np.clip(start_hour + max(int(duration_h), 0), 0, w.hours))
    if e <= s:
        return w
    sev = float(np.clip(severity, 0.0, 1.0))
    win = np.zeros(w.hours, bool)
    win[s:e] = True
    k = np.arange(w.hours) - s
    ramp = np.where(win, np.clip(np.minimum(k + 1, e - s - k) / INJECT_RAMP_H, 0.0, 1.0), 0)

    air, cloud = w.air_temp_c.copy(), w.cloud_cover.copy()
    depr = w.air_temp_c - w.dewpoint_c
    precip, warm = w.precip_mm_h.copy(), w.warm_aloft.copy()
    cap, override = w.surface_cap.copy(), w.kind_override.copy()
    fc = w.basis

    if kind == "freezing_rain":
        air[win] = np.clip(air[win], -3.0, 0.5)  # mild air aloft reaching a cold ground
        precip[win] = np.maximum(precip[win], 0.3 + 1.2 * sev)
        cloud[win] = 1.0
        depr[win] = DEPRESSION_IN_PRECIP_C
        cap[win] = np.minimum(cap[win], -(0.5 + 2.5 * sev))
        override[win] = PRECIP_FREEZING_RAIN
    elif kind == "cold_snap":
        drop = -(4.0 + 8.0 * sev) * ramp
        clearing = 1.0 - 0.6 * sev * ramp
        air += drop
        cloud = np.where(precip > 0, cloud, cloud * clearing)
        fc_air = fc.air + drop
        fc_cloud = np.where(precip > 0, fc.cloud, fc.cloud * clearing)
        fc = rebased(fc, fc_air, fc_cloud, fc_air - (fc.air - fc.dewpoint), w.sun)
    else:  # snowstorm
        target = -(1.0 + 3.0 * sev)
        pull = np.maximum(air - target, 0.0) * np.where(win, np.maximum(ramp, 0.5), 0.0)
        air -= pull
        precip[win] = np.maximum(precip[win], 0.8 + 2.2 * sev)
        cloud[win] = 1.0
        depr[win] = DEPRESSION_IN_PRECIP_C
        warm[win] = False
        fc_pull = np.maximum(fc.air - target, 0.0) * np.where(win, np.maximum(ramp, 0.5), 0)
        fc_air = fc.air - fc_pull
        fc_cloud = np.where(win, 1.0, fc.cloud)
        fc_dew = np.where(win, fc_air - DEPRESSION_IN_PRECIP_C, fc.dewpoint - fc_pull)
        fc = rebased(fc, fc_air, fc_cloud, fc_dew, w.sun)
        fc = replace(fc, events=fc.events.appended(s, e, False))

    surface = np.minimum(surface_from(air, cloud, w.sun), cap)
    kinds = classify(air, surface, warm)
    kinds = np.where(override >= 0, override, kinds)
    kinds = np.where(precip > 0, kinds, PRECIP_NONE).astype(np.int8)
    return replace(
        w,
        air_temp_c=read_only(air),
        surface_temp_c=read_only(surface),
        dewpoint_c=read_only(air - depr),
        precip_mm_h=read_only(precip),
        precip_kind=read_only(kinds),
        cloud_cover=read_only(cloud),
        warm_aloft=read_only(warm),
        surface_cap=read_only(cap),
        kind_override=read_only(override),
        basis=fc,
    )
