"""The stochastic Dutch winter and its forecast.

`Weather.generate` draws one winter, hour by hour, at a reference point of the town:
air temperature, reference road-surface temperature, dewpoint, precipitation (amount
and kind) and cloud cover. It also pre-draws everything the forecast will ever need,
so that asking a forecast consumes no randomness and the same question always gets the
same answer (the basis for ghost runs: two runs with the same winter see the same
forecasts).

The model, from the large scale down:

* **Temperature.** Daily-mean climatology interpolated from De Bilt monthly normals,
  plus a climate offset, plus day-to-day anomalies: an AR(1) process and a two-state
  Markov regime ("blocking": a continental high bringing a cold spell of days to weeks
  with a -6 to -13 degC anomaly, stronger and more frequent in severe winters). A
  diurnal cycle (min about 07h, max about 14h) with an amplitude that is large under
  clear skies and small under cloud.
* **Surface.** The road surface follows the air with a lag (about 2 h), loses heat to a
  clear night sky (about 3 degC below the air by dawn), gains from the low winter sun and
  is pulled towards a slowly following ground temperature (which keeps it warmer than
  the air at the start of a frost and colder than the air during a thaw).
* **Moisture.** Dewpoint = air minus a dewpoint depression that is small at night, in
  rain and in fog, and large in dry continental air. Rijp (hoarfrost) forms where the
  surface is below 0 degC and below the dewpoint.
* **Precipitation.** A wet/dry day Markov chain; wet days carry one to three events with
  a start hour, a duration and an intensity. Snow where the air is below about +1 degC;
  rain on a surface below 0 degC is freezing rain (ijzel), as is precipitation that
  melted in a warm layer aloft (typical when mild Atlantic air pushes in after a cold
  spell) and reaches a frozen surface.
* **Time.** Hour index t covers clock hour t % 24 of season day t // 24 (local time);
  hour 0 is midnight at the start of `start_date`.
* **Forecast.** Temperature errors with sd = base + growth * lead, autocorrelated along
  the lead and, for the same valid hour, between successive 6-hourly runs (so forecasts
  converge as the night comes nearer instead of jumping about). Precipitation as a
  probability per hour from the true events, each of which a run may miss (more often
  at long lead) or place a few hours off, plus phantom events (false alarms).

All randomness comes from the `numpy.random.Generator` passed to `generate`; nothing
here reads the clock, prints or touches global random state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass, field, replace

import numpy as np
from scipy.signal import lfilter
from scipy.special import ndtr

from sim.scenario.schema import WeatherConfig

PRECIP_NONE, PRECIP_RAIN, PRECIP_SNOW, PRECIP_FREEZING_RAIN = 0, 1, 2, 3

EVENT_KINDS = ("freezing_rain", "cold_snap", "snowstorm")

# --- Climatology ----------------------------------------------------------------------
# Monthly mean of the daily mean air temperature at De Bilt [degC], index 0 = January.
# KNMI climate normals (klimaatviewer, rounded; the winter months as set in the design brief:
# Nov 6.5, Dec 4.0, Jan 3.3, Feb 3.6, Mar 6.6). Anchored at mid-month, linearly interpolated.
MONTHLY_NORMAL_C = (3.3, 3.6, 6.6, 9.8, 13.6, 16.2, 18.5, 18.1, 14.8, 10.7, 6.5, 4.0)
HOUR_OF_TMIN = 7  # diurnal minimum near sunrise [h local]
HOUR_OF_TMAX = 14  # diurnal maximum in the early afternoon [h local]
# Half the diurnal range [degC] under a clear and an overcast sky in midwinter, scaled up
# with the noon sun towards March. De Bilt's mean daily range is about 5 degC in Dec-Jan
# and 7-8 in March (KNMI); clear days reach 9-10, overcast days 2-3.
DIURNAL_HALF_RANGE_CLEAR_C = 4.8
DIURNAL_HALF_RANGE_OVERCAST_C = 1.2
LATITUDE_DEG = 52.1  # De Bilt
SOLAR_NOON_H = 12.7  # local clock time (CET) of solar noon in the middle of the country

# Day-to-day anomaly: AR(1) on the daily mean [-] and its stationary sd [degC]. Winter
# day-to-day persistence at De Bilt is about 0.7-0.8 per day; assumption within that range.
ANOMALY_AR = 0.75
ANOMALY_SD_C = 3.0
BLOCK_ONSET_PER_DAY = 0.45  # share of the gap to the regime's anomaly closed per day [-]
BLOCK_FULL_ANOMALY_C = -6.0  # anomaly at which clouds and humidity are fully continental
# Cold spells are rarer at the edges of the season (weights per month, Jan = index 0);
# an assumption after the KNMI record of cold spells, which cluster in Dec-Feb.
BLOCK_SEASON_WEIGHT = (1.3, 1.1, 0.45, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.55, 1.1)


@dataclass(frozen=True)
class ClimateProfile:
    """Parameters that differ between mild, average and severe winters."""

    offset_c: float  # added to the daily-mean normal [degC]
    block_enter_per_day: float  # chance per day to enter the cold regime (at season weight 1)
    block_stay_per_day: float  # chance per day to stay in it (mean length 1/(1-p) days)
    block_anomaly_c: tuple[float, float]  # uniform range of a cold spell's anomaly [degC]
    wet_after_dry: float  # wet/dry day chain [-]
    wet_after_wet: float
    warm_aloft_base: float  # chance an ordinary event has a melting layer aloft [-]


# Calibrated (see CALIBRATION_TARGETS and tests/world/test_weather.py) so that frost days,
# ice days, snow-cover days and gladheid-risk nights fall near the Dutch figures. Wet-day
# chain after De Bilt: about half of the winter days have measurable precipitation.
CLIMATES: dict[str, ClimateProfile] = {
    "mild": ClimateProfile(
        offset_c=1.9,
        block_enter_per_day=0.014,
        block_stay_per_day=0.80,
        block_anomaly_c=(-10.0, -6.0),
        wet_after_dry=0.40,
        wet_after_wet=0.70,
        warm_aloft_base=0.01,
    ),
    "average": ClimateProfile(
        offset_c=1.3,
        block_enter_per_day=0.028,
        block_stay_per_day=0.9,
        block_anomaly_c=(-12.0, -7.0),
        wet_after_dry=0.36,
        wet_after_wet=0.66,
        warm_aloft_base=0.02,
    ),
    "severe": ClimateProfile(
        offset_c=0.4,
        block_enter_per_day=0.040,
        block_stay_per_day=0.94,
        block_anomaly_c=(-13.0, -7.5),
        wet_after_dry=0.33,
        wet_after_wet=0.63,
        warm_aloft_base=0.03,
    ),
}

# Calibration targets over a 151-day season from 1 November, as means over seeds (the
# design brief's figures). Frost days (daily minimum surface temperature below 0) and ice
# days (air maximum below 0): De Bilt has about 50 air-frost and 7-8 ice days a year (KNMI);
# road surfaces freeze more often than the air. Risk nights (see `Weather.risk_nights`)
# drive the number of strooiacties: Drenthe averages 40 a season, Zeeland 25-30 in a normal
# and 60 in a severe winter (shared/research/domain-facts.md, sec. 1). Snow-cover days:
# "few" in mild, "many" in severe winters; the figures are an assumption. The `average`
# climate's season mean also matches the normals (MONTHLY_NORMAL_C) within 0.3 degC.
CALIBRATION_TARGETS: dict[str, dict[str, float]] = {
    "mild": {"frost_days": 30, "ice_days": 2, "snow_cover_days": 2, "risk_nights": 27},
    "average": {"frost_days": 55, "ice_days": 8, "snow_cover_days": 9, "risk_nights": 40},
    "severe": {"frost_days": 85, "ice_days": 25, "snow_cover_days": 28, "risk_nights": 60},
}

# --- Clouds and moisture --------------------------------------------------------------
CLOUD_MEAN_LOGIT = 0.2  # logit of typical cloud cover: Dutch winter skies are ~70 % covered
CLOUD_DAY_SD = 1.6  # spread of the daily cloud latent [logit]
CLOUD_DAY_AR = 0.5  # its day-to-day persistence [-]
CLOUD_HOUR_SD = 1.0  # spread of the hourly cloud noise [logit]
CLOUD_HOUR_AR = 0.85  # its hour-to-hour persistence [-]
CLOUD_WET_DAY_SHIFT = 1.2  # wet days are cloudier [logit]
CLOUD_BLOCK_SHIFT = -1.6  # a continental high clears the sky [logit]
CLOUD_IN_PRECIP = 0.97  # minimum cloud cover while it precipitates [-]
DEPRESSION_NIGHT_C = 1.3  # dewpoint depression, night, overcast [degC]
DEPRESSION_NIGHT_CLEAR_C = 1.4  # ... clear night: the air cools to its dewpoint (mist, fog)
DEPRESSION_DAY_C = 2.2  # ... afternoon, overcast
DEPRESSION_DAY_SUN_C = 4.5  # ... sunny afternoon
DEPRESSION_BLOCK_C = 3.0  # extra in dry continental air during a cold spell
DEPRESSION_IN_PRECIP_C = 0.2
DEPRESSION_SD_C = 0.8  # hourly noise on the depression
DEPRESSION_HOUR_AR = 0.8  # its hour-to-hour persistence [-]
DEPRESSION_DAY_SD_C = 1.5  # day-to-day spread of the depression (air mass humidity)
DEPRESSION_DAY_AR = 0.6  # its day-to-day persistence [-]

# --- Road surface ---------------------------------------------------------------------
SURFACE_LAG_H = 2.0  # time constant of the surface following its driving temperature [h]
# Net longwave loss under a fully clear sky, as a drive [degC]. With the ground heat flux
# the surface ends up about 3 degC below the air at dawn after a clear night (road weather
# stations show 2-5; assumption within that range) and about 0.5 above it after an
# overcast one.
RADIATIVE_LOSS_C = 5.5
SOLAR_GAIN_C = 18.0  # surface above air at clear noon per unit sine of sun elevation [degC]
GROUND_COUPLING = 0.25  # weight of the ground temperature in the surface balance [-]
GROUND_LAG_H = 72.0  # time constant of the ground following the air [h]
GROUND_OFFSET_C = 0.8  # the ground under a road is a little warmer than the mean air [degC]

# --- Precipitation --------------------------------------------------------------------
SNOW_BELOW_AIR_C = 1.0  # precipitation falls as snow below this air temperature [degC]
WARM_ALOFT_MIN_AIR_C = -5.0  # colder than this, even melted drops refreeze aloft (pellets)
EVENT_EXTRA_P = (0.40, 0.12)  # chance of a second and third event on a wet day [-]
EVENT_DURATION_SHAPE, EVENT_DURATION_SCALE_H = 1.5, 3.5  # gamma, hours beyond the first
EVENT_INTENSITY_SHAPE, EVENT_INTENSITY_SCALE = 1.2, 0.35  # gamma [mm/h] plus a floor
EVENT_INTENSITY_FLOOR = 0.1  # [mm/h]
HOURLY_INTENSITY_SD = 0.4  # lognormal spread of hour-to-hour intensity [-]
BLOCK_WET_P = 0.2  # wet-day chance in a cold spell (dry continental air) [-]
BLOCK_INTENSITY_FACTOR = 0.5  # light snow in a cold spell [-]
THAW_WET_P = 0.85  # chance that the front ending a cold spell brings precipitation [-]
THAW_WARM_ALOFT_P = 0.55  # chance that it comes with a warm layer aloft (ijzel risk) [-]
THAW_DURATION_FACTOR = 1.5  # frontal precipitation lasts longer [-]
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

# --- Forecast -------------------------------------------------------------------------
RUN_INTERVAL_H = 6  # forecast runs at 00, 06, 12, 18 h
MAX_LEAD_H = 120  # longest lead time a forecast covers; longer requests are clipped [h]
EVENT_SLOTS = 32  # runs per event with their own draws (21 before its start + 11 during)
AIR_ERROR_RATIO = 0.8  # air-temperature error sd relative to the surface error sd [-]
AIR_SURFACE_ERROR_CORR = 0.7  # correlation of air and surface forecast errors [-]
ERROR_AR_PER_LEAD_H = 0.98  # autocorrelation of a run's error from one lead hour to the next
ERROR_AR_PER_VALID_H = 0.98  # autocorrelation of the shared error along valid time
ERROR_SHARED_VAR = 0.5  # share of the error variance common to all runs for one valid hour
MISS_AT_ZERO_LEAD = 0.25  # miss rate at lead 0 as a share of the 24-h miss rate [-]
TIMING_SD_PER_LEAD_H = 0.08  # sd of the timing error of a forecast event per hour of lead
MAX_TIMING_SHIFT_H = 12  # timing errors are capped at this many hours
FALSE_ALARM_VIS_24H = 0.30  # chance a phantom event shows up in a run at 24 h lead [-]
PHANTOM_P_PER_DRY_DAY = 0.5  # phantom (non-occurring) events per dry day [-]
PRECIP_PROB_BACKGROUND = 0.05  # probability forecast outside any forecast event [-]
PRECIP_PROB_LOW, PRECIP_PROB_HIGH = 0.45, 0.95  # range of an event's forecast probability
PRECIP_PROB_DECAY_PER_H = 0.004  # loss of confidence per hour of lead [1/h]
DEW_FORECAST_SD_C = 0.6  # uncertainty of the forecast surface-dewpoint gap [degC]
INJECT_RAMP_H = 6.0  # injected cold comes and goes over this many hours [h]


# ======================================================================================
@dataclass(frozen=True, eq=False)
class Forecast:
    """A forecast issued at one hour for the hours after it (arrays are read-only)."""

    issue_hour: int  # hour index the forecast was issued
    hours: np.ndarray  # int, absolute hour indices covered
    surface_temp_c: np.ndarray  # forecast reference road-surface temperature [degC]
    air_temp_c: np.ndarray  # [degC]
    precip_prob: np.ndarray  # 0..1, probability of precipitation that hour
    precip_kind: np.ndarray  # int8, the kind expected if it precipitates
    hoarfrost_risk: np.ndarray  # 0..1, risk of rijp (surface below 0 and below dewpoint)

    def min_surface_temp(self) -> float:
        """Lowest forecast surface temperature; +inf for an empty forecast (end of season)."""
        return float(self.surface_temp_c.min()) if len(self.hours) else math.inf

    def first_hour_below(self, temp_c: float) -> int | None:
        """First absolute hour whose forecast surface temperature is below `temp_c`."""
        below = np.flatnonzero(self.surface_temp_c < temp_c)
        return int(self.hours[below[0]]) if len(below) else None


@dataclass(frozen=True, eq=False)
class _Events:
    """Precipitation events as the forecast knows them, with the per-run draws.

    Sorted by start; build with `_Events.sorted`.
    """

    start: np.ndarray  # first hour [int]
    end: np.ndarray  # hour after the last [int]
    end_reach: np.ndarray  # running maximum of `end`, to find events near an hour quickly
    warm_aloft: np.ndarray  # bool
    # Draws per event and run slot; slot j is run `first_run(start) + j`, the runs that
    # can see the event (from MAX_LEAD_H before its start to the end of a long event).
    score: np.ndarray  # [events, EVENT_SLOTS] standard normal; larger = easier to see
    shift_z: np.ndarray  # [events, EVENT_SLOTS] standard normal, timing error per unit sd

    @classmethod
    def sorted(
        cls,
        start: np.ndarray,
        end: np.ndarray,
        warm: np.ndarray,
        score: np.ndarray,
        shift_z: np.ndarray,
    ) -> _Events:
        """Events ordered by start hour (stable), read-only."""
        order = np.argsort(start, kind="stable")
        end = np.asarray(end)[order]
        return cls(
            start=_ro(np.asarray(start)[order]),
            end=_ro(end),
            end_reach=_ro(np.maximum.accumulate(end) if len(end) else end),
            warm_aloft=_ro(np.asarray(warm)[order]),
            score=_ro(score[order]),
            shift_z=_ro(shift_z[order]),
        )

    def appended(self, start: int, end: int, warm: bool) -> _Events:
        """A copy with one event that every run sees, on time."""
        return _Events.sorted(
            np.append(self.start, start),
            np.append(self.end, end),
            np.append(self.warm_aloft, warm),
            np.vstack([self.score, np.full((1, EVENT_SLOTS), np.inf)]),
            np.vstack([self.shift_z, np.zeros((1, EVENT_SLOTS))]),
        )

    @staticmethod
    def first_run(start: np.ndarray) -> np.ndarray:
        """Index of the first run whose forecast can reach an event starting at `start`."""
        return start // RUN_INTERVAL_H - (MAX_LEAD_H // RUN_INTERVAL_H + 1)


@dataclass(frozen=True, eq=False)
class _ForecastBasis:
    """What the forecasters' models know: the truth minus unforecast injects, plus errors."""

    air: np.ndarray
    surface: np.ndarray
    dewpoint: np.ndarray
    cloud: np.ndarray
    events: _Events  # real precipitation events
    phantoms: _Events  # events that will not happen (false alarms when visible)
    err_surface: np.ndarray  # [runs, lead 0..MAX_LEAD_H+RUN_INTERVAL_H], unit sd
    err_air_own: np.ndarray  # [valid hour], unit sd: the air error's part not shared
    # with the surface error (air error = rho * err_surface + sqrt(1-rho^2) * this)
    base_error_c: float
    growth_c_per_h: float
    miss_rate_24h: float


