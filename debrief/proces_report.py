"""The debrief report of a procesregie session: one self-contained HTML file.

    build_report("sessie.jsonl", "nabespreking.html", lang="nl")

What it is made of is gathered here (the session's re-run and the ghost runs go to a
process pool, the competences are assessed against the family's rubric, the chart is
drawn) and written as HTML by :mod:`debrief.proces_report_html`. `regie debrief` reaches
it through ``sim.families`` (the family's ``debrief`` part).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from debrief import i18n
from debrief.proces_rerun import GhostSpec, ghost_specs, human_seats, rerun_session, run_ghost
from debrief.proces_rubric import ProcesRubric, assess, default_rubric_path, load_rubric
from debrief.proces_trace import REGISSEUR, ProcesTrace
from debrief.rubric import CompetenceResult

N_GHOST_SEEDS = 5
CHART_KPIS = ("support_pct", "options_explored", "trust_mean", "joint_value")


@dataclass
class ProcesReportData:
    """Everything the HTML is made of (also handy for tests)."""

    session: object  # debrief.logread.Session
    trace: ProcesTrace
    rubric: ProcesRubric
    rubric_path: Path
    human_seats: list[str]
    assessed: list[str]
    assessments: dict[str, list[CompetenceResult]]
    seeds: list[int]
    ghosts: list[ProcesTrace] = field(default_factory=list)
    ghost_runs: int = 0
    ghost_scores: dict[str, dict[str, dict[str, float | None]]] = field(default_factory=dict)

    def ghosts_of(self, seat: str) -> dict[str, list[ProcesTrace]]:
        """The ghost runs of a seat, per archetype."""
        out: dict[str, list[ProcesTrace]] = defaultdict(list)
        for g in self.ghosts:
            if g.role == seat:
                out[g.archetype].append(g)
        return dict(out)


def prepare(
    log_path, *, seeds=None, rubric_path=None, workers=None, ghosts=True
) -> ProcesReportData:
    """Read the log, re-run it, run the ghosts and assess every seat a person held."""
    from debrief.logread import read_session
    from debrief.rerun import Runner, default_workers

    session = read_session(log_path)
    rpath = Path(rubric_path) if rubric_path else default_rubric_path()
    rubric = load_rubric(rpath)
    humans = human_seats(session)
    seeds = (
        list(dict.fromkeys(seeds)) if seeds else [session.seed + i for i in range(N_GHOST_SEEDS)]
    )
    specs = ghost_specs(session, seeds) if ghosts and humans else []
    unique: dict[tuple, GhostSpec] = {}
    for spec in specs:
        unique.setdefault(spec.key(), spec)
    with Runner(min(workers or default_workers(), 1 + len(unique))) as runner:
        fut = runner.submit(rerun_session, session)
        futs = {k: runner.submit(run_ghost, session.scenario, s) for k, s in unique.items()}
        trace = fut.result()
        done = {k: f.result() for k, f in futs.items()}
    assessed = humans or [REGISSEUR]
    data = ProcesReportData(
        session=session,
        trace=trace,
        rubric=rubric,
        rubric_path=rpath,
        human_seats=humans,
        assessed=assessed,
        seeds=seeds,
        assessments={s: assess(rubric, trace, s, human=bool(humans)) for s in assessed},
    )
    for spec in specs:
        g = done[spec.key()]
        if (g.role, g.archetype) != (spec.seat, spec.archetype):
            import copy

            g = copy.copy(g)
            g.role, g.archetype = spec.seat, spec.archetype
            g.label = f"{spec.seat}:{spec.archetype}"
        data.ghosts.append(g)
    data.ghost_runs = len(unique)
    for seat in humans:
        data.ghost_scores[seat] = {
            arch: _mean_scores([assess(rubric, g, seat, human=False) for g in runs])
            for arch, runs in data.ghosts_of(seat).items()
        }
    return data


def _mean_scores(results: list[list[CompetenceResult]]) -> dict[str, float | None]:
    got: dict[str, list[float]] = defaultdict(list)
    for res in results:
        for c in res:
            if c.score is not None:
                got[c.competence.id].append(c.score)
    ids = [c.competence.id for c in results[0]] if results else []
    return {cid: (sum(got[cid]) / len(got[cid]) if got[cid] else None) for cid in ids}


def chart(data: ProcesReportData, seat: str, lang: str) -> str:
    """The session's KPIs week by week beside the ghosts' mean per archetype (inline SVG)."""
    from debrief.charts import ARCHETYPE_COLOURS, _plt, to_svg
    from debrief.event_text import kpi_name

    plt = _plt()
    fig, axes = plt.subplots(1, len(CHART_KPIS), figsize=(11, 2.6))
    by_arch = data.ghosts_of(seat)
    for ax, kpi in zip(axes, CHART_KPIS, strict=True):
        for n, (arch, runs) in enumerate(sorted(by_arch.items())):
            length = max(len(g.series.get(kpi, [])) for g in runs)
            mean = [
                sum(_at(g.series.get(kpi, []), w) for g in runs) / len(runs) for w in range(length)
            ]
            ax.plot(
                range(1, length + 1),
                mean,
                color=ARCHETYPE_COLOURS[n % 6],
                lw=1.2,
                label=i18n.bot_name(arch, lang),
            )
        own = data.trace.series.get(kpi, [])
        ax.plot(range(1, len(own) + 1), own, color="#1d2430", lw=2.2, label=pick_session(lang))
        ax.set_title(kpi_name(kpi, lang))
        ax.set_xlabel(_week_word(lang))
        ax.set_ylim(bottom=min(0.0, *(own or [0.0])))
    axes[0].legend(loc="lower right")
    fig.tight_layout()
    return to_svg(fig, f"proces-kpis-{seat}")


def _at(series: list[float], week: int) -> float:
    """A weekly series at a week (its last value once the process has ended)."""
    return series[min(week, len(series) - 1)] if series else 0.0


def pick_session(lang: str) -> str:
    return "deze sessie" if lang == "nl" else "this session"


def _week_word(lang: str) -> str:
    return "week" if lang == "nl" else "week"


def build_report(
    log_path: str | Path,
    out_path: str | Path,
    lang: str = "nl",
    seeds: list[int] | None = None,
    *,
    rubric_path: str | Path | None = None,
    workers: int | None = None,
    ghosts: bool = True,
    include_private: bool = False,
) -> Path:
    """Write the debrief report of a procesregie session log; returns the path written.
    Raises InputFileError (FILE:LINE problems) for an unusable log or rubric."""
    from debrief.proces_report_html import render_html
    from debrief.report import _write

    if lang not in i18n.LANGS:
        raise ValueError(f"lang must be one of {i18n.LANGS}")
    data = prepare(log_path, seeds=seeds, rubric_path=rubric_path, workers=workers, ghosts=ghosts)
    charts = {seat: chart(data, seat, lang) for seat in data.assessed}
    return _write(Path(out_path), render_html(data, charts, lang, include_private))
