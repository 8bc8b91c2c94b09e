"""What the debrief report is made of: the session re-run, the ghost runs, the competence
assessments and the charts, gathered once for every language the report is written in."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from debrief import design_ghosts, design_score
from debrief.logread import Session, read_session
from debrief.moments import markers
from debrief.rerun import (
    GhostSpec,
    Runner,
    Trace,
    check_weather,
    ghost_specs,
    rerun_session,
    run_ghost,
)
from debrief.rubric import CompetenceResult, Rubric, assess, load_rubric
from sim.actions import ROLES

N_GHOST_SEEDS = 5


def default_seeds(session_seed: int, n: int = N_GHOST_SEEDS) -> list[int]:
    """The session's seed and the next n-1 seeds."""
    return [session_seed + i for i in range(n)]


@dataclass
class ReportData:
    """Everything the HTML is made of (also handy for tests)."""

    session: Session
    trace: Trace
    rubric: Rubric
    rubric_path: Path
    human_roles: list[str]
    assessed_roles: list[str]
    assessments: dict[str, list[CompetenceResult]]
    seeds: list[int]
    ghosts: list[Trace] = field(default_factory=list)
    ghost_runs: int = 0  # ghost runs the report stands on (equal configurations counted once)
    weather_digest: str = ""
    ghost_scores: dict[str, dict[str, dict[str, float | None]]] = field(default_factory=dict)
    design: design_score.DesignScore | None = None  # did the contract foresee the winter?
    design_runs: list[design_ghosts.DesignRun] = field(default_factory=list)


def prepare(log_path, *, seeds=None, rubric_path=None, workers=None, ghosts=True,
            lang="nl") -> tuple[ReportData, dict[str, str]]:
    """Read, re-run, run the ghosts, assess and draw; returns the data and the SVG charts."""
    data, charts = prepare_many(log_path, seeds=seeds, rubric_path=rubric_path,
                                workers=workers, ghosts=ghosts, langs=(lang,))
    return data, charts[lang]


def prepare_many(log_path, *, seeds=None, rubric_path=None, workers=None, ghosts=True,
                 langs=("nl",)) -> tuple[ReportData, dict[str, dict[str, str]]]:
    """As `prepare`, with the charts drawn for each language (the runs are done once)."""
    from debrief import charts as ch

    session = read_session(log_path)
    rpath = Path(rubric_path) if rubric_path else None
    rubric = load_rubric(rpath)
    from debrief.rubric import default_rubric_path

    rpath = rpath or default_rubric_path()
    humans = session.human_roles()
    seeds = list(dict.fromkeys(seeds)) if seeds else default_seeds(session.seed)
    specs = ghost_specs(session, seeds) if ghosts and humans else []
    unique: dict[tuple, GhostSpec] = {}
    for spec in specs:
        unique.setdefault(spec.key(), spec)
    n_tasks = 1 + len(unique)
    import sim.model  # noqa: F401 - imported once here, inherited by the forked workers

    specs_sorted = sorted(unique.items(), key=lambda kv: (kv[1].seed, kv[1].role,
                                                           kv[1].archetype))
    charts: dict[str, dict[str, str]] = {lang: {} for lang in langs}
    with Runner(min(workers or _workers(), n_tasks)) as runner:
        fut_session = runner.submit(rerun_session, session)
        futs = {k: runner.submit(run_ghost, session.scenario, session.base_dir, s)
                for k, s in specs_sorted}
        trace = fut_session.result()
        design = design_score.score(trace)
        design_futs = (design_ghosts.submit(runner, session, design, seeds)
                       if ghosts and (design.designed or design.gaps) else {})
        assessed = humans or list(ROLES)
        assessments = {r: assess(rubric, trace, r, human=bool(humans)) for r in assessed}
        data = ReportData(session=session, trace=trace, rubric=rubric, rubric_path=rpath,
                          human_roles=humans, assessed_roles=assessed, assessments=assessments,
                          seeds=seeds, design=design)
        budget = session.scenario.municipality.budget_eur_per_season
        for lang in langs:  # drawn while the ghosts run
            charts[lang]["kpi"] = ch.kpi_panels(trace, markers(session, trace, lang), lang,
                                                budget=budget)
            charts[lang]["timeline"] = ch.decision_timeline(trace, list(ROLES), set(humans),
                                                            lang)
        done = {k: f.result() for k, f in futs.items()}
        data.design_runs = design_ghosts.collect(design_futs)
    for spec in specs:
        g = done[spec.key()]
        if g.role != spec.role or g.archetype != spec.archetype:
            g = _relabel(g, spec)
        data.ghosts.append(g)
    by_role: dict[str, dict[str, list[Trace]]] = {}
    design_traces = [g for run in data.design_runs for g in run.traces]
    if data.ghosts or design_traces:
        data.weather_digest = check_weather(trace, data.ghosts + design_traces)
    if data.ghosts:
        data.ghost_runs = len(data.ghosts)
        for role in humans:
            by_arch: dict[str, list[Trace]] = defaultdict(list)
            for g in data.ghosts:
                if g.role == role:
                    by_arch[g.archetype].append(g)
            by_role[role] = dict(by_arch)
            data.ghost_scores[role] = {
                arch: _mean_scores([assess(rubric, g, role, human=False) for g in runs])
                for arch, runs in by_arch.items()}
    for lang in langs:
        for role, by_arch in by_role.items():
            for kpi in ch.GHOST_KPIS:
                charts[lang][f"ghost_{role}_{kpi}"] = ch.ghost_panel(
                    trace, by_arch, kpi, lang, f"ghost-{role}-{kpi}")
        for role in assessed:
            rows = [(c.competence.name.get(lang), c.score,
                     {a: s.get(c.competence.id)
                      for a, s in data.ghost_scores.get(role, {}).items()})
                    for c in assessments[role]]
            charts[lang][f"bars_{role}"] = ch.competence_bars(rows, lang,
                                                              f"competences-{role}")
    return data, charts


def _workers() -> int:
    from debrief.rerun import default_workers

    return default_workers()


def _relabel(g: Trace, spec: GhostSpec) -> Trace:
    """A run shared by two configurations (the same bots everywhere), under this label."""
    import copy

    g2 = copy.copy(g)
    g2.role, g2.archetype, g2.label = spec.role, spec.archetype, f"{spec.role}:{spec.archetype}"
    return g2


def _mean_scores(results: list[list[CompetenceResult]]) -> dict[str, float | None]:
    out: dict[str, list[float]] = defaultdict(list)
    for res in results:
        for c in res:
            if c.score is not None:
                out[c.competence.id].append(c.score)
    ids = [c.competence.id for c in results[0]] if results else []
    return {cid: (sum(out[cid]) / len(out[cid]) if out[cid] else None) for cid in ids}

