"""The class report of the procesregie family: several tables' logs of one process.

    build_class_report(["tafel1.jsonl", "tafel2.jsonl"], "klas.html", lang="nl")

Every table played the same scenario and seed (the same parties, the same chance), so
differences between tables come from what the people did. The page shows who sat where,
each table's outcomes (the best marked), the competence levels per table and links to each
table's own report (debrief.proces_report). Logs of another process are refused.
"""

from __future__ import annotations

from pathlib import Path

from debrief.classreport import (
    TableRun,
    _e,
    _head,
    _reports,
    _t,
    _write,
    competence_table,
    expand_logs,
)
from debrief.logread import Session, read_session
from debrief.proces_rerun import human_seats, rerun_session, seats_of
from debrief.proces_rubric import ProcesRubric, assess, load_rubric
from debrief.proces_trace import REGISSEUR, seat_kind
from debrief.proces_words import bot_word, kpi_text, seat_name
from debrief.rerun import Runner
from sim import words
from sim.inputfile import InputFileError
from sim.inputfile.problems import Problem

HIGHER_IS_BETTER = {
    "support_pct": True,
    "options_explored": True,
    "parties_committed": True,
    "joint_value": True,
    "lead_time_weeks": False,
    "trust_mean": True,
}
TEXT = {
    "title": ("Klassikale nabespreking", "Class debrief"),
    "intro": (
        "{n} tafels speelden hetzelfde proces ({scenario}): dezelfde partijen en hetzelfde "
        "toeval. Verschillen tussen de tafels komen uit wat de spelers deden.",
        "{n} tables played the same process ({scenario}): the same parties and the same "
        "chance. Differences between the tables come from what the players did.",
    ),
    "other": (
        "een ander proces dan {first} (scenario of seed verschilt); een klassikaal verslag "
        "vergelijkt tafels van één proces",
        "another process than {first} (scenario or seed differ); a class report compares "
        "tables of one process",
    ),
}


def _x(key: str, lang: str, **values: object) -> str:
    nl, en = TEXT[key]
    return (en if lang == "en" else nl).format(**values)


def process_key(session: Session) -> tuple:
    """What makes a process: the scenario without who holds the seats, and the seed."""
    sc = session.scenario.model_dump(mode="json", exclude={"regisseur"})
    for party in sc.get("parties", []):
        party.pop("bot", None)
    return repr(sorted(sc.items())), session.seed


def check_same_process(sessions: list[Session]) -> None:
    """Refuse logs of another process, naming each log that differs from the first."""
    want = process_key(sessions[0])
    problems = [
        Problem(str(s.path), 1, "scenario", _x("other", "en", first=sessions[0].path.name))
        for s in sessions[1:]
        if process_key(s) != want
    ]
    if problems:
        raise InputFileError(problems)


def build_class_report(
    logs: list[str | Path],
    out_path: str | Path,
    lang: str = "nl",
    *,
    rubric_path: str | Path | None = None,
    workers: int | None = None,
    table_reports: bool = True,
    **report_kw,
) -> Path:
    """Write the class report (and each table's own report next to it, named
    ``<out stem>-<log stem>.html``); returns the class report's path."""
    from debrief.proces_report import build_report

    sessions = [read_session(p) for p in expand_logs(logs)]
    check_same_process(sessions)
    rubric = load_rubric(Path(rubric_path) if rubric_path else None)
    out = Path(out_path)
    with Runner(min(workers or len(sessions), len(sessions))) as runner:
        traces = [f.result() for f in [runner.submit(rerun_session, s) for s in sessions]]
    tables = []
    for n, (s, trace) in enumerate(zip(sessions, traces, strict=True), start=1):
        seats = human_seats(s) or [REGISSEUR]
        human = bool(human_seats(s))
        tables.append(
            TableRun(n, s, trace, {x: assess(rubric, trace, x, human=human) for x in seats})
        )
    if table_reports:
        for table in tables:
            target = out.with_name(f"{out.stem}-{table.number}-{table.session.path.stem}.html")
            table.report = build_report(
                table.session.path,
                target,
                lang=lang,
                rubric_path=rubric_path,
                workers=workers,
                **report_kw,
            )
    return _write(out, render(tables, rubric, lang, out.parent))


def render(tables: list[TableRun], rubric: ProcesRubric, lang: str, base: Path | None) -> str:
    """The class report as one self-contained HTML document."""
    import importlib.resources

    sc = tables[0].session.scenario
    title = sc.meta.title_en if lang == "en" else sc.meta.title_nl
    css = importlib.resources.files("debrief").joinpath("templates/classreport.css")
    return "".join(
        [
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(_t('title', lang))}: {_e(title)}</title>\n"
            f"<style>\n{css.read_text(encoding='utf-8')}</style>\n</head>\n<body>\n<main>\n",
            f"<header><h1>{_e(_t('title', lang))}: {_e(title)}</h1>",
            f"<p>{_e(_x('intro', lang, n=len(tables), scenario=title))}</p></header>\n",
            _seats(tables, lang),
            _outcomes(tables, lang),
            _competences(tables, rubric, lang),
            _reports(tables, lang, base),
            "</main>\n</body>\n</html>\n",
        ]
    )


def _seats(tables: list[TableRun], lang: str) -> str:
    rows = []
    for seat in seats_of(tables[0].session.scenario):
        cells = []
        for t in tables:
            spec = t.session.controllers.get(seat, {})
            if spec.get("type") == "human":
                who = f"{_t('player', lang)}: {spec.get('name') or '—'}"
            else:
                who = f"{_t('bot', lang)}: {bot_word(spec.get('bot') or '', lang)}"
            cells.append(f"<td>{_e(who)}</td>")
        rows.append(f"<tr><th>{_e(seat_name(seat, lang))}</th>{''.join(cells)}</tr>")
    return (
        f'<h2>{_e(_t("seats", lang))}</h2>\n<div class="scroll"><table class="seats">'
        f"{_head(tables, lang, '', '')}<tbody>{''.join(rows)}</tbody></table></div>\n"
    )


def _outcomes(tables: list[TableRun], lang: str) -> str:
    rows = []
    for key, higher in HIGHER_IS_BETTER.items():
        values = [t.trace.kpis.get(key) for t in tables]
        texts = [kpi_text(key, v, lang) for v in values]
        known = [v for v in values if v is not None]
        best = (
            kpi_text(key, max(known) if higher else min(known), lang)
            if len(set(texts)) > 1 and known
            else None
        )
        cells = "".join(
            f'<td class="num best-cell">{_e(x)} <span class="best">▲</span></td>'
            if x == best
            else f'<td class="num">{_e(x)}</td>'
            for x in texts
        )
        rows.append(f"<tr><th>{_e(words.word('kpi', key, lang))}</th>{cells}</tr>")
    return (
        f'<h2>{_e(_t("outcomes", lang))}</h2>\n<div class="scroll"><table>'
        f"{_head(tables, lang, _t('kpi', lang))}<tbody>{''.join(rows)}</tbody></table>"
        f'</div>\n<p class="note">{_e(_t("best_note", lang))}</p>\n'
    )


def _competences(tables: list[TableRun], rubric: ProcesRubric, lang: str) -> str:
    seats = [
        (s, seat_name(s, lang), rubric.for_role(seat_kind(s)))
        for s in seats_of(tables[0].session.scenario)
        if any(s in t.assessments for t in tables)
    ]
    return competence_table(tables, rubric, lang, seats)