@dataclass(frozen=True, eq=False)
class Weather:
    """One winter at the town's reference point, hourly, with its forecast (read-only)."""

    start_date: dt.date
    hours: int  # days*24
    air_temp_c: np.ndarray  # float64 [hours]
    surface_temp_c: np.ndarray  # reference road surface temperature [degC]
    dewpoint_c: np.ndarray  # [degC]
    precip_mm_h: np.ndarray  # water equivalent [mm/h]
    precip_kind: np.ndarray  # int8 codes PRECIP_*
    cloud_cover: np.ndarray  # 0..1
    # Private drivers, kept so that injects can re-derive the surface and precipitation kind.
    _sun: np.ndarray = field(repr=False)  # clear-sky solar forcing, sine of sun elevation
    _warm_aloft: np.ndarray = field(repr=False)  # bool: a melting layer aloft this hour
    _surface_cap: np.ndarray = field(repr=False)  # upper bound on the surface (injects)
    _kind_override: np.ndarray = field(repr=False)  # int8, -1 = none (injects)
    _fc: _ForecastBasis = field(repr=False)
    # The latest 6-hourly run, made over its whole reach (agents ask it many times a run).
    # Not copied by `with_event`; answers never depend on it.
    _cache: dict[int, Forecast] = field(default_factory=dict, init=False, repr=False)

    # ---------------------------------------------------------------- generation -----
    @classmethod
    def generate(cls, cfg: WeatherConfig, rng: np.random.Generator) -> Weather:
        """Draw a winter (and its forecast errors) from `rng`.

        `cfg.seed` is not read here: the caller chooses the generator (see `weather_rng`).
        """
        prof = CLIMATES[cfg.climate]
        days = cfg.days
        n = days * 24
        t = np.arange(n)
        hod = t % 24
        cal = _Calendar(cfg.start_date, days)

        # Fixed draw order and sizes, so the stream does not depend on outcomes.
        u_enter = rng.random(days)
        u_strength = rng.random(days)
        z_anom = rng.standard_normal(days)
        u_wet = rng.random(days)
        z_cloud_day = rng.standard_normal(days)
        z_humid_day = rng.standard_normal(days)
        z_cloud_hour = rng.standard_normal(n)
        z_depr_hour = rng.standard_normal(n)
        z_precip_hour = rng.standard_normal(n)
        u_extra = rng.random((days, 2))  # second and third event of a wet day
        u_start = rng.random((days, 3))
        u_warm = rng.random((days, 3))
        ev_dur = rng.gamma(EVENT_DURATION_SHAPE, EVENT_DURATION_SCALE_H, (days, 3))
        ev_int = rng.gamma(EVENT_INTENSITY_SHAPE, EVENT_INTENSITY_SCALE, (days, 3))

        # Regime and wet/dry chains: one loop over days (the chains are sequential).
        season_w = np.asarray(BLOCK_SEASON_WEIGHT)[cal.month0]
        lo, hi = prof.block_anomaly_c
        blocked = np.zeros(days, bool)
        thaw = np.zeros(days, bool)
        wet = np.zeros(days, bool)
        block_anom = np.zeros(days)
        state, strength, anom, was_wet = False, 0.0, 0.0, False
        for d in range(days):
            if state:
                if u_enter[d] > prof.block_stay_per_day:
                    state = False
                    thaw[d] = True
            elif u_enter[d] < prof.block_enter_per_day * season_w[d]:
                state = True
                strength = lo + (hi - lo) * u_strength[d]
            anom += BLOCK_ONSET_PER_DAY * ((strength if state else 0.0) - anom)
            blocked[d], block_anom[d] = state, anom
            if thaw[d] or (d > 0 and thaw[d - 1]):
                p_wet = THAW_WET_P
            elif state:
                p_wet = BLOCK_WET_P
            else:
                p_wet = prof.wet_after_wet if was_wet else prof.wet_after_dry
            was_wet = wet[d] = u_wet[d] < p_wet

        # Daily mean temperature: normals + climate offset + AR(1) + regime.
        ar = _ar1(z_anom, ANOMALY_AR) * ANOMALY_SD_C
        normal = cal.daily_normals()
        centres = np.arange(days) * 24 + 12.0
        daily_mean = normal + prof.offset_c + ar + block_anom
        mean_h = np.interp(t, centres, daily_mean)
        block_w = np.interp(t, centres, np.clip(block_anom / BLOCK_FULL_ANOMALY_C, 0.0, 1.0))

        # Precipitation events: up to three per wet day.
        n_ev = 1 + (u_extra < np.asarray(EVENT_EXTRA_P)).sum(axis=1)
        has = wet[:, None] & (np.arange(3)[None, :] < n_ev[:, None])
        thawish = thaw | np.r_[False, thaw[:-1]]
        dur = 1 + np.floor(ev_dur * np.where(thawish, THAW_DURATION_FACTOR, 1.0)[:, None])
        start = np.arange(days)[:, None] * 24 + np.floor(u_start * 24)
        inten = (
            EVENT_INTENSITY_FLOOR + ev_int * np.where(blocked, BLOCK_INTENSITY_FACTOR, 1.0)[:, None]
        )
        p_warm = np.where(thawish, THAW_WARM_ALOFT_P, prof.warm_aloft_base)[:, None]
        warm = u_warm < p_warm
        ev_start = start[has].astype(np.int64)
        ev_end = np.minimum(ev_start + dur[has].astype(np.int64), n)
        ev_int_sel, ev_warm = inten[has], warm[has]
        # Hourly sums over events via step functions: +x at the start, -x at the end.
        rate = _steps(ev_start, ev_end, ev_int_sel, n)
        precip = np.where(rate > 1e-9, rate, 0.0) * np.exp(
            HOURLY_INTENSITY_SD * z_precip_hour - 0.5 * HOURLY_INTENSITY_SD**2
        )
        warm_h = _steps(ev_start[ev_warm], ev_end[ev_warm], np.ones(ev_warm.sum()), n) > 0.5
        raining = precip > 0

        # Clouds: daily latent (wetter days cloudier, cold spells clearer) + hourly noise.
        cloud_day = CLOUD_DAY_SD * _ar1(z_cloud_day, CLOUD_DAY_AR) + CLOUD_WET_DAY_SHIFT * wet
        cloud_logit = (
            CLOUD_MEAN_LOGIT
            + np.interp(t, centres, cloud_day)
            + CLOUD_HOUR_SD * _ar1(z_cloud_hour, CLOUD_HOUR_AR)
            + CLOUD_BLOCK_SHIFT * block_w
        )
        cloud = 1.0 / (1.0 + np.exp(-cloud_logit))
        cloud = np.where(raining, np.maximum(cloud, CLOUD_IN_PRECIP), cloud)

        # Air temperature: diurnal cycle scaled by the day's cloudiness.
        cloud_daily = np.interp(t, centres, cloud.reshape(days, 24).mean(axis=1))
        half_range = DIURNAL_HALF_RANGE_CLEAR_C + cloud_daily * (
            DIURNAL_HALF_RANGE_OVERCAST_C - DIURNAL_HALF_RANGE_CLEAR_C
        )
        sun = cal.solar_forcing()
        sun_noon = np.repeat(cal.noon_elevation_sine(), 24)
        # Stronger sun, larger range: +50 % from December to March (KNMI daily ranges).
        half_range = half_range * (0.75 + sun_noon)
        shape = _diurnal_shape(hod)
        air = mean_h + half_range * shape

        # Dewpoint via the dewpoint depression [degC].
        day_shape = np.clip(shape, 0.0, None)
        clear = 1.0 - cloud
        depr = (
            DEPRESSION_NIGHT_C
            + (DEPRESSION_NIGHT_CLEAR_C - DEPRESSION_NIGHT_C) * clear * (1 - day_shape)
            + (DEPRESSION_DAY_C - DEPRESSION_NIGHT_C) * day_shape
            + (DEPRESSION_DAY_SUN_C - DEPRESSION_DAY_C) * day_shape * clear
            + DEPRESSION_BLOCK_C * block_w
            + DEPRESSION_DAY_SD_C * np.interp(t, centres, _ar1(z_humid_day, DEPRESSION_DAY_AR))
            + DEPRESSION_SD_C * _ar1(z_depr_hour, DEPRESSION_HOUR_AR)
        )
        depr = np.where(raining, DEPRESSION_IN_PRECIP_C, np.clip(depr, 0.1, None))
        dew = air - depr

        surface = _surface_from(air, cloud, sun)
        kind = _classify(air, surface, warm_h)
        kind = np.where(raining, kind, PRECIP_NONE).astype(np.int8)

        fc = _ForecastBasis(
            air=_ro(air),
            surface=_ro(surface),
            dewpoint=_ro(dew),
            cloud=_ro(cloud),
            events=_draw_events(rng, ev_start, ev_end, ev_warm),
            phantoms=_draw_phantoms(rng, ~wet, n),
            **_draw_error_fields(rng, n),
            base_error_c=float(cfg.forecast_base_error_c),
            growth_c_per_h=float(cfg.forecast_error_growth_c_per_h),
            miss_rate_24h=float(cfg.forecast_miss_rate),
        )
        return cls(
            start_date=cfg.start_date,
            hours=n,
            air_temp_c=_ro(air),
            surface_temp_c=_ro(surface),
            dewpoint_c=_ro(dew),
            precip_mm_h=_ro(precip),
            precip_kind=_ro(kind),
            cloud_cover=_ro(cloud),
            _sun=_ro(sun),
            _warm_aloft=_ro(warm_h),
            _surface_cap=_ro(np.full(n, np.inf)),
            _kind_override=_ro(np.full(n, -1, np.int8)),
            _fc=fc,
        )

    # ------------------------------------------------------------------ forecast -----
    def forecast(self, issue_hour: int, lead_hours: int) -> Forecast:
        """The forecast available at `issue_hour` for the next `lead_hours` hours.

        It comes from the latest 6-hourly run at or before `issue_hour`; its errors were
        drawn at generation time, so this consumes no randomness. Leads beyond MAX_LEAD_H
        are clipped; the `hours` array shows what is covered.
        """
        if not 0 <= issue_hour < self.hours:
            raise ValueError(f"issue_hour {issue_hour} outside the season (0..{self.hours - 1})")
        lead = int(min(max(lead_hours, 0), MAX_LEAD_H))
        run_hour = issue_hour - issue_hour % RUN_INTERVAL_H
        full = self._cache.get(run_hour)
        if full is None:
            # Every hour's value depends only on the run and the hour it is for, so the
            # run is made once over all it can cover and each issue hour gets a slice
            # (bit-identical to making that window alone).
            self._cache.clear()
            full = self._cache[run_hour] = self._make_forecast(
                run_hour, RUN_INTERVAL_H - 1 + MAX_LEAD_H)
        lo = issue_hour - run_hour
        hi = max(min(issue_hour + lead, self.hours - 1) - run_hour, lo)
        return Forecast(
            issue_hour=int(issue_hour),
            hours=full.hours[lo:hi],
            surface_temp_c=full.surface_temp_c[lo:hi],
            air_temp_c=full.air_temp_c[lo:hi],
            precip_prob=full.precip_prob[lo:hi],
            precip_kind=full.precip_kind[lo:hi],
            hoarfrost_risk=full.hoarfrost_risk[lo:hi],
        )

    def _make_forecast(self, issue_hour: int, lead: int) -> Forecast:
        """Compute the forecast from the pre-drawn errors (see `forecast`)."""
        fc = self._fc
        hrs = np.arange(issue_hour + 1, min(issue_hour + lead, self.hours - 1) + 1)
        run = issue_hour // RUN_INTERVAL_H
        run_hour = run * RUN_INTERVAL_H
        lead_of = hrs - run_hour  # lead of each hour from the run that made the forecast
        sd = fc.base_error_c + fc.growth_c_per_h * lead_of
        err_s = sd * fc.err_surface[run, lead_of]
        rho = AIR_SURFACE_ERROR_CORR
        u_air = rho * fc.err_surface[run, lead_of] + math.sqrt(1 - rho * rho) * fc.err_air_own[hrs]
        err_a = AIR_ERROR_RATIO * sd * u_air
        surface = fc.surface[hrs] + err_s
        air = fc.air[hrs] + err_a
        dew = fc.dewpoint[hrs] + err_a

        prob_real, warm = _event_probability(fc.events, run, run_hour, hrs, fc.miss_rate_24h)
        prob_fake, _ = _event_probability(
            fc.phantoms, run, run_hour, hrs, FALSE_ALARM_VIS_24H, phantom=True
        )
        prob = np.maximum(PRECIP_PROB_BACKGROUND, np.maximum(prob_real, prob_fake))
        kind = _classify(air, surface, warm)
        # Rijp: surface below 0 and below the dewpoint, with no precipitation washing it out.
        hoar = (
            ndtr(-surface / np.maximum(sd, 1e-6))
            * ndtr((dew - surface) / np.hypot(DEW_FORECAST_SD_C, 0.5 * sd))
            * (1.0 - prob)
        )
        return Forecast(
            issue_hour=issue_hour,
            hours=_ro(hrs),
            surface_temp_c=_ro(surface),
            air_temp_c=_ro(air),
            precip_prob=_ro(prob),
            precip_kind=_ro(kind),
            hoarfrost_risk=_ro(hoar),
        )

    # ------------------------------------------------------------------- digests -----
    def digest(self) -> str:
        """sha256 over every array (truth, drivers, forecast basis and errors) and the date."""
        h = hashlib.sha256()
        h.update(self.start_date.isoformat().encode())
        h.update(str(self.hours).encode())
        fc = self._fc
        arrays = [
            self.air_temp_c,
            self.surface_temp_c,
            self.dewpoint_c,
            self.precip_mm_h,
            self.precip_kind,
            self.cloud_cover,
            self._sun,
            self._warm_aloft,
            self._surface_cap,
            self._kind_override,
            fc.air,
            fc.surface,
            fc.dewpoint,
            fc.cloud,
            fc.err_surface,
            fc.err_air_own,
            np.array([fc.base_error_c, fc.growth_c_per_h, fc.miss_rate_24h]),
        ]
        for ev in (fc.events, fc.phantoms):
            arrays += [ev.start, ev.end, ev.warm_aloft, ev.score, ev.shift_z]
        for a in arrays:
            a = np.ascontiguousarray(a)
            h.update(f"{a.dtype.str}{a.shape}".encode())
            h.update(a.tobytes())
        return h.hexdigest()

    # -------------------------------------------------------------------- injects -----
    def with_event(self, kind: str, start_hour: int, duration_h: int, severity: float) -> Weather:
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
        s = int(np.clip(start_hour, 0, self.hours))
        e = int(np.clip(start_hour + max(int(duration_h), 0), 0, self.hours))
        if e <= s:
            return self
        sev = float(np.clip(severity, 0.0, 1.0))
        win = np.zeros(self.hours, bool)
        win[s:e] = True
        k = np.arange(self.hours) - s
        ramp = np.where(win, np.clip(np.minimum(k + 1, e - s - k) / INJECT_RAMP_H, 0.0, 1.0), 0)

        air, cloud = self.air_temp_c.copy(), self.cloud_cover.copy()
        depr = self.air_temp_c - self.dewpoint_c
        precip, warm = self.precip_mm_h.copy(), self._warm_aloft.copy()
        cap, override = self._surface_cap.copy(), self._kind_override.copy()
        fc = self._fc

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
            fc = _rebased(fc, fc_air, fc_cloud, fc_air - (fc.air - fc.dewpoint), self._sun)
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
            fc = _rebased(fc, fc_air, fc_cloud, fc_dew, self._sun)
            fc = replace(fc, events=fc.events.appended(s, e, False))

        surface = np.minimum(_surface_from(air, cloud, self._sun), cap)
        kinds = _classify(air, surface, warm)
        kinds = np.where(override >= 0, override, kinds)
        kinds = np.where(precip > 0, kinds, PRECIP_NONE).astype(np.int8)
        return replace(
            self,
            air_temp_c=_ro(air),
            surface_temp_c=_ro(surface),
            dewpoint_c=_ro(air - depr),
            precip_mm_h=_ro(precip),
            precip_kind=_ro(kinds),
            cloud_cover=_ro(cloud),
            _warm_aloft=_ro(warm),
            _surface_cap=_ro(cap),
            _kind_override=_ro(override),
            _fc=fc,
        )

    # ------------------------------------------------------------------ summaries -----
    def day_summary(self) -> dict[str, np.ndarray]:
        """Per calendar day of the season.

        Keys: ``tmin``/``tmax`` (air, degC), ``precip_mm`` (water equivalent), ``snow_cm``
        (fresh snowfall, cm), ``frost`` (surface minimum below 0 degC: a frost day for the
        road), ``ice_day`` (air maximum below 0 degC); extra: ``surface_tmin``,
        ``snow_depth_cm`` (natural snow cover at the end of the day, cm) and ``risk_night``
        (see `risk_nights`).
        """
        days = self.hours // 24
        air = self.air_temp_c.reshape(days, 24)
        surf_min = self.surface_temp_c.reshape(days, 24).min(axis=1)
        pr = self.precip_mm_h.reshape(days, 24)
        snow_mm = np.where(self.precip_kind == PRECIP_SNOW, self.precip_mm_h, 0.0)
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
            "risk_night": self.risk_nights(),
        }

    def risk_nights(self) -> np.ndarray:
        """Per day d: gladheid risk in the night from 18h on day d to 10h on day d+1.

        Risk = at some hour the surface is below RISK_SURFACE_C and there is moisture:
        precipitation, dewpoint at or above the surface (rijp, condensation), or a road
        still wet from precipitation in the last WET_AFTER_PRECIP_H hours.
        """
        n, days = self.hours, self.hours // 24
        wet = _recent(self.precip_mm_h > 0, WET_AFTER_PRECIP_H)
        moist = wet | (self.dewpoint_c >= self.surface_temp_c)
        risky = (self.surface_temp_c < RISK_SURFACE_C) & moist
        night_len = 24 - RISK_NIGHT_FROM_H + RISK_NIGHT_TO_H
        padded = np.concatenate([risky, np.zeros(night_len, bool)])
        idx = (np.arange(days) * 24 + RISK_NIGHT_FROM_H)[:, None] + np.arange(night_len)
        return padded[np.minimum(idx, n + night_len - 1)].any(axis=1)


