"""The class report: several tables' session logs of one winter, side by side.

    build_class_report(["tafel1.jsonl", "tafel2.jsonl"], "klas.html", lang="nl")

A classroom session (`regie host`) gives one log per table; every table played the same
scenario and seed, so the same winter, and differences between tables come from what the
people did. The class page shows the outcomes, the competence levels and the daily
courses of the tables next to each other and links each table's own debrief report
(written next to it by :func:`debrief.report.build_report`). Logs of different winters
are refused: comparing them would compare the weather, not the play.
"""

from __future__ import annotations

import html
import importlib.resources
import itertools
from dataclasses import dataclass
from pathlib import Path

from debrief import design_html
from debrief.event_text import kpi_name, kpi_value
from debrief.logread import Session, read_session
from debrief.rerun import Runner, Trace, rerun_session
from debrief.rubric import CompetenceResult, Rubric, assess, load_rubric
from sim import words
from sim.actions import ROLES
from sim.inputfile import InputFileError
from sim.inputfile.problems import Problem

# Season outcomes compared across tables; True: higher is better.
CLASS_KPIS: dict[str, bool] = {
    "reachability_pct": True,
    "outcome_score": True,
    "injuries": False,
    "complaints": False,
    "cost_total_eur": False,
    "budget_use_pct": False,
    "trust_gemeente_in_executor": True,
    "trust_executor_in_gemeente": True,
    "disputes": False,
    "escalations": False,
    "bypasses": False,
    "attention_peak": False,
}
# Daily courses drawn per table: (series, cumulative).
CHART_SERIES: tuple[tuple[str, str | None], ...] = (
    ("reachability_pct", None),
    ("complaints", "cumulative"),
    ("cost_total_eur", "to_date"),
    ("trust_gemeente_in_executor", None),
)
LINE_STYLES = ("-", "--", "-.", ":")
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")

TEXT: dict[str, tuple[str, str]] = {
    "title": ("Klassikale nabespreking", "Class debrief"),
    "table": ("Tafel {n}", "Table {n}"),
    "intro": (
        "{n} tafels speelden dezelfde winter ({scenario}, {start} tot {end}). "
        "Verschillen tussen de tafels komen dus uit wat de spelers deden, niet uit "
        "het weer.",
        "{n} tables played the same winter ({scenario}, {start} to {end}). "
        "Differences between the tables come from what the players did, not from "
        "the weather.",
    ),
    "seats": ("Wie zat waar", "Who sat where"),
    "outcomes": ("Uitkomsten per tafel", "Outcomes per table"),
    "best": ("beste", "best"),
    "best_note": (
        "▲ = de beste waarde van de klas (bij gelijke waarden geen).",
        "▲ = the best value in the class (none when all are equal).",
    ),
    "courses": ("Het verloop per tafel", "The course per table"),
    "competences": ("Competenties per tafel", "Competences per table"),
    "comp_note": (
        "Niveau 1 tot 4 volgens de rubric; alleen rollen die een speler had.",
        "Level 1 to 4 by the rubric; only roles a player held.",
    ),
    "reports": ("Het eigen verslag van elke tafel", "Each table's own report"),
    "played_until": ("gespeeld tot dag {day}", "played until day {day}"),
    "not_closed": ("niet afgesloten", "not closed"),
    "player": ("speler", "player"),
    "bot": ("bot", "bot"),
    "not_player": ("bot", "bot"),
    "not_observed": ("niet waargenomen", "not observed"),
    "day": ("Dag", "Day"),
    "cumulative": ("opgeteld", "cumulative"),
    "to_date": ("tot dan toe", "to date"),
    "competence": ("Competentie", "Competence"),
    "kpi": ("KPI", "KPI"),
}


def _t(key: str, lang: str, **values: object) -> str:
    nl, en = TEXT[key]
    s = en if lang == "en" else nl
    return s.format(**values) if values else s


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


@dataclass
class TableRun:
    """One table: its log, the re-run, the assessments and its own report's file."""

    number: int
    session: Session
    trace: Trace
    assessments: dict[str, list[CompetenceResult]]
    report: Path | None = None


