"""Re-running a procesregie session from its log, and its ghost runs; both end as a
:class:`~debrief.proces_trace.ProcesTrace`.

*Session re-run.* The log holds the inputs (people's actions, the trainer's injects and
seat changes); the header's scenario, seed and seats and the one replay of
:mod:`sim.session` (``LogInputs`` on the :class:`~sim.driver.Driver`) rebuild the process
week by week while :class:`~debrief.proces_trace.Snapshots` watches. The indicators read
the log's own events; the re-run gives what the log does not carry week by week (who sat
at the table, the rules in force, trust in the gemeente).

*Ghost runs.* The same process and seed with a bot in a person's seat: each seat a person
held is taken by each archetype of its kind in turn (the regisseur's: open, haastig,
sturend; a party's: constructief, afwachtend, dwarsligger), the other seats keep the
session's bots (a seat a person held goes to the scenario's bot, or the schema's default
archetype when the scenario seats a person there), the trainer's injects come at the same
weeks, on each seed. A process that finished runs its ghosts to their own end; a session
cut short stops them at the same week.
"""

from __future__ import annotations

from dataclasses import dataclass

from debrief.proces_trace import REGISSEUR, ProcesTrace, Snapshots, build_trace, seat_kind
from sim.driver import Driver, Trainer, TrainerAct


def seats_of(scenario) -> list[str]:
    """Every seat of a procesregie scenario: the parties in order, then the regisseur."""
    return [*(p.key for p in scenario.parties), REGISSEUR]


def human_seats(session) -> list[str]:
    """Seats a person held at any time of the session, in the scenario's order."""
    held = {s for s, c in session.controllers.items() if c.get("type") == "human"}
    held |= {
        e["role"] for e in session.events if e["kind"] == "controller" and e.get("bot") is None
    }
    return [s for s in seats_of(session.scenario) if s in held]


def default_bot(scenario, seat: str) -> str:
    """The bot that takes a person's seat in a ghost run: the scenario's, else the
    schema's default archetype for that kind of seat."""
    from sim.procesregie.schema import PartySpec, RegisseurConfig

    if seat == REGISSEUR:
        return scenario.regisseur.bot or RegisseurConfig.model_fields["bot"].default
    spec = next(p for p in scenario.parties if p.key == seat)
    return spec.bot or PartySpec.model_fields["bot"].default


def _stop(session) -> int | None:
    """The week the ghosts stop: None when the process finished (they run to their own
    end), else the week where the log stops."""
    end = session.end
    if end is not None and end.get("finished"):
        return None
    ticks = [e["tick"] for e in session.events]
    return max(ticks, default=0)


def rerun_session(session) -> ProcesTrace:
    """Rebuild the session's process from its log (see the module docstring)."""
    from sim.families import make_model
    from sim.session import LogInputs, ReplayDivergence
    from sim.session.seats import apply_seats

    model = make_model(session.scenario, seed=session.seed, base_dir=session.base_dir)
    start = {
        s: (None if c.get("type") == "human" else c.get("bot"), c.get("name"))
        for s, c in session.controllers.items()
    }
    apply_seats(model, start)
    inputs = LogInputs(session.events, session.path)
    snaps = Snapshots(model)
    driver = Driver(model, sources=[inputs, snaps])
    notes: list[str] = []
    divergence = None
    stop = _stop(session)
    try:
        status = driver.run(until=None if stop is None else (0, stop))
        if status == "waiting":
            notes.append(f"the log stops while a person still had to answer (week {model.week})")
    except ReplayDivergence as div:
        divergence = f"log line {div.line} (seq {div.seq}, week {div.tick}): {div.message}"
    events = [e for e in session.events if e["kind"] not in ("checkpoint",)]
    return build_trace(
        model, snaps, label="session", events=events, divergence=divergence, notes=notes
    )


@dataclass(frozen=True)
class GhostSpec:
    """One ghost run: which seat the archetype takes, on which seed, until when."""

    seat: str
    archetype: str
    seed: int
    seats0: tuple[tuple[str, str], ...]  # (seat, bot) for every seat at week 0
    changes: tuple[tuple[int, str, str], ...]  # (week, seat, bot)
    injects: tuple[tuple[int, str, float], ...]  # (week, name, severity)
    stop: int | None  # None: to the process's own end

    def key(self) -> tuple:
        """Runs with equal keys are the same run (computed once)."""
        return (self.seed, self.seats0, self.changes, self.injects, self.stop)


def ghost_specs(session, seeds: list[int]) -> list[GhostSpec]:
    """Each seat a person held, taken by each archetype of its kind in turn, on each seed."""
    from sim.procesregie.bots import BOTS

    sc = session.scenario
    start = {}
    for seat in seats_of(sc):
        c = session.controllers.get(seat, {})
        start[seat] = default_bot(sc, seat) if c.get("type", "bot") == "human" else c["bot"]
    changes, injects = [], []
    for e in session.events:
        if e["kind"] == "controller":
            bot = e.get("bot") or default_bot(sc, e["role"])
            changes.append((e["tick"], e["role"], bot))
        elif e["kind"] == "inject" and e.get("source") != "scenario":
            injects.append((e["tick"], e["name"], float(e["severity"])))
    out = []
    for seat in human_seats(session):
        for archetype in BOTS[seat_kind(seat)]:
            seats0 = tuple((s, archetype if s == seat else start[s]) for s in seats_of(sc))
            ch = tuple(c for c in changes if c[1] != seat)
            for seed in seeds:
                out.append(
                    GhostSpec(seat, archetype, seed, seats0, ch, tuple(injects), _stop(session))
                )
    return out


def run_ghost(scenario, spec: GhostSpec) -> ProcesTrace:
    """Run one ghost (see the module docstring)."""
    from sim.families import make_model

    model = make_model(scenario, seed=spec.seed)
    for seat, bot in spec.seats0:
        if model.bots.get(seat) is None or model.bots[seat].name != bot:
            model.set_controller(seat, bot)
    acts = sorted(
        [TrainerAct(0, w, "seat", {"role": s, "bot": b}) for w, s, b in spec.changes]
        + [TrainerAct(0, w, "inject", {"name": n, "severity": v}) for w, n, v in spec.injects],
        key=lambda a: a.tick,
    )
    snaps = Snapshots(model)
    driver = Driver(model, sources=[Trainer(acts), snaps])
    driver.run(until=None if spec.stop is None else (0, spec.stop))
    return build_trace(
        model,
        snaps,
        label=f"{spec.seat}:{spec.archetype}",
        role=spec.seat,
        archetype=spec.archetype,
    )