# ======================================================================================
def weather_rng(cfg: WeatherConfig, stream: np.random.Generator) -> np.random.Generator:
    """The generator for `Weather.generate`: from `cfg.seed` if set, else the run's weather
    stream itself (as `RegieModel` does).

    With `cfg.seed` set, every run of a scenario gets the same winter whatever its run seed.
    """
    if cfg.seed is not None:
        return np.random.default_rng(cfg.seed)
    return stream


class _Calendar:
    """Dates of the season as numpy arrays: month, day of year, solar geometry."""

    def __init__(self, start: dt.date, days: int) -> None:
        self.dates = np.datetime64(start, "D") + np.arange(days)
        months = self.dates.astype("datetime64[M]")
        self.month0 = months.astype(np.int64) % 12  # 0 = January
        self.doy = (self.dates - self.dates.astype("datetime64[Y]")).astype(np.int64) + 1

    def daily_normals(self) -> np.ndarray:
        """Daily-mean normal [degC] per day, linear between mid-month anchors."""
        first = self.dates[0].astype("datetime64[M]").astype(np.int64) - 1
        last = self.dates[-1].astype("datetime64[M]").astype(np.int64) + 1
        month_ids = np.arange(first, last + 1)
        anchors = month_ids.astype("datetime64[M]").astype("datetime64[D]") + 14
        values = np.asarray(MONTHLY_NORMAL_C)[month_ids % 12]
        return np.interp(self.dates.astype(np.int64), anchors.astype(np.int64), values)

    def declination_rad(self) -> np.ndarray:
        """Solar declination per day (Cooper's formula) [rad]."""
        return np.radians(23.44) * np.sin(2 * np.pi * (284 + self.doy) / 365.0)

    def noon_elevation_sine(self) -> np.ndarray:
        """Sine of the sun's elevation at solar noon per day [-]."""
        return np.cos(np.radians(LATITUDE_DEG) - self.declination_rad())

    def solar_forcing(self) -> np.ndarray:
        """Sine of the sun's elevation per hour (0 at night), from latitude and declination."""
        decl = np.repeat(self.declination_rad(), 24)
        hod = np.tile(np.arange(24), len(self.dates))
        lat = np.radians(LATITUDE_DEG)
        hour_angle = np.radians(15.0 * (hod + 0.5 - SOLAR_NOON_H))
        s = np.sin(lat) * np.sin(decl) + np.cos(lat) * np.cos(decl) * np.cos(hour_angle)
        return np.clip(s, 0.0, None)


