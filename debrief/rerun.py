"""Re-running a session and its ghost runs; both end as a :class:`Trace`.

*Session re-run.* The session log holds inputs (human actions, trainer injects, seat
changes), not the state, so the debrief rebuilds the run: the header's scenario and seed,
the header's seats, every input applied in `seq` order before its tick is stepped
(docs/session-log.md). The re-run gives the daily KPI series and what the log does not
carry (invoice fair values, briefing forecasts, why trust moved). Its events are compared
with the log; a difference (another model version) is reported, not hidden.

*Ghost runs.* The same winter replayed with a bot in a learner's seat: the session's
scenario, each human seat taken by each bot archetype in turn, the other seats held by
the session's bots (a person's seat by the scenario's bot), the trainer's injects at the
same hours, over several run seeds. Every ghost runs on exactly the session's weather:
with the session's own seed that is the model's own winter; with another seed the other
parts of the world (citizens, chance in meetings) are drawn anew and the session's winter
is put in place before the first hour. The weather digests are compared with the
session's (:func:`check_weather`), at the start and after the last inject.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

from sim.actions import ROLES

# Event kinds the session log has but the model does not emit itself.
LOG_ONLY_KINDS = frozenset({"checkpoint", "end", "next_season", "trainer"})


class GhostWeatherError(AssertionError):
    """A ghost run did not run on the session's weather."""


@dataclass
class Trace:
    """One run as the rubric and the report see it (plain data: crosses processes)."""

    label: str  # "session" or "<role>:<archetype>"
    seed: int
    hours: int  # hours per season
    seasons_run: int
    events: list[dict]  # each with seq, season, tick, t (hour since the first season began)
    daily: dict[str, list[float]]  # daily series (sim.kpi.DAILY_SERIES) plus "gday"
    kpis: dict[str, float]  # season summary of the last season run
    kpis_by_season: list[dict[str, float]]
    extras: dict[str, list]  # invoices, requests, reports, points, disputes, trust_history
    seat: dict[str, list[tuple[int, int, str | None]]]  # role -> [(t_from, t_to, bot|None)]
    weather_start: list[str]  # digest per season before the first hour
    weather_end: list[str]  # digest per season where the run stopped
    role: str | None = None  # ghost: the seat the archetype took
    archetype: str | None = None
    stop_t: int = 0  # hour (since the first season began) where the run stopped
    divergence: str | None = None  # session re-run: first difference with the log
    notes: list[str] = field(default_factory=list)

    def seat_hours(self, role: str, human: bool) -> int:
        """Hours a role was held by a person (human=True) or by a bot."""
        return sum(b - a for a, b, bot in self.seat.get(role, []) if (bot is None) == human)


# --------------------------------------------------------------------- helpers ------
def _series(model) -> dict[str, list[float]]:
    df = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    return {c: [float(v) for v in df[c]] for c in df.columns}


def _extras(model, season: int) -> dict[str, list]:
    gov = model.governance
    off = season * model.hours
    points = []
    for p in gov.board.points:
        ctx = {k: v for k, v in p.context.items() if k not in ("lines", "agenda")}
        if p.kind == "meeting":
            ctx["items"] = len(p.context.get("agenda", []))
        points.append({"id": p.id, "kind": p.kind, "role": p.role, "t": off + p.hour,
                       "ref": p.ref, "deadline_t": off + p.deadline_hour,
                       "answered": p.answered, "context": ctx, "season": season})
    return {
        "invoices": [{"id": i.id, "t": off + i.hour, "claimed": i.claimed_eur,
                      "fair": i.fair_eur, "status": i.status, "paid": i.paid_eur,
                      "season": season} for i in gov.invoices],
        "requests": [{"id": r.id, "t": off + r.hour, "kind": r.kind, "amount": r.amount_eur,
                      "status": r.status, "season": season} for r in gov.requests],
        "reports": [{"id": r["id"], "t": off + r["hour"], "true_output": r["true_output"],
                     "reported_output": r["reported_output"], "honesty": r.get("honesty"),
                     "season": season} for r in gov.reports],
        "points": points,
        "disputes": [{"id": d.id, "t": off + d.hour, "kind": d.kind, "amount": d.amount_eur,
                      "level": d.level, "hardness": d.hardness, "resolved": d.resolved,
                      "inflated": d.inflated, "season": season} for d in gov.disputes],
        "trust_history": [(off + h, what, g, e) for h, what, g, e in gov.rel.history],
        "maturity": [(off, gov.rel.maturity)],
    }


def _merge_extras(parts: list[dict[str, list]]) -> dict[str, list]:
    out: dict[str, list] = {}
    for part in parts:
        for k, v in part.items():
            out.setdefault(k, []).extend(v)
    return out