# ------------------------------------------------------------------ input ----------
def expand_logs(paths: list[str | Path]) -> list[Path]:
    """The session logs named, a folder standing for every ``*.jsonl`` in it (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.glob("*.jsonl"))
            if not found:
                raise InputFileError(
                    [Problem(str(p), 0, "", "no session logs (*.jsonl) in this folder")]
                )
            out.extend(found)
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def winter_key(session: Session) -> tuple:
    """What makes a winter: the scenario (without who holds the seats) and the seed."""
    scenario = session.scenario.model_dump(mode="json", exclude={"roles"})
    return repr(sorted(scenario.items())), session.seed


def check_same_winter(sessions: list[Session]) -> None:
    """Refuse logs of different winters, naming each log that differs from the first."""
    first = sessions[0]
    want = winter_key(first)
    problems = []
    for s in sessions[1:]:
        got = winter_key(s)
        if got[1] != want[1]:
            problems.append(
                Problem(
                    str(s.path),
                    1,
                    "seed",
                    f"another winter: seed {s.seed}, while {first.path.name} "
                    f"has seed {first.seed}; a class report compares tables "
                    "of one winter",
                )
            )
        elif got[0] != want[0]:
            problems.append(
                Problem(
                    str(s.path),
                    1,
                    "scenario",
                    f"another winter: the scenario differs from "
                    f"{first.path.name}'s; a class report compares tables "
                    "of one winter",
                )
            )
    if problems:
        raise InputFileError(problems)


# ------------------------------------------------------------------ building -------
def build_class_report(logs: list[str | Path], out_path: str | Path, lang: str = "nl",
                       **kw) -> Path:
    """The class report with the builder of the first log's scenario family
    (`sim.families`: the ``class_report`` part); returns the class report's path."""
    from debrief.report import log_scenario
    from sim.families import DEFAULT_FAMILY, FAMILIES, family_of_data

    paths = expand_logs(logs)
    try:
        family = family_of_data(log_scenario(paths[0]))
    except ValueError:  # an unknown family: the reader reports it with file and line
        family = FAMILIES[DEFAULT_FAMILY]
    return family.part("class_report")(paths, out_path, lang=lang, **kw)


def build_gladheid_class_report(
    logs: list[str | Path],
    out_path: str | Path,
    lang: str = "nl",
    *,
    seeds: list[int] | None = None,
    rubric_path: str | Path | None = None,
    workers: int | None = None,
    ghosts: bool = True,
    include_private: bool = False,
    table_reports: bool = True,
) -> Path:
    """Write the class report (and, with `table_reports`, each table's own report next to
    it as ``<out stem>-<log stem>.html``); returns the class report's path. Raises
    InputFileError for an unusable log or logs of different winters."""
    from debrief.report import build_report

    paths = expand_logs(logs)
    sessions = [read_session(p) for p in paths]
    check_same_winter(sessions)
    rubric = load_rubric(Path(rubric_path) if rubric_path else None)
    out = Path(out_path)
    with Runner(min(workers or len(sessions), len(sessions))) as runner:
        futures = [runner.submit(rerun_session, s) for s in sessions]
        traces = [f.result() for f in futures]
    tables = []
    for n, (s, trace) in enumerate(zip(sessions, traces, strict=True), start=1):
        roles = s.human_roles() or list(ROLES)
        tables.append(
            TableRun(
                n,
                s,
                trace,
                {r: assess(rubric, trace, r, human=bool(s.human_roles())) for r in roles},
            )
        )
    if table_reports:
        stems = [t.session.path.stem for t in tables]
        for table in tables:
            stem = table.session.path.stem
            if stems.count(stem) > 1:  # logs of the same name from different folders
                stem = f"{table.number}-{stem}"
            target = out.with_name(f"{out.stem}-{stem}.html")
            table.report = build_report(
                table.session.path,
                target,
                lang=lang,
                seeds=seeds,
                rubric_path=rubric_path,
                workers=workers,
                ghosts=ghosts,
                include_private=include_private,
            )
    return _write(out, render_class_html(tables, rubric, lang, out.parent))