def _steps(start: np.ndarray, end: np.ndarray, value: np.ndarray, n: int) -> np.ndarray:
    """Hourly sum of `value[i]` over the intervals [start[i], end[i]) within 0..n."""
    diff = np.zeros(n + 1)
    np.add.at(diff, np.clip(start, 0, n), value)
    np.add.at(diff, np.clip(end, 0, n), -value)
    return np.cumsum(diff[:n])


def _ro(a: np.ndarray) -> np.ndarray:
    """Make an array read-only (a frozen Weather must not be changed in place)."""
    a = np.asarray(a)
    a.flags.writeable = False
    return a


def _ar1(z: np.ndarray, phi: float) -> np.ndarray:
    """Stationary unit-variance AR(1) from standard normal innovations `z` (along axis -1)."""
    scale = math.sqrt(1.0 - phi * phi)
    zi = z[..., :1] * (1.0 - scale)  # start in the stationary distribution: y[0] = z[0]
    y, _ = lfilter([1.0], [1.0, -phi], z * scale, axis=-1, zi=zi)
    return y


def _diurnal_shape(hod: np.ndarray) -> np.ndarray:
    """-1 at HOUR_OF_TMIN, +1 at HOUR_OF_TMAX, half-cosines in between (mean zero)."""
    rise = HOUR_OF_TMAX - HOUR_OF_TMIN
    h = np.asarray(hod, float)
    since_min = (h - HOUR_OF_TMIN) % 24
    return np.where(
        since_min <= rise,
        -np.cos(np.pi * since_min / rise),
        np.cos(np.pi * (since_min - rise) / (24 - rise)),
    )