def _collect(model, season: int, start: int, into: list[dict]) -> None:
    off = season * model.hours
    for e in model.governance.events[start:]:
        ev = dict(e)
        ev["season"] = season
        ev["t"] = off + ev["tick"]
        into.append(ev)


def _daily_concat(parts: list[dict[str, list[float]]], days: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for season, part in enumerate(parts):
        for k, v in part.items():
            out.setdefault(k, []).extend(v)
        out.setdefault("gday", []).extend(season * days + d for d in part.get("day", []))
    return out


class _Seats:
    """Who held each seat when (for exposure: hours a person held a role)."""

    def __init__(self) -> None:
        self.current: dict[str, tuple[int, str | None]] = {}
        self.spans: dict[str, list[tuple[int, int, str | None]]] = {r: [] for r in ROLES}

    def set(self, t: int, role: str, bot: str | None) -> None:
        if role in self.current:
            start, old = self.current[role]
            if t > start:
                self.spans[role].append((start, t, old))
        self.current[role] = (t, bot)

    def close(self, t: int) -> dict[str, list[tuple[int, int, str | None]]]:
        for role, (start, bot) in self.current.items():
            if t > start:
                self.spans[role].append((start, t, bot))
        self.current = {}
        return self.spans


def _stop_point(events: list[dict]) -> tuple[int, int] | None:
    """(season, tick) where a session log stops: its `end` event or its last event."""
    season = 0
    last = None
    for e in events:
        if e["kind"] == "next_season":
            season = e["season"]
            last = (season, 0)
        else:
            last = (season, e["tick"])
    return last


def _inputs(events: list[dict]) -> list[tuple[int, dict]]:
    """The log's inputs with their season, in seq order (docs/session-log.md)."""
    out, season = [], 0
    for e in events:
        kind = e["kind"]
        if kind == "next_season":
            season = e["season"]
        elif kind in ("action", "rejected"):
            if e.get("by", "human") == "human":
                out.append((season, e))
        elif (kind == "inject" and e.get("source") != "scenario") or kind == "controller":
            out.append((season, e))
    return out


def _seasons_in_log(events: list[dict]) -> int:
    return 1 + sum(1 for e in events if e["kind"] == "next_season")


# ------------------------------------------------------------------ session re-run ----
def rerun_session(session) -> Trace:
    """Rebuild the session's run from its log (see the module docstring)."""
    from sim.kpi import summary
    from sim.model import RegieModel

    model = RegieModel(session.scenario, seed=session.seed, base_dir=session.base_dir)
    seats = _Seats()
    for role in ROLES:
        spec = session.controllers[role]
        bot = None if spec.get("type") == "human" else spec.get("bot")
        model.set_controller(role, bot, spec.get("name"))
        seats.set(0, role, bot)
    start = len(model.governance.events)
    inputs = _inputs(session.events)
    stop = _stop_point(session.events) or (0, 0)
    end = session.end
    n_seasons = max(_seasons_in_log(session.events), 1)
    events: list[dict] = []
    daily, extras, kpis_by_season, w_start, w_end = [], [], [], [], []
    w_start.append(model.weather.digest())
    notes: list[str] = []
    i = 0
    while True:
        here = (model.season, model.hour)
        while i < len(inputs) and (inputs[i][0], inputs[i][1]["tick"]) == here:
            event = inputs[i][1]
            try:
                _apply_input(model, event, seats, model.season * model.hours)
            except Exception as err:  # log content reaches the model here
                from sim.inputfile import InputFileError, Problem

                raise InputFileError([Problem(
                    str(session.path), event.get("seq", 0) + 2, "",
                    f"cannot re-apply this {event['kind']}: {type(err).__name__}: {err}")]
                ) from None
            i += 1
        if here >= stop or (model.finished and model.season >= n_seasons - 1):
            break
        if model.finished:
            _close_season(model, events, start, daily, extras, kpis_by_season, w_end)
            model = model.next_season()
            start = len(model.governance.events)
            w_start.append(model.weather.digest())
            continue
        if model.waiting_for_humans():
            notes.append(f"the log stops while a person still had to answer (tick {model.hour})")
            break
        model.step()
    _close_season(model, events, start, daily, extras, kpis_by_season, w_end)
    stop_t = model.season * model.hours + model.hour
    divergence = compare_events(session.events, events)
    kpis = dict(end["kpis"]) if end is not None and end.get("kpis") else summary(model)
    kpis = {k: v for k, v in kpis.items() if v is not None}
    log_events = []
    season = 0
    for e in session.events:
        if e["kind"] == "next_season":
            season = e["season"]
        ev = dict(e)
        ev["season"] = season
        ev["t"] = season * model.hours + e["tick"]
        log_events.append(ev)
    return Trace(label="session", seed=session.seed, hours=model.hours,
                 seasons_run=model.season + 1, events=log_events,
                 daily=_daily_concat(daily, model.hours // 24), kpis=kpis,
                 kpis_by_season=kpis_by_season, extras=_merge_extras(extras),
                 seat=seats.close(stop_t), weather_start=w_start, weather_end=w_end,
                 stop_t=stop_t, divergence=divergence, notes=notes)


def _apply_input(model, event: dict, seats: _Seats, offset: int) -> None:
    kind = event["kind"]
    if kind in ("action", "rejected"):
        model.governance.submit(event["role"], event["action"], by="human")
    elif kind == "inject":
        model.inject(event["name"], event["severity"], event.get("source", "trainer"))
    elif kind == "controller":
        model.set_controller(event["role"], event.get("bot"), event.get("name"))
        seats.set(offset + event["tick"], event["role"], event.get("bot"))


def _close_season(model, events, start, daily, extras, kpis_by_season, w_end) -> None:
    from sim.kpi import summary

    _collect(model, model.season, start, events)
    daily.append(_series(model))
    extras.append(_extras(model, model.season))
    kpis_by_season.append(summary(model))
    w_end.append(model.weather.digest())


def compare_events(log_events: list[dict], rerun_events: list[dict]) -> str | None:
    """First difference between the log and the re-run's model events (None if equal)."""
    want = [e for e in log_events if e["kind"] not in LOG_ONLY_KINDS]
    for n, (a, b) in enumerate(zip(want, rerun_events, strict=False)):
        a2 = {k: v for k, v in a.items() if k not in ("seq", "season", "t")}
        b2 = {k: v for k, v in b.items() if k not in ("seq", "season", "t")}
        if _norm(a2) != _norm(b2):
            return (f"log line {a.get('seq', n) + 2} (seq {a.get('seq')}, tick {a['tick']}): "
                    f"logged {a['kind']}, the re-run gave {b['kind']} at tick {b['tick']}")
    if len(want) > len(rerun_events):
        a = want[len(rerun_events)]
        return f"log line {a.get('seq', 0) + 2}: the re-run stopped before this {a['kind']}"
    if len(rerun_events) > len(want):
        b = rerun_events[len(want)]
        return f"the re-run made more events than the log (first: {b['kind']} at {b['tick']})"
    return None


def _norm(obj):
    import json

    return json.dumps(obj, sort_keys=True, default=str)


# ----------------------------------------------------------------------- ghosts -------
@dataclass(frozen=True)
class GhostSpec:
    """One ghost run: which seat the archetype takes, on which seed, until when."""

    role: str
    archetype: str
    seed: int
    session_seed: int
    seats0: tuple[tuple[str, str], ...]  # (role, bot) for every role at hour 0
    changes: tuple[tuple[int, int, str, str], ...]  # (season, tick, role, bot)
    injects: tuple[tuple[int, int, str, float], ...]  # (season, tick, name, severity)
    stop: tuple[int, int]  # (season, tick)

    def key(self) -> tuple:
        """Runs with equal keys are the same run (computed once)."""
        return (self.seed, self.seats0, self.changes, self.injects, self.stop)


def ghost_specs(session, seeds: list[int], roles: list[str] | None = None) -> list[GhostSpec]:
    """Each human seat taken by each bot archetype in turn, on each seed."""
    from sim.bots import BOTS

    scenario = session.scenario
    default = {r: getattr(scenario.roles, r).bot for r in ROLES}
    start = {}
    for r in ROLES:
        spec = session.controllers[r]
        start[r] = default[r] if spec.get("type") == "human" else spec["bot"]
    changes, injects, season = [], [], 0
    for e in session.events:
        if e["kind"] == "next_season":
            season = e["season"]
        elif e["kind"] == "controller":
            changes.append((season, e["tick"], e["role"], e.get("bot") or default[e["role"]]))
        elif e["kind"] == "inject" and e.get("source") != "scenario":
            injects.append((season, e["tick"], e["name"], float(e["severity"])))
    stop = _stop_point(session.events) or (0, 0)
    out = []
    for role in roles if roles is not None else session.human_roles():
        for archetype in BOTS[role]:
            seats0 = tuple((r, archetype if r == role else start[r]) for r in ROLES)
            ch = tuple(c for c in changes if c[2] != role)
            for seed in seeds:
                out.append(GhostSpec(role, archetype, seed, session.seed, seats0, ch,
                                     tuple(injects), stop))
    return out


_WEATHER: dict[tuple, object] = {}


def _session_weather(scenario, base_dir, seed: int, season: int):
    """The weather the session's seed draws for a season (built the model's own way)."""
    from sim.model import RegieModel
    from sim.scenario.loader import scenario_hash

    key = (scenario_hash(scenario), str(base_dir), seed, season)
    if key not in _WEATHER:
        if len(_WEATHER) > 8:
            _WEATHER.clear()
        _WEATHER[key] = RegieModel(scenario, seed=seed, base_dir=base_dir,
                                   season=season).weather
    return _WEATHER[key]


def run_ghost(scenario, base_dir, spec: GhostSpec) -> Trace:
    """Run one ghost (see the module docstring)."""
    from sim.mesa_compat import forget_finished_models
    from sim.model import RegieModel

    forget_finished_models()  # a debrief runs dozens of ghosts in one process
    model = RegieModel(scenario, seed=spec.seed, base_dir=base_dir)
    _own_weather(model, scenario, base_dir, spec)
    seats = _Seats()
    for role, bot in spec.seats0:
        model.set_controller(role, bot)
        seats.set(0, role, bot)
    start = len(model.governance.events)
    todo = sorted([(s, t, 0, ("controller", r, b)) for s, t, r, b in spec.changes]
                  + [(s, t, 1, ("inject", n, sev)) for s, t, n, sev in spec.injects])
    events: list[dict] = []
    daily, extras, kpis_by_season, w_start, w_end = [], [], [], [model.weather.digest()], []
    i = 0
    last_season = spec.stop[0]
    while True:
        here = (model.season, model.hour)
        while i < len(todo) and (todo[i][0], todo[i][1]) <= here:
            what = todo[i][3]
            if what[0] == "controller":
                model.set_controller(what[1], what[2])
                seats.set(model.season * model.hours + model.hour, what[1], what[2])
            else:
                model.inject(what[1], what[2], "trainer")
            i += 1
        if here >= spec.stop:
            break
        if model.finished:
            if model.season >= last_season:
                break
            _close_season(model, events, start, daily, extras, kpis_by_season, w_end)
            model = model.next_season()
            _own_weather(model, scenario, base_dir, spec)
            start = len(model.governance.events)
            w_start.append(model.weather.digest())
            continue
        model.step()
    _close_season(model, events, start, daily, extras, kpis_by_season, w_end)
    stop_t = model.season * model.hours + model.hour
    for n, e in enumerate(events):
        e["seq"] = n
    return Trace(label=f"{spec.role}:{spec.archetype}", seed=spec.seed, hours=model.hours,
                 seasons_run=model.season + 1, events=events,
                 daily=_daily_concat(daily, model.hours // 24), kpis=kpis_by_season[-1],
                 kpis_by_season=kpis_by_season, extras=_merge_extras(extras),
                 seat=seats.close(stop_t), weather_start=w_start, weather_end=w_end,
                 role=spec.role, archetype=spec.archetype, stop_t=stop_t)


def _own_weather(model, scenario, base_dir, spec: GhostSpec) -> None:
    """With another seed than the session's, put the session's winter in place."""
    if spec.seed != spec.session_seed and scenario.weather.seed is None:
        model.weather = _session_weather(scenario, base_dir, spec.session_seed, model.season)


def check_weather(session_trace: Trace, ghosts: list[Trace]) -> str:
    """Assert every ghost ran on the session's weather; returns the session's digest."""
    for g in ghosts:
        n = min(len(g.weather_start), len(session_trace.weather_start))
        if g.weather_start[:n] != session_trace.weather_start[:n]:
            raise GhostWeatherError(f"ghost {g.label} seed {g.seed} did not start on the "
                                    "session's weather")
        if g.weather_end != session_trace.weather_end[: len(g.weather_end)]:
            raise GhostWeatherError(f"ghost {g.label} seed {g.seed} did not end on the "
                                    "session's weather (injects differ?)")
    return session_trace.weather_start[0]


# -------------------------------------------------------------------- scheduling ------
def default_workers() -> int:
    """Processes for ghost runs: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class Runner:
    """Runs the session re-run and the ghosts, in a process pool when that helps."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else max(1, workers)
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Runner:
        if self.workers > 1:
            try:
                ctx = get_context("fork")
            except ValueError:  # pragma: no cover - no fork on this platform
                ctx = None
            self.pool = ProcessPoolExecutor(self.workers, mp_context=ctx)
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, fn, *args) -> Future:
        """Run fn(*args) in the pool, or here and now without one."""
        if self.pool is not None:
            return self.pool.submit(fn, *args)
        fut: Future = Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as err:  # noqa: BLE001 - handed to the caller via the future
            fut.set_exception(err)
        return fut