def _write(out: Path, text: str) -> Path:
    """Write through a temporary file, so a reader never sees half a report."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    return tmp.replace(out)


# ------------------------------------------------------------------ HTML -----------
def render_class_html(
    tables: list[TableRun], rubric: Rubric, lang: str, base: Path | None = None
) -> str:
    """The class report as one self-contained HTML document."""
    sc = tables[0].session.scenario
    title = sc.meta.title_en if lang == "en" else sc.meta.title_nl
    css = importlib.resources.files("debrief").joinpath("templates/classreport.css")
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(_t('title', lang))}: {_e(title)}</title>\n"
        f"<style>\n{css.read_text(encoding='utf-8')}</style>\n</head>\n<body>\n<main>\n",
        f"<header><h1>{_e(_t('title', lang))}: {_e(title)}</h1>",
        f"<p>{_e(_intro(tables, lang))}</p></header>\n",
        _seats(tables, lang),
        _outcomes(tables, lang),
        _courses(tables, lang),
        _competences(tables, rubric, lang),
        _design(tables, lang),
        _reports(tables, lang, base),
        "</main>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _design(tables: list[TableRun], lang: str) -> str:
    """Per table: which risks of the winter its contract foresaw (debrief.design_html)."""
    first = design_html.W["risk"][1 if lang == "en" else 0]
    return design_html.class_table(tables, lang, _head(tables, lang, first))


def _intro(tables: list[TableRun], lang: str) -> str:
    import datetime as dt

    s = tables[0].session
    sc = s.scenario
    start = sc.weather.start_date
    end = start + dt.timedelta(days=sc.weather.days - 1)
    name = sc.meta.title_en if lang == "en" else sc.meta.title_nl
    return _t(
        "intro", lang, n=len(tables), scenario=name, start=start.isoformat(), end=end.isoformat()
    )


def _head(tables: list[TableRun], lang: str, first: str, cls: str = "num") -> str:
    cells = "".join(f'<th class="{cls}">{_e(_t("table", lang, n=t.number))}</th>' for t in tables)
    return f"<thead><tr><th>{_e(first)}</th>{cells}</tr></thead>"


def _seats(tables: list[TableRun], lang: str) -> str:
    rows = []
    for role in ROLES:
        cells = []
        for t in tables:
            spec = t.session.controllers.get(role, {})
            if role in t.session.human_roles():
                who = f"{_t('player', lang)}: {t.session.player_name(role) or '—'}"
            else:
                bot = spec.get("bot") or ""
                who = f"{_t('bot', lang)}: {words.word('bot', bot, lang, default=bot or '—')}"
            cells.append(f"<td>{_e(who)}</td>")
        rows.append(f"<tr><th>{_e(words.word('role', role, lang))}</th>{''.join(cells)}</tr>")
    stops = "".join(f"<td>{_e(_stop(t, lang))}</td>" for t in tables)
    rows.append(f"<tr><th></th>{stops}</tr>")
    return (
        f'<h2>{_e(_t("seats", lang))}</h2>\n<div class="scroll"><table class="seats">'
        f"{_head(tables, lang, '', '')}<tbody>{''.join(rows)}</tbody></table></div>\n"
    )


def _stop(t: TableRun, lang: str) -> str:
    text = _t("played_until", lang, day=round(t.trace.stop_t / 24))
    return text if t.session.end is not None else f"{text} ({_t('not_closed', lang)})"


def _outcomes(tables: list[TableRun], lang: str) -> str:
    rows = []
    for key, higher in CLASS_KPIS.items():
        values = [t.trace.kpis.get(key) for t in tables]
        texts = [kpi_value(key, v, lang) for v in values]
        known = [v for v in values if v is not None]
        # The best as shown: no mark when every table shows the same figure.
        best = None
        shown = {text for text, v in zip(texts, values, strict=True) if v is not None}
        if len(known) > 1 and len(shown) > 1:
            best = kpi_value(key, max(known) if higher else min(known), lang)
        cells = []
        for text in texts:
            mark = (
                f' <span class="best" title="{_e(_t("best", lang))}">▲</span>'
                if text == best
                else ""
            )
            cls = "num best-cell" if mark else "num"
            cells.append(f'<td class="{cls}">{_e(text)}{mark}</td>')
        rows.append(f"<tr><th>{_e(kpi_name(key, lang))}</th>{''.join(cells)}</tr>")
    return (
        f'<h2>{_e(_t("outcomes", lang))}</h2>\n<div class="scroll"><table>'
        f"{_head(tables, lang, _t('kpi', lang))}<tbody>{''.join(rows)}</tbody></table>"
        f'</div>\n<p class="note">{_e(_t("best_note", lang))}</p>\n'
    )


def _courses(tables: list[TableRun], lang: str) -> str:
    from debrief.charts import _plt, to_svg

    plt = _plt()
    fig, axes = plt.subplots(2, 2, figsize=(10.5, 6.4), sharex=True)
    styles = itertools.cycle(itertools.product(LINE_STYLES, COLOURS))
    looks = [next(styles) for _ in tables]
    for ax, (name, how) in zip(axes.flat, CHART_SERIES, strict=True):
        for t, (style, colour) in zip(tables, looks, strict=True):
            d = t.trace.daily
            ys = d.get(name, [])
            if how == "cumulative":
                ys = list(itertools.accumulate(ys))
            xs = (d.get("gday") or list(range(len(ys))))[: len(ys)]
            ax.plot(
                xs,
                ys,
                linestyle=style,
                color=colour,
                linewidth=1.5,
                label=_t("table", lang, n=t.number),
            )
        unit = words.kpi_unit(name)
        title = kpi_name(name, lang) + (f" ({unit})" if unit and unit != "EUR" else "")
        title += " (€)" if unit == "EUR" else ""
        if how:
            title += f", {_t(how, lang)}"
        ax.set_title(title, pad=8)
        ax.set_ylim(0, max(ax.get_ylim()[1], 1.0))  # zero-based; a count axis reaches 1
        if name.startswith("trust"):
            ax.set_ylim(0, 1)
        if name == "reachability_pct":
            ax.set_ylim(0, 100)
    for ax in axes[-1]:
        ax.set_xlabel(_t("day", lang))
    axes.flat[0].legend(loc="lower left", ncol=min(len(tables), 4))
    fig.tight_layout()
    svg = to_svg(fig, "class-courses")
    return f'<h2>{_e(_t("courses", lang))}</h2>\n<div class="chart">{svg}</div>\n'


def _competences(tables: list[TableRun], rubric: Rubric, lang: str) -> str:
    seats = [
        (role, words.word("role", role, lang), rubric.for_role(role))
        for role in ROLES
        if any(role in t.assessments for t in tables) and rubric.for_role(role)
    ]
    return competence_table(tables, rubric, lang, seats)


def competence_table(tables: list[TableRun], rubric: object, lang: str,
                     seats: list[tuple[str, str, list]]) -> str:
    """The competence levels side by side: per seat (key, label, its competences) a heading
    row, then a row per competence with each table's badge. Shared by every family."""
    rows = []
    for seat, label, comps in seats:
        rows.append(f'<tr class="role"><th colspan="{len(tables) + 1}">{_e(label)}</th></tr>')
        for comp in comps:
            cells = []
            for t in tables:
                res = {r.competence.id: r for r in t.assessments.get(seat, [])}.get(comp.id)
                cells.append(f"<td>{_badge(res, rubric, lang)}</td>")
            rows.append(f"<tr><td>{_e(comp.name.get(lang))}</td>{''.join(cells)}</tr>")
    return (
        f'<h2>{_e(_t("competences", lang))}</h2>\n<p class="note">'
        f'{_e(_t("comp_note", lang))}</p>\n<div class="scroll"><table class="comp">'
        f"{_head(tables, lang, _t('competence', lang), '')}<tbody>{''.join(rows)}</tbody>"
        "</table></div>\n"
    )


def _badge(res: CompetenceResult | None, rubric: Rubric, lang: str) -> str:
    if res is None:
        return f'<span class="muted">{_e(_t("not_player", lang))}</span>'
    if res.level is None:
        return f'<span class="badge lv0">{_e(_t("not_observed", lang))}</span>'
    name = rubric.levels.get(res.level).get(lang)
    return f'<span class="badge lv{res.level}">{res.level} · {_e(name)}</span>'


def _reports(tables: list[TableRun], lang: str, base: Path | None) -> str:
    items = []
    for t in tables:
        label = f"{_t('table', lang, n=t.number)} ({t.session.path.name})"
        if t.report is not None:
            href = (
                t.report.name
                if base is not None and t.report.parent == base
                else t.report.resolve().as_uri()
            )
            items.append(f'<li><a href="{_e(href)}">{_e(label)}</a></li>')
        else:
            items.append(f"<li>{_e(label)}</li>")
    return f"<h2>{_e(_t('reports', lang))}</h2>\n<ul>{''.join(items)}</ul>\n"
