"""A run as the debrief sees it (:class:`Trace`), and what collects it while the driver
steps: each season's events (heard as the session log hears them, trust changes
included), daily series, extras, KPIs and weather digests, and who held each seat when."""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.actions import ROLES
from sim.driver import Driver, Source


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
    extras: dict[str, list]  # invoices, requests, reports, points, disputes, maturity,
    # trust_history: [(t, reason, change of gemeente's trust, of executor's)] (trust events)
    seat: dict[str, list[tuple[int, int, str | None]]]  # role -> [(t_from, t_to, bot|None)]
    weather_start: list[str]  # digest per season before the first hour
    weather_end: list[str]  # digest per season where the run stopped
    role: str | None = None  # ghost: the seat the archetype took
    archetype: str | None = None
    stop_t: int = 0  # hour (since the first season began) where the run stopped
    start_date: str = ""  # ISO date of the first season's first day (the scenario's)
    divergence: str | None = None  # session re-run: first difference with the log
    notes: list[str] = field(default_factory=list)
    # What held before the first hour: the scenario's contract, whether a design phase
    # was to be played, the executor's maturity and plough threshold (debrief.design_score)
    start: dict = field(default_factory=dict)

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
        "maturity": [(off, gov.rel.maturity)],
    }


def _merge_extras(parts: list[dict[str, list]], trust: list[dict]) -> dict[str, list]:
    out: dict[str, list] = {}
    for part in parts:
        for k, v in part.items():
            out.setdefault(k, []).extend(v)
    out["trust_history"] = trust_history(trust)
    return out


def trust_history(events: list[dict]) -> list[tuple[int, str, float, float]]:
    """Why trust moved, from `trust` events (a log's, or a run's heard by a listener):
    (t, reason, change of the gemeente's trust, change of the executor's trust)."""
    out = []
    for e in events:
        if e["kind"] == "trust":
            change = e["after"] - e["before"]
            g = e["who"] == "gemeente"
            out.append((e["t"], e["reason"], change if g else 0.0, 0.0 if g else change))
    return out


def _daily_concat(parts: list[dict[str, list[float]]], days: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for season, part in enumerate(parts):
        for k, v in part.items():
            out.setdefault(k, []).extend(v)
        out.setdefault("gday", []).extend(season * days + d for d in part.get("day", []))
    return out


def start_facts(model) -> dict:
    """What held before the first hour that the design score reads (plain data)."""
    sc = model.scenario
    return {"contract": sc.contract.model_dump(mode="json"),
            "design": getattr(model, "design", None) is not None,
            "sourcing": sc.contract.sourcing, "maturity": float(sc.executor.maturity),
            "plough_threshold_cm": float(sc.executor.plough_threshold_cm)}


class Collector(Source):
    """What a run leaves for the debrief, season by season: the events the model emits
    (heard as the session log hears them), daily series, extras, KPIs, weather digests."""

    def __init__(self, model) -> None:
        self.events: list[dict] = []
        self.daily: list[dict[str, list[float]]] = []
        self.extras: list[dict[str, list]] = []
        self.kpis_by_season: list[dict[str, float]] = []
        self.w_start: list[str] = []
        self.w_end: list[str] = []
        self.start = start_facts(model)
        self._listen(model)

    def _listen(self, model) -> None:
        self.w_start.append(model.weather.digest())
        off = model.season * model.hours

        def hear(event: dict) -> None:
            ev = {"tick": model.hour, **event}
            ev["season"] = model.season
            ev["t"] = off + ev["tick"]
            self.events.append(ev)

        model.add_listener(hear)

    def season_over(self, driver: Driver) -> None:
        self.close(driver.model)

    def season_begun(self, driver: Driver) -> None:
        self._listen(driver.model)

    def close(self, model) -> None:
        """The season's figures (at a season's end, and where the run stops)."""
        from sim.kpi import summary

        self.daily.append(_series(model))
        self.extras.append(_extras(model, model.season))
        self.kpis_by_season.append(summary(model))
        self.w_end.append(model.weather.digest())

    def trace(self, model, seats: Seats, trust: list[dict] | None = None, **kw) -> Trace:
        """The run as a :class:`Trace` (`kw`: label, seed, events, kpis and the rest);
        trust history from `trust` events (default: the ones heard in this run)."""
        stop_t = model.season * model.hours + model.hour
        kw.setdefault("events", self.events)
        kw.setdefault("kpis", self.kpis_by_season[-1])
        kw.setdefault("start", self.start)
        extras = _merge_extras(self.extras, self.events if trust is None else trust)
        return Trace(hours=model.hours, seasons_run=model.season + 1,
                     daily=_daily_concat(self.daily, model.hours // 24),
                     kpis_by_season=self.kpis_by_season, extras=extras,
                     seat=seats.close(stop_t), weather_start=self.w_start,
                     weather_end=self.w_end, stop_t=stop_t,
                     start_date=model.scenario.weather.start_date.isoformat(), **kw)


class Seats:
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
