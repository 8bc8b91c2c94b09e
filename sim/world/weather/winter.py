"""One stochastic Dutch winter, hour by hour, at a reference point of the town.

`Weather.generate` draws air temperature, reference road-surface temperature, dewpoint,
precipitation (amount and kind) and cloud cover, and pre-draws everything the forecast
will ever need, so that asking a forecast consumes no randomness and the same question
always gets the same answer (the basis for ghost runs: two runs with the same winter see
the same forecasts).

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

All randomness comes from the `numpy.random.Generator` passed to `generate`; nothing
here reads the clock, prints or touches global random state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np

from sim.compiled import kernel
from sim.scenario.schema import WeatherConfig
from sim.world.weather import injects, summary
from sim.world.weather.arrays import ar1, read_only, steps
from sim.world.weather.climate import (
    ANOMALY_AR,
    ANOMALY_SD_C,
    BLOCK_FULL_ANOMALY_C,
    BLOCK_ONSET_PER_DAY,
    BLOCK_SEASON_WEIGHT,
    CLIMATES,
    DIURNAL_HALF_RANGE_CLEAR_C,
    DIURNAL_HALF_RANGE_OVERCAST_C,
    SeasonCalendar,
    diurnal_shape,
)
from sim.world.weather.forecast import (
    MAX_LEAD_H,
    RUN_INTERVAL_H,
    Forecast,
    ForecastBasis,
    RunTable,
    draw_error_fields,
    draw_events,
    draw_phantoms,
    make_runs,
    make_table,
)
from sim.world.weather.physics import (
    BLOCK_INTENSITY_FACTOR,
    CLOUD_BLOCK_SHIFT,
    CLOUD_DAY_AR,
    CLOUD_DAY_SD,
    CLOUD_HOUR_AR,
    CLOUD_HOUR_SD,
    CLOUD_IN_PRECIP,
    CLOUD_MEAN_LOGIT,
    CLOUD_WET_DAY_SHIFT,
    DEPRESSION_BLOCK_C,
    DEPRESSION_DAY_AR,
    DEPRESSION_DAY_C,
    DEPRESSION_DAY_SD_C,
    DEPRESSION_DAY_SUN_C,
    DEPRESSION_HOUR_AR,
    DEPRESSION_IN_PRECIP_C,
    DEPRESSION_NIGHT_C,
    DEPRESSION_NIGHT_CLEAR_C,
    DEPRESSION_SD_C,
    EVENT_DURATION_SCALE_H,
    EVENT_DURATION_SHAPE,
    EVENT_EXTRA_P,
    EVENT_INTENSITY_FLOOR,
    EVENT_INTENSITY_SCALE,
    EVENT_INTENSITY_SHAPE,
    HOURLY_INTENSITY_SD,
    PRECIP_NONE,
    THAW_DURATION_FACTOR,
    THAW_WARM_ALOFT_P,
    THAW_WET_P,
    classify,
    surface_from,
)

FORECAST_BLOCK_RUNS = 32  # forecast runs made at once (8 days): cheaper than one by one
# Every run of the season is also made at once over its first day (the dispatcher reads
# 12 h ahead, the evening briefing 24 h): the forecasts asked every hour [h].
SHORT_REACH_H = RUN_INTERVAL_H - 1 + 24


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
    # Drivers, kept so that injects can re-derive the surface and precipitation kind.
    sun: np.ndarray = field(repr=False)  # clear-sky solar forcing, sine of sun elevation
    warm_aloft: np.ndarray = field(repr=False)  # bool: a melting layer aloft this hour
    surface_cap: np.ndarray = field(repr=False)  # upper bound on the surface (injects)
    kind_override: np.ndarray = field(repr=False)  # int8, -1 = none (injects)
    basis: ForecastBasis = field(repr=False)  # what the forecast is made from
    # The compiled kernels (see `weather_kernels`) or None: picked when the winter is
    # drawn; the same values either way.
    kernels: SimpleNamespace | None = field(default=None, repr=False)
    # The latest block of 6-hourly runs by run hour, each made over its whole reach (agents
    # ask a run many times). Not copied by `with_event`; answers never depend on it.
    _cache: dict[int, Forecast] = field(default_factory=dict, init=False, repr=False)
    # The season's runs over SHORT_REACH_H (`run_table`), and the Forecasts read from it.
    _table: list[RunTable] = field(default_factory=list, init=False, repr=False)
    _short: dict[int, Forecast] = field(default_factory=dict, init=False, repr=False)

    # ---------------------------------------------------------------- generation -----
    @classmethod
    def generate(cls, cfg: WeatherConfig, rng: np.random.Generator) -> Weather:
        """Draw a winter (and its forecast errors) from `rng`.

        `cfg.seed` is not read here: the caller chooses the generator (see `weather_rng`).
        """
        prof = CLIMATES[cfg.climate]
        compiled = weather_kernels()
        days = cfg.days
        n = days * 24
        t = np.arange(n)
        hod = t % 24
        cal = SeasonCalendar(cfg.start_date, days)

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
                p_wet = prof.block_wet_p
            else:
                p_wet = prof.wet_after_wet if was_wet else prof.wet_after_dry
            was_wet = wet[d] = u_wet[d] < p_wet

        # Daily mean temperature: normals + climate offset + AR(1) + regime.
        ar = ar1(z_anom, ANOMALY_AR, compiled) * ANOMALY_SD_C
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
        rate = steps(ev_start, ev_end, ev_int_sel, n)
        precip = np.where(rate > 1e-9, rate, 0.0) * np.exp(
            HOURLY_INTENSITY_SD * z_precip_hour - 0.5 * HOURLY_INTENSITY_SD**2
        )
        warm_h = steps(ev_start[ev_warm], ev_end[ev_warm], np.ones(ev_warm.sum()), n) > 0.5
        raining = precip > 0

        # Clouds: daily latent (wetter days cloudier, cold spells clearer) + hourly noise.
        cloud_day = (
            CLOUD_DAY_SD * ar1(z_cloud_day, CLOUD_DAY_AR, compiled) + CLOUD_WET_DAY_SHIFT * wet
        )
        cloud_logit = (
            CLOUD_MEAN_LOGIT
            + np.interp(t, centres, cloud_day)
            + CLOUD_HOUR_SD * ar1(z_cloud_hour, CLOUD_HOUR_AR, compiled)
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
        shape = diurnal_shape(hod)
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
            + DEPRESSION_DAY_SD_C
            * np.interp(t, centres, ar1(z_humid_day, DEPRESSION_DAY_AR, compiled))
            + DEPRESSION_SD_C * ar1(z_depr_hour, DEPRESSION_HOUR_AR, compiled)
        )
        depr = np.where(raining, DEPRESSION_IN_PRECIP_C, np.clip(depr, 0.1, None))
        dew = air - depr

        surface = surface_from(air, cloud, sun, compiled)
        kind = classify(air, surface, warm_h)
        kind = np.where(raining, kind, PRECIP_NONE).astype(np.int8)

        fc = ForecastBasis(
            air=read_only(air),
            surface=read_only(surface),
            dewpoint=read_only(dew),
            cloud=read_only(cloud),
            events=draw_events(rng, ev_start, ev_end, ev_warm),
            phantoms=draw_phantoms(rng, ~wet, n),
            **draw_error_fields(rng, n, compiled),
            base_error_c=float(cfg.forecast_base_error_c),
            growth_c_per_h=float(cfg.forecast_error_growth_c_per_h),
            miss_rate_24h=float(cfg.forecast_miss_rate),
        )
        return cls(
            start_date=cfg.start_date,
            hours=n,
            air_temp_c=read_only(air),
            surface_temp_c=read_only(surface),
            dewpoint_c=read_only(dew),
            precip_mm_h=read_only(precip),
            precip_kind=read_only(kind),
            cloud_cover=read_only(cloud),
            sun=read_only(sun),
            warm_aloft=read_only(warm_h),
            surface_cap=read_only(np.full(n, np.inf)),
            kind_override=read_only(np.full(n, -1, np.int8)),
            basis=fc,
            kernels=compiled,
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
        lo = issue_hour - run_hour
        hi = max(min(issue_hour + lead, self.hours - 1) - run_hour, lo)
        if lo + lead <= SHORT_REACH_H:  # within the run's first day: the season's table
            full = self._short.get(run_hour)
            if full is None:
                full = self._short[run_hour] = self.run_table().forecast(run_hour // RUN_INTERVAL_H)
            return full.window(issue_hour, lo, hi)
        full = self._cache.get(run_hour)
        if full is None:
            # Every hour's value depends only on the run and the hour it is for, so each
            # run is made once over all it can cover and each issue hour gets a slice
            # (bit-identical to making that window alone); the runs of a block of
            # FORECAST_BLOCK_RUNS are made together (agents ask most runs of a season).
            first = run_hour // RUN_INTERVAL_H // FORECAST_BLOCK_RUNS * FORECAST_BLOCK_RUNS
            stop = min(first + FORECAST_BLOCK_RUNS, -(-self.hours // RUN_INTERVAL_H))
            runs = make_runs(self.basis, self.hours, first, stop, self.kernels)
            block = {fc.issue_hour: fc for fc in runs}
            full = block[run_hour]
            self._cache.clear()  # a reader in another thread finds a run or makes it anew
            self._cache.update(block)
        return full.window(issue_hour, lo, hi)

    def run_table(self) -> RunTable:
        """Every 6-hourly run of the season over its first SHORT_REACH_H hours, made at once
        when first asked: the values `forecast(run_hour, SHORT_REACH_H)` gives, bit for bit."""
        if not self._table:
            runs = -(-self.hours // RUN_INTERVAL_H)
            table = make_table(self.basis, self.hours, 0, runs, SHORT_REACH_H, self.kernels)
            self._table.append(table)
        return self._table[0]

    # ------------------------------------------------------------------- digests -----
    def digest(self) -> str:
        """sha256 over every array (truth, drivers, forecast basis and errors) and the date."""
        h = hashlib.sha256()
        h.update(self.start_date.isoformat().encode())
        h.update(str(self.hours).encode())
        fc = self.basis
        arrays = [
            self.air_temp_c,
            self.surface_temp_c,
            self.dewpoint_c,
            self.precip_mm_h,
            self.precip_kind,
            self.cloud_cover,
            self.sun,
            self.warm_aloft,
            self.surface_cap,
            self.kind_override,
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

    # ------------------------------------------------------------ injects, summaries -----
    def with_event(self, kind: str, start_hour: int, duration_h: int, severity: float) -> Weather:
        """A copy with an inject in the truth (see `injects.with_event`). Deterministic."""
        return injects.with_event(self, kind, start_hour, duration_h, severity)

    def day_summary(self) -> dict[str, np.ndarray]:
        """Per calendar day of the season (see `summary.day_summary` for the keys)."""
        return summary.day_summary(self)

    def risk_nights(self) -> np.ndarray:
        """Per day d: gladheid risk in the night from 18h on day d to 10h on day d+1."""
        return summary.risk_nights(self)


def weather_kernels() -> SimpleNamespace | None:
    """The weather's compiled functions (sim/world/weather/_weather_c.pyx), or None where
    they are not built or are switched off (sim.compiled). A namespace of the functions,
    which copy and pickle by name: a module does neither, and models are deep-copied."""
    module = kernel("sim.world.weather._weather_c")
    if module is None:
        return None
    return SimpleNamespace(ndtr=module.ndtr, first_order=module.first_order)


def weather_rng(cfg: WeatherConfig, stream: np.random.Generator) -> np.random.Generator:
    """The generator for `Weather.generate`: from `cfg.seed` if set, else the run's weather
    stream itself (as `RegieModel` does).

    With `cfg.seed` set, every run of a scenario gets the same winter whatever its run seed.
    """
    if cfg.seed is not None:
        return np.random.default_rng(cfg.seed)
    return stream