def _surface_from(air: np.ndarray, cloud: np.ndarray, sun: np.ndarray) -> np.ndarray:
    """Reference road-surface temperature [degC] from air, cloud and sun.

    Driving temperature = air - net longwave loss to a clear sky + sunshine on the road +
    a pull towards the ground (an exponential mean of the air with a 3-day lag, a little
    warmer); the surface follows it as a first-order lag of SURFACE_LAG_H hours.
    """
    clear = 1.0 - cloud
    a_g = math.exp(-1.0 / GROUND_LAG_H)
    ground, _ = lfilter([1 - a_g], [1.0, -a_g], air, zi=[a_g * air[:24].mean()])
    drive = (
        air
        - RADIATIVE_LOSS_C * clear
        + SOLAR_GAIN_C * clear * sun
        + GROUND_COUPLING * (ground + GROUND_OFFSET_C - air)
    )
    a_s = math.exp(-1.0 / SURFACE_LAG_H)
    surface, _ = lfilter([1 - a_s], [1.0, -a_s], drive, zi=[a_s * drive[0]])
    return surface


def _classify(air: np.ndarray, surface: np.ndarray, warm_aloft: np.ndarray) -> np.ndarray:
    """Kind of precipitation if it falls: snow, rain or freezing rain (int8).

    Snow below SNOW_BELOW_AIR_C unless a warm layer aloft melted it (and the air near the
    ground is not so cold that it refreezes); rain on a surface below 0 degC is ijzel.
    """
    melted = warm_aloft & (air >= WARM_ALOFT_MIN_AIR_C)
    liquid = (air >= SNOW_BELOW_AIR_C) | melted
    kind = np.where(liquid, np.where(surface < 0.0, PRECIP_FREEZING_RAIN, PRECIP_RAIN), PRECIP_SNOW)
    return kind.astype(np.int8)


