"""Re-running a session and its ghost runs; both end as a :class:`Trace`.

*Session re-run.* The session log holds inputs (human actions, trainer injects, seat
changes), not the state, so the debrief rebuilds the run: the header's scenario and seed,
the header's seats, every input applied in `seq` order before its tick is stepped
(docs/session-log.md), stepped by the one replay of :mod:`sim.session` on
:class:`sim.driver.Driver`. The re-run gives the daily KPI series and what the log does not
carry (invoice fair values, briefing forecasts). Why trust moved is read from the log's
`trust` events (format version 2; for a version 1 log, from the re-run's). The re-run's
events are compared with the log; a difference (another model version) is reported.

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
from dataclasses import dataclass
from multiprocessing import get_context

from debrief.trace import Collector, Seats, Trace
from sim.actions import ROLES
from sim.driver import Driver, Source, Trainer, TrainerAct

# Event kinds the session log has but the model does not emit itself.
LOG_ONLY_KINDS = frozenset({"checkpoint", "end", "next_season", "trainer"})


class GhostWeatherError(AssertionError):
    """A ghost run did not run on the session's weather."""


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


def _seasons_in_log(events: list[dict]) -> int:
    return 1 + sum(1 for e in events if e["kind"] == "next_season")


# ------------------------------------------------------------------ session re-run ----
def rerun_session(session) -> Trace:
    """Rebuild the session's run from its log (see the module docstring): the one replay
    of `sim.session` (its :class:`~sim.session.LogInputs`) on the debrief's driver."""
    from sim.model import RegieModel
    from sim.session import LogInputs, ReplayDivergence
    from sim.session.seats import apply_seats

    model = RegieModel(session.scenario, seed=session.seed, base_dir=session.base_dir)
    start = {r: (None if c.get("type") == "human" else c.get("bot"), c.get("name"))
             for r, c in session.controllers.items()}
    apply_seats(model, start)
    collect = Collector(model)
    inputs = LogInputs(session.events, session.path)
    driver = Driver(model, sources=[collect, inputs],
                    seasons=max(_seasons_in_log(session.events), 1))
    notes: list[str] = []
    divergence = None
    try:
        if driver.run(until=_stop_point(session.events) or (0, 0)) == "waiting":
            notes.append("the log stops while a person still had to answer "
                         f"(tick {driver.model.hour})")
    except ReplayDivergence as div:
        divergence = f"log line {div.line} (seq {div.seq}, tick {div.tick}): {div.message}"
    model = driver.model
    collect.close(model)
    seats = Seats()
    for role, (bot, _) in start.items():
        seats.set(0, role, bot)
    for season, e in inputs.inputs[:inputs.next]:
        if e["kind"] == "controller":
            seats.set(season * model.hours + e["tick"], e["role"], e.get("bot"))
    version = session.format_version
    rerun_events = [e for e in collect.events if version >= 2 or e["kind"] != "trust"]
    divergence = divergence or compare_events(session.events, rerun_events)
    end = session.end
    kpis = dict(end["kpis"]) if end is not None and end.get("kpis") else (
        collect.kpis_by_season[-1])
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
    # Trust history from the log; a version 1 log has none, so the re-run's stands in.
    trust = log_events if version >= 2 else collect.events
    return collect.trace(model, seats, trust, label="session", seed=session.seed,
                         events=log_events, kpis=kpis, divergence=divergence, notes=notes)


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

    start, changes, injects, stop = session_inputs(session)
    out = []
    for role in roles if roles is not None else session.human_roles():
        for archetype in BOTS[role]:
            seats0 = tuple((r, archetype if r == role else start[r]) for r in ROLES)
            ch = tuple(c for c in changes if c[2] != role)
            for seed in seeds:
                out.append(GhostSpec(role, archetype, seed, session.seed, seats0, ch,
                                     tuple(injects), stop))
    return out


def session_inputs(session) -> tuple[dict[str, str], list, list, tuple[int, int]]:
    """What every ghost of a session shares: the bot in each seat at hour 0 (a person's
    seat goes to the scenario's bot), the seat changes and the trainer's injects as
    (season, tick, ...), and where the session stopped."""
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
    return start, changes, injects, _stop_point(session.events) or (0, 0)


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
    seats = Seats()
    for role, bot in spec.seats0:
        model.set_controller(role, bot)
        seats.set(0, role, bot)
    todo = sorted([(s, t, 0, ("controller", r, b)) for s, t, r, b in spec.changes]
                  + [(s, t, 1, ("inject", n, sev)) for s, t, n, sev in spec.injects])
    acts = [TrainerAct(s, t, "seat", {"role": w[1], "bot": w[2]}) if w[0] == "controller"
            else TrainerAct(s, t, "inject", {"name": w[1], "severity": w[2]})
            for s, t, _, w in todo]

    def seat_taken(driver: Driver, act: TrainerAct) -> None:
        if act.what == "seat":
            m = driver.model
            seats.set(m.season * m.hours + m.hour, act.args["role"], act.args["bot"])

    collect = Collector(model)
    driver = Driver(model, seasons=spec.stop[0] + 1, sources=[
        _GhostWeather(scenario, base_dir, spec), collect, Trainer(acts, on_act=seat_taken)])
    driver.run(until=spec.stop)
    model = driver.model
    collect.close(model)
    for n, e in enumerate(collect.events):
        e["seq"] = n
    return collect.trace(model, seats, label=f"{spec.role}:{spec.archetype}", seed=spec.seed,
                         role=spec.role, archetype=spec.archetype)


class _GhostWeather(Source):
    """Each new winter of a ghost runs on the session's weather."""

    def __init__(self, scenario, base_dir, spec: GhostSpec) -> None:
        self.scenario, self.base_dir, self.spec = scenario, base_dir, spec

    def season_begun(self, driver: Driver) -> None:
        _own_weather(driver.model, self.scenario, self.base_dir, self.spec)


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
