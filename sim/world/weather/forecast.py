"""The weather forecast: 6-hourly runs with errors drawn when the winter is generated.

Temperature errors with sd = base + growth * lead, autocorrelated along the lead and, for
the same valid hour, between successive runs (so forecasts converge as the night comes
nearer instead of jumping about). Precipitation as a probability per hour from the true
events, each of which a run may miss (more often at long lead) or place a few hours off,
plus phantom events (false alarms). Asking a forecast consumes no randomness.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from types import SimpleNamespace

import numpy as np

from sim import normal
from sim.world.weather.arrays import ar1, read_only
from sim.world.weather.physics import (
    EVENT_DURATION_SCALE_H,
    EVENT_DURATION_SHAPE,
    classify,
    surface_from,
)

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
# weight of the air error's own part: air error = rho * surface error + this * own part
_AIR_OWN_WEIGHT = math.sqrt(1 - AIR_SURFACE_ERROR_CORR * AIR_SURFACE_ERROR_CORR)


_HOURLY = (
    "hours",
    "surface_temp_c",
    "air_temp_c",
    "precip_prob",
    "precip_kind",
    "hoarfrost_risk",
)  # Forecast's arrays, in field order


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

    def window(self, issue_hour: int, lo: int, hi: int) -> Forecast:
        """Its hours lo..hi-1 (by position), as a forecast issued at `issue_hour`."""
        return Forecast(
            int(issue_hour),
            self.hours[lo:hi],
            self.surface_temp_c[lo:hi],
            self.air_temp_c[lo:hi],
            self.precip_prob[lo:hi],
            self.precip_kind[lo:hi],
            self.hoarfrost_risk[lo:hi],
        )  # the fields of _HOURLY, written out: agents ask for windows every hour


@dataclass(frozen=True, eq=False)
class Events:
    """Precipitation events as the forecast knows them, with the per-run draws.

    Sorted by start; build with `Events.sorted`.
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
    ) -> Events:
        """Events ordered by start hour (stable), read-only."""
        order = np.argsort(start, kind="stable")
        end = np.asarray(end)[order]
        return cls(
            start=read_only(np.asarray(start)[order]),
            end=read_only(end),
            end_reach=read_only(np.maximum.accumulate(end) if len(end) else end),
            warm_aloft=read_only(np.asarray(warm)[order]),
            score=read_only(score[order]),
            shift_z=read_only(shift_z[order]),
        )

    def appended(self, start: int, end: int, warm: bool) -> Events:
        """A copy with one event that every run sees, on time."""
        return Events.sorted(
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
class ForecastBasis:
    """What the forecasters' models know: the truth minus unforecast injects, plus errors."""

    air: np.ndarray
    surface: np.ndarray
    dewpoint: np.ndarray
    cloud: np.ndarray
    events: Events  # real precipitation events
    phantoms: Events  # events that will not happen (false alarms when visible)
    err_surface: np.ndarray  # [runs, lead 0..MAX_LEAD_H+RUN_INTERVAL_H], unit sd
    err_air_own: np.ndarray  # [valid hour], unit sd: the air error's part not shared
    # with the surface error (air error = rho * err_surface + sqrt(1-rho^2) * this)
    base_error_c: float
    growth_c_per_h: float
    miss_rate_24h: float


def make_forecast(fc: ForecastBasis, season_hours: int, issue_hour: int, lead: int) -> Forecast:
    """Compute the forecast issued at `issue_hour` for `lead` hours from the pre-drawn errors
    (`Weather.forecast` serves slices of one such forecast per run)."""
    hrs = np.arange(issue_hour + 1, min(issue_hour + lead, season_hours - 1) + 1)
    run = issue_hour // RUN_INTERVAL_H
    run_hour = run * RUN_INTERVAL_H
    lead_of = hrs - run_hour  # lead of each hour from the run that made the forecast
    # The hours are consecutive: slices read what indexing by `hrs` and `lead_of` would.
    at = slice(issue_hour + 1, issue_hour + 1 + len(hrs))
    err_run = fc.err_surface[run, at.start - run_hour : at.stop - run_hour]
    sd = fc.base_error_c + fc.growth_c_per_h * lead_of
    err_s = sd * err_run
    u_air = AIR_SURFACE_ERROR_CORR * err_run + _AIR_OWN_WEIGHT * fc.err_air_own[at]
    err_a = AIR_ERROR_RATIO * sd * u_air
    surface = fc.surface[at] + err_s
    air = fc.air[at] + err_a
    dew = fc.dewpoint[at] + err_a

    prob_real, warm = _event_probability(fc.events, run, run_hour, hrs, fc.miss_rate_24h)
    prob_fake, _ = _event_probability(
        fc.phantoms, run, run_hour, hrs, FALSE_ALARM_VIS_24H, phantom=True
    )
    prob = np.maximum(PRECIP_PROB_BACKGROUND, np.maximum(prob_real, prob_fake))
    kind = classify(air, surface, warm)
    # Rijp: surface below 0 and below the dewpoint, with no precipitation washing it out.
    hoar = (
        normal.ndtr(-surface / np.maximum(sd, 1e-6))
        * normal.ndtr((dew - surface) / np.hypot(DEW_FORECAST_SD_C, 0.5 * sd))
        * (1.0 - prob)
    )
    return Forecast(
        issue_hour=issue_hour,
        hours=read_only(hrs),
        surface_temp_c=read_only(surface),
        air_temp_c=read_only(air),
        precip_prob=read_only(prob),
        precip_kind=read_only(kind),
        hoarfrost_risk=read_only(hoar),
    )


@dataclass(frozen=True, eq=False)
class RunTable:
    """Consecutive 6-hourly runs, each issued at its run hour, over their first `width`
    hours: row i is run `first + i`, column j its hour `run_hour + 1 + j` (the cells past a
    run's `n_valid` hours, beyond the season, hold no forecast). Arrays are read-only."""

    first: int  # index of the first run
    n_valid: np.ndarray  # int [runs], hours each run covers (fewer at the season's end)
    surface_temp_c: np.ndarray  # [runs, width] as in Forecast
    air_temp_c: np.ndarray
    precip_prob: np.ndarray
    precip_kind: np.ndarray
    hoarfrost_risk: np.ndarray

    def forecast(self, run: int) -> Forecast:
        """Run `run` as a Forecast issued at its run hour over its whole width."""
        i, h = run - self.first, run * RUN_INTERVAL_H
        m = int(self.n_valid[i])
        return Forecast(
            h,
            read_only(np.arange(h + 1, h + 1 + m)),
            self.surface_temp_c[i, :m],
            self.air_temp_c[i, :m],
            self.precip_prob[i, :m],
            self.precip_kind[i, :m],
            self.hoarfrost_risk[i, :m],
        )


def make_table(
    fc: ForecastBasis,
    season_hours: int,
    first: int,
    stop: int,
    width: int,
    compiled: SimpleNamespace | None = None,
) -> RunTable:
    """The runs `first`..`stop-1` over their first `width` hours, computed at once: every
    cell is the value `make_forecast(fc, season_hours, run_hour, width)` gives, bit for bit
    (the same elementwise operations in the same order; tests/world/test_weather.py checks
    each run). With `compiled` (the weather's kernels) the normal CDF is computed in C."""
    ndtr = normal.ndtr if compiled is None else compiled.ndtr
    runs = np.arange(first, stop)
    run_hour = runs * RUN_INTERVAL_H
    n_valid = np.maximum(np.minimum(run_hour + width, season_hours - 1) - run_hour, 0)
    lead_of = np.arange(1, width + 1)  # every run is issued at its run hour
    hour = np.minimum(run_hour[:, None] + lead_of[None, :], season_hours - 1)  # clipped: unused
    err_run = fc.err_surface[first:stop, 1 : width + 1]
    sd = fc.base_error_c + fc.growth_c_per_h * lead_of
    err_s = sd * err_run
    u_air = AIR_SURFACE_ERROR_CORR * err_run + _AIR_OWN_WEIGHT * fc.err_air_own[hour]
    err_a = AIR_ERROR_RATIO * sd * u_air
    surface = fc.surface[hour] + err_s
    air = fc.air[hour] + err_a
    dew = fc.dewpoint[hour] + err_a
    prob_real, warm = _runs_event_probability(
        fc.events, runs, n_valid, width, fc.miss_rate_24h, ndtr=ndtr
    )
    prob_fake, _ = _runs_event_probability(
        fc.phantoms, runs, n_valid, width, FALSE_ALARM_VIS_24H, phantom=True, ndtr=ndtr
    )
    prob = np.maximum(PRECIP_PROB_BACKGROUND, np.maximum(prob_real, prob_fake))
    kind = classify(air, surface, warm)
    hoar = (
        ndtr(-surface / np.maximum(sd, 1e-6))
        * ndtr((dew - surface) / np.hypot(DEW_FORECAST_SD_C, 0.5 * sd))
        * (1.0 - prob)
    )
    return RunTable(
        first, read_only(n_valid), *(read_only(a) for a in (surface, air, prob, kind, hoar))
    )


def make_runs(
    fc: ForecastBasis,
    season_hours: int,
    first: int,
    stop: int,
    compiled: SimpleNamespace | None = None,
) -> list[Forecast]:
    """The forecasts of runs `first`..`stop-1`, each issued at its run hour over its whole
    reach (`make_forecast(fc, season_hours, run_hour, RUN_INTERVAL_H - 1 + MAX_LEAD_H)`),
    computed for all of them at once (see `make_table`)."""
    table = make_table(fc, season_hours, first, stop, RUN_INTERVAL_H - 1 + MAX_LEAD_H, compiled)
    return [table.forecast(run) for run in range(first, stop)]


def _runs_event_probability(
    ev: Events,
    runs: np.ndarray,
    n_valid: np.ndarray,
    width: int,
    rate_24h: float,
    phantom: bool = False,
    ndtr: Callable[[np.ndarray], np.ndarray] = normal.ndtr,
) -> tuple[np.ndarray, np.ndarray]:
    """`_event_probability` for several runs at once, each over its first `n_valid` lead
    hours (1..): [run, lead - 1] arrays of the probability and the warm-aloft flag.

    Each (event, run) pair that `_event_probability` would consider (the run is late
    enough for the event's slots) gets the same per-pair values; the hours it covers then
    take the maximum, which does not depend on the order of the pairs.
    """
    n_runs = len(runs)
    prob = np.zeros(n_runs * width)
    warm = np.zeros(n_runs * width, bool)
    if n_runs == 0 or len(ev.start) == 0:
        return prob.reshape(n_runs, width), warm.reshape(n_runs, width)
    first, stop = int(runs[0]), int(runs[-1]) + 1
    # Pairs: runs from the event's first slot (and the block's first run) to the last
    # run whose window the event, shifted by at most MAX_TIMING_SHIFT_H, can still reach.
    first_run = Events.first_run(ev.start)
    lo = np.maximum(first_run, first)
    hi = np.minimum((ev.end + MAX_TIMING_SHIFT_H) // RUN_INTERVAL_H + 1, stop)
    count = np.maximum(hi - lo, 0)
    event = np.repeat(np.arange(len(ev.start)), count)
    if len(event) == 0:
        return prob.reshape(n_runs, width), warm.reshape(n_runs, width)
    run = np.arange(len(event)) - np.repeat(np.cumsum(count) - count, count) + lo[event]
    run_hour = run * RUN_INTERVAL_H
    slot = np.minimum(run - first_run[event], EVENT_SLOTS - 1)
    start = ev.start[event]
    lead_ev = np.maximum(start - run_hour, 0)
    shift = TIMING_SD_PER_LEAD_H * lead_ev * ev.shift_z[event, slot]
    shift = np.rint(np.minimum(np.maximum(shift, -MAX_TIMING_SHIFT_H), MAX_TIMING_SHIFT_H))
    s, e = start + shift.astype(np.int64), ev.end[event] + shift.astype(np.int64)
    rate = np.minimum(
        rate_24h * (MISS_AT_ZERO_LEAD + (1 - MISS_AT_ZERO_LEAD) * lead_ev / 24.0), 0.98
    )
    miss = 1.0 - rate if phantom else rate
    seen_q = ndtr(ev.score[event, slot])
    margin = np.minimum((seen_q - miss) / np.maximum(1.0 - miss, 1e-9), 1.0)
    fade = np.maximum(1.0 - PRECIP_PROB_DECAY_PER_H * lead_ev, 0.0)
    p_ev = np.where(
        seen_q >= miss, PRECIP_PROB_LOW + (PRECIP_PROB_HIGH * fade - PRECIP_PROB_LOW) * margin, 0.0
    )
    # The lead positions each pair covers in its run's window: [a, b) of 0..n_valid-1.
    a = np.maximum(s - run_hour - 1, 0)
    b = np.minimum(e - run_hour - 1, n_valid[run - first])
    span = np.maximum(b - a, 0)
    pair = np.repeat(np.arange(len(event)), span)
    pos = (
        (run[pair] - first) * width
        + a[pair]
        + (np.arange(len(pair)) - np.repeat(np.cumsum(span) - span, span))
    )
    np.maximum.at(prob, pos, p_ev[pair])
    hot = (p_ev > 0) & ev.warm_aloft[event]
    warm[pos[hot[pair]]] = True
    return prob.reshape(n_runs, width), warm.reshape(n_runs, width)


def _runs(n: int) -> int:
    """Number of 6-hourly forecast runs in a season of `n` hours."""
    return -(-n // RUN_INTERVAL_H)


def draw_events(
    rng: np.random.Generator, start: np.ndarray, end: np.ndarray, warm: np.ndarray
) -> Events:
    """Per-run detection scores and timing errors for precipitation events.

    A run's score = shared part (the event is intrinsically easy or hard to forecast)
    + run-specific part, so successive runs tend to agree.
    """
    m = len(start)
    shared = rng.standard_normal(m)
    own = rng.standard_normal((m, EVENT_SLOTS))
    shift = rng.standard_normal((m, EVENT_SLOTS))
    score = math.sqrt(0.5) * shared[:, None] + math.sqrt(0.5) * own
    return Events.sorted(start, end, warm, score, shift)


def draw_phantoms(rng: np.random.Generator, dry: np.ndarray, n: int) -> Events:
    """Events that will not happen, on dry days; a run shows one when its score is low."""
    days = len(dry)
    u = rng.random((days, 2))
    dur = 1 + np.floor(rng.gamma(EVENT_DURATION_SHAPE, EVENT_DURATION_SCALE_H, days))
    has = dry & (u[:, 0] < PHANTOM_P_PER_DRY_DAY)
    start = (np.arange(days) * 24 + np.floor(u[:, 1] * 24))[has].astype(np.int64)
    end = np.minimum(start + dur[has].astype(np.int64), n)
    return draw_events(rng, start, end, np.zeros(len(start), bool))


def draw_error_fields(
    rng: np.random.Generator, n: int, compiled: SimpleNamespace | None = None
) -> dict[str, np.ndarray]:
    """Unit-sd forecast error fields: surface [run, lead] and the air's own part [valid hour].

    Surface = sqrt(shared) * A(valid hour) + sqrt(1 - shared) * B_run(lead), with A an
    AR(1) along valid time (common to all runs, so forecasts for one night agree between
    runs) and B an AR(1) along lead. The caller scales by sd(lead) = base + growth * lead.
    """
    runs, leads = _runs(n), MAX_LEAD_H + RUN_INTERVAL_H + 1
    valid = np.arange(runs)[:, None] * RUN_INTERVAL_H + np.arange(leads)[None, :]
    shared = ar1(rng.standard_normal(runs * RUN_INTERVAL_H + leads), ERROR_AR_PER_VALID_H, compiled)
    own = ar1(rng.standard_normal((runs, leads)), ERROR_AR_PER_LEAD_H, compiled)
    surf = math.sqrt(ERROR_SHARED_VAR) * shared[valid] + math.sqrt(1 - ERROR_SHARED_VAR) * own
    air_own = ar1(
        rng.standard_normal(runs * RUN_INTERVAL_H + leads), ERROR_AR_PER_VALID_H, compiled
    )
    return {"err_surface": read_only(surf), "err_air_own": read_only(air_own)}


def _event_probability(
    ev: Events, run: int, run_hour: int, hrs: np.ndarray, rate_24h: float, phantom: bool = False
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
    # Earlier runs are too far ahead to see an event: its slot is negative. Slots grow
    # with the start, which is sorted, so those events are the last ones of lo..hi.
    slot = run - Events.first_run(ev.start[lo:hi])
    hi = lo + int(np.searchsorted(-slot, 0, "right"))
    if hi <= lo:
        return prob, warm
    rows = np.arange(lo, hi)
    slot = np.minimum(slot[: hi - lo], EVENT_SLOTS - 1)  # a long event: later runs reuse the last
    start = ev.start[lo:hi]
    lead_ev = np.maximum(start - run_hour, 0)
    shift = TIMING_SD_PER_LEAD_H * lead_ev * ev.shift_z[rows, slot]
    shift = np.rint(np.minimum(np.maximum(shift, -MAX_TIMING_SHIFT_H), MAX_TIMING_SHIFT_H))
    s, e = start + shift.astype(np.int64), ev.end[rows] + shift.astype(np.int64)
    rate = np.minimum(
        rate_24h * (MISS_AT_ZERO_LEAD + (1 - MISS_AT_ZERO_LEAD) * lead_ev / 24.0), 0.98
    )
    miss = 1.0 - rate if phantom else rate
    seen_q = normal.ndtr(ev.score[rows, slot])
    margin = np.minimum((seen_q - miss) / np.maximum(1.0 - miss, 1e-9), 1.0)
    fade = np.maximum(1.0 - PRECIP_PROB_DECAY_PER_H * lead_ev, 0.0)
    p_ev = np.where(
        seen_q >= miss, PRECIP_PROB_LOW + (PRECIP_PROB_HIGH * fade - PRECIP_PROB_LOW) * margin, 0.0
    )
    cover = (hrs[None, :] >= s[:, None]) & (hrs[None, :] < e[:, None])
    prob = (cover * p_ev[:, None]).max(axis=0)
    warm = (cover & (p_ev > 0)[:, None] & ev.warm_aloft[rows][:, None]).any(axis=0)
    return prob, warm


def rebased(
    fc: ForecastBasis, air: np.ndarray, cloud: np.ndarray, dew: np.ndarray, sun: np.ndarray
) -> ForecastBasis:
    """The forecast basis with new air, cloud and dewpoint (surface re-derived)."""
    return replace(
        fc,
        air=read_only(air),
        cloud=read_only(cloud),
        dewpoint=read_only(np.minimum(dew, air)),
        surface=read_only(surface_from(air, cloud, sun)),
    )