def _recent(flag: np.ndarray, hours: int) -> np.ndarray:
    """True where `flag` was true at this hour or in the `hours` hours before."""
    c = np.concatenate([[0], np.cumsum(flag)])
    idx = np.arange(len(flag)) + 1
    return (c[idx] - c[np.maximum(idx - hours - 1, 0)]) > 0


def _runs(n: int) -> int:
    """Number of 6-hourly forecast runs in a season of `n` hours."""
    return -(-n // RUN_INTERVAL_H)


def _draw_events(
    rng: np.random.Generator, start: np.ndarray, end: np.ndarray, warm: np.ndarray
) -> _Events:
    """Per-run detection scores and timing errors for precipitation events.

    A run's score = shared part (the event is intrinsically easy or hard to forecast)
    + run-specific part, so successive runs tend to agree.
    """
    m = len(start)
    shared = rng.standard_normal(m)
    own = rng.standard_normal((m, EVENT_SLOTS))
    shift = rng.standard_normal((m, EVENT_SLOTS))
    score = math.sqrt(0.5) * shared[:, None] + math.sqrt(0.5) * own
    return _Events.sorted(start, end, warm, score, shift)


def _draw_phantoms(rng: np.random.Generator, dry: np.ndarray, n: int) -> _Events:
    """Events that will not happen, on dry days; a run shows one when its score is low."""
    days = len(dry)
    u = rng.random((days, 2))
    dur = 1 + np.floor(rng.gamma(EVENT_DURATION_SHAPE, EVENT_DURATION_SCALE_H, days))
    has = dry & (u[:, 0] < PHANTOM_P_PER_DRY_DAY)
    start = (np.arange(days) * 24 + np.floor(u[:, 1] * 24))[has].astype(np.int64)
    end = np.minimum(start + dur[has].astype(np.int64), n)
    return _draw_events(rng, start, end, np.zeros(len(start), bool))


def _draw_error_fields(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Unit-sd forecast error fields: surface [run, lead] and the air's own part [valid hour].

    Surface = sqrt(shared) * A(valid hour) + sqrt(1 - shared) * B_run(lead), with A an
    AR(1) along valid time (common to all runs, so forecasts for one night agree between
    runs) and B an AR(1) along lead. The caller scales by sd(lead) = base + growth * lead.
    """
    runs, leads = _runs(n), MAX_LEAD_H + RUN_INTERVAL_H + 1
    valid = np.arange(runs)[:, None] * RUN_INTERVAL_H + np.arange(leads)[None, :]
    shared = _ar1(rng.standard_normal(runs * RUN_INTERVAL_H + leads), ERROR_AR_PER_VALID_H)
    own = _ar1(rng.standard_normal((runs, leads)), ERROR_AR_PER_LEAD_H)
    surf = math.sqrt(ERROR_SHARED_VAR) * shared[valid] + math.sqrt(1 - ERROR_SHARED_VAR) * own
    air_own = _ar1(rng.standard_normal(runs * RUN_INTERVAL_H + leads), ERROR_AR_PER_VALID_H)
    return {"err_surface": _ro(surf), "err_air_own": _ro(air_own)}


def _event_probability(
    ev: _Events, run: int, run_hour: int, hrs: np.ndarray, rate_24h: float, phantom: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Forecast precipitation probability per hour from one run's view of `ev`.

    A real event is seen unless it is missed; the miss rate grows linearly with lead from
    MISS_AT_ZERO_LEAD * rate at lead 0 to `rate_24h` at 24 h. A phantom event is seen
    (a false alarm) with a chance growing the same way. An event is seen when ndtr(score)
    clears that threshold; the margin sets the probability, which also fades with lead.
    Returns the probability and whether a seen event has a warm layer aloft, per hour.
    """
    prob = np.zeros(len(hrs))
    warm = np.zeros(len(hrs), bool)
    if len(hrs) == 0 or len(ev.start) == 0:
        return prob, warm
    # Candidates: events that, shifted by at most MAX_TIMING_SHIFT_H, can touch the window.
    lo = int(np.searchsorted(ev.end_reach, hrs[0] - MAX_TIMING_SHIFT_H, "right"))
    hi = int(np.searchsorted(ev.start, hrs[-1] + MAX_TIMING_SHIFT_H, "right"))
    rows = np.arange(lo, hi)
    slot = run - _Events.first_run(ev.start[rows])
    rows, slot = rows[slot >= 0], slot[slot >= 0]  # earlier runs are too far ahead to see it
    if len(rows) == 0:
        return prob, warm
    slot = np.minimum(slot, EVENT_SLOTS - 1)  # a very long event: later runs reuse the last
    start = ev.start[rows]
    lead_ev = np.maximum(start - run_hour, 0)
    shift = TIMING_SD_PER_LEAD_H * lead_ev * ev.shift_z[rows, slot]
    shift = np.rint(np.minimum(np.maximum(shift, -MAX_TIMING_SHIFT_H), MAX_TIMING_SHIFT_H))
    s, e = start + shift.astype(np.int64), ev.end[rows] + shift.astype(np.int64)
    rate = np.minimum(
        rate_24h * (MISS_AT_ZERO_LEAD + (1 - MISS_AT_ZERO_LEAD) * lead_ev / 24.0), 0.98
    )
    miss = 1.0 - rate if phantom else rate
    seen_q = ndtr(ev.score[rows, slot])
    margin = np.minimum((seen_q - miss) / np.maximum(1.0 - miss, 1e-9), 1.0)
    fade = np.maximum(1.0 - PRECIP_PROB_DECAY_PER_H * lead_ev, 0.0)
    p_ev = np.where(
        seen_q >= miss, PRECIP_PROB_LOW + (PRECIP_PROB_HIGH * fade - PRECIP_PROB_LOW) * margin, 0.0
    )
    cover = (hrs[None, :] >= s[:, None]) & (hrs[None, :] < e[:, None])
    prob = (cover * p_ev[:, None]).max(axis=0)
    warm = (cover & (p_ev > 0)[:, None] & ev.warm_aloft[rows][:, None]).any(axis=0)
    return prob, warm


def _rebased(
    fc: _ForecastBasis, air: np.ndarray, cloud: np.ndarray, dew: np.ndarray, sun: np.ndarray
) -> _ForecastBasis:
    """The forecast basis with new air, cloud and dewpoint (surface re-derived)."""
    return replace(
        fc,
        air=_ro(air),
        cloud=_ro(cloud),
        dewpoint=_ro(np.minimum(dew, air)),
        surface=_ro(_surface_from(air, cloud, sun)),
    )
