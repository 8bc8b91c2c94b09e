"""The ghost runs in the report: the verdict sentences (the summary's and one per chart),
the charts with their captions, and the tables of outcomes and competence scores."""

from __future__ import annotations

import html
from collections import defaultdict

from debrief import i18n
from debrief.charts import ARCHETYPE_COLOURS, GHOST_KPIS
from debrief.event_text import kpi_name, kpi_value
from debrief.i18n import num, pick, t
from debrief.report_competences import mean_score
from debrief.report_data import ReportData
from debrief.rerun import Trace
from debrief.rubric import level_of

TABLE_KPIS = (
    "reachability_pct",
    "injuries",
    "complaints",
    "cost_total_eur",
    "trust_gemeente_in_executor",
    "trust_executor_in_gemeente",
    "disputes",
    "escalations",
    "bypasses",
    "attention_peak",
)
_STAT = {"mean": lambda s: sum(s) / len(s), "last": lambda s: s[-1], "max": max}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def by_archetype(data: ReportData, role: str) -> dict[str, list[Trace]]:
    """The ghost runs of a role, per archetype (in the order they were run)."""
    out: dict[str, list[Trace]] = defaultdict(list)
    for g in data.ghosts:
        if g.role == role:
            out[g.archetype].append(g)
    return dict(out)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def role_verdict(data: ReportData, role: str, lang: str) -> str | None:
    """'The bot ‘relational’ would have reached ... in this winter': the best archetype on
    reachability, against the session."""
    runs = by_archetype(data, role)
    if not runs:
        return None
    reach = {a: _mean([g.kpis["reachability_pct"] for g in rs]) for a, rs in runs.items()}
    best = max(reach, key=reach.get)
    worst = min(reach, key=reach.get)
    score = data.ghost_scores.get(role, {}).get(best, {})
    got = [v for v in score.values() if v is not None]
    you_score = mean_score(data.assessments[role])
    fmt = {
        "role": pick(i18n.ROLE_SHORT[role], lang),
        "bot": i18n.bot_name(best, lang),
        "reach": kpi_value("reachability_pct", reach[best], lang),
        "you": kpi_value("reachability_pct", data.trace.kpis.get("reachability_pct"), lang),
        "worst": i18n.bot_name(worst, lang),
        "worst_reach": kpi_value("reachability_pct", reach[worst], lang),
        "score": num(_mean(got), lang, 1) if got else "–",
        "you_score": num(you_score, lang, 1) if you_score is not None else "–",
    }
    text = t("verdict_role", lang).format(**fmt)
    if worst != best:
        text += " " + t("verdict_worst", lang).format(**fmt)
    return text


def _stat(trace: Trace, kpi: str) -> float | None:
    if GHOST_KPIS[kpi][0] == "total":
        return trace.kpis.get(kpi)
    s = trace.daily.get(kpi) or []
    return _STAT[GHOST_KPIS[kpi][0]](s) if s else None


def legend(data: ReportData, role: str, lang: str) -> str:
    """The colours of the ghost charts: the session and each bot."""
    items = [("#000", t("you", lang))] + [
        (ARCHETYPE_COLOURS[n % len(ARCHETYPE_COLOURS)], i18n.bot_name(a, lang))
        for n, a in enumerate(by_archetype(data, role))
    ]
    return (
        '<p class="legend">'
        + "".join(f'<span><i style="background:{c}"></i>{_e(name)}</span>' for c, name in items)
        + "</p>"
    )


def chart_verdict(data: ReportData, role: str, kpi: str, lang: str) -> str:
    """One line under a ghost chart: the session's figure against the bots' range."""
    stat, better, _ = GHOST_KPIS[kpi]
    you = _stat(data.trace, kpi)
    theirs = [v for g in data.ghosts if g.role == role if (v := _stat(g, kpi)) is not None]
    if you is None or not theirs:
        return ""
    lo, hi = min(theirs), max(theirs)
    name = "attention_peak" if kpi == "attention" else kpi  # the same scale, 2 decimals

    def shown(v: float) -> str:
        return kpi_value(name, v, lang)

    if (you > hi and better == "higher") or (you < lo and better == "lower"):
        how = t("verdict_better", lang)
    elif (you < lo and better == "higher") or (you > hi and better == "lower"):
        how = t("verdict_worse", lang)
    else:
        how = t("verdict_within", lang)
    return t("chart_verdict", lang).format(
        what=t(f"stat_{stat}", lang), you=shown(you), lo=shown(lo), hi=shown(hi), how=how
    )


def ghosts(data: ReportData, charts: dict, lang: str) -> str:
    """The ghost-run section."""
    out = [f'<h2 id="ghosts">{_e(t("ghosts", lang))}</h2>']
    if not data.ghosts:
        out.append(f"<p>{_e(t('no_ghosts', lang))}</p>")
        return "\n".join(out) + "\n"
    out.append(
        "<p>" + _e(t("ghost_intro", lang).format(n=data.ghost_runs, k=len(data.seeds))) + "</p>"
    )
    for role in data.human_roles:
        runs = by_archetype(data, role)
        if not runs:
            continue
        out.append(f'<section class="slide ghost-role" id="ghosts-{role}">')
        out.append(f"<h3>{_e(t('ghost_role', lang).format(pick(i18n.ROLE[role], lang)))}</h3>")
        verdict = role_verdict(data, role, lang)
        if verdict:
            out.append(f'<p class="verdict">{_e(verdict)}</p>')
        out.append(legend(data, role, lang))
        out.append('<div class="ghost-grid">')
        for kpi in GHOST_KPIS:
            name = i18n.KPI[kpi]
            title = pick(name, lang) + (f" ({name[2]})" if name[2] else "")
            out.append(
                f'<figure><figcaption class="ct">{_e(title)}</figcaption>'
                f'<div class="chart">{charts[f"ghost_{role}_{kpi}"]}</div>'
                f"<figcaption>{_e(chart_verdict(data, role, kpi, lang))}</figcaption>"
                "</figure>"
            )
        out.append("</div>")
        out.append(f'<p class="note">{_e(t("ghost_chart_note", lang))}</p>')
        out.append("</section>")
        out.append(_kpi_table(data, role, runs, lang))
        out.append(_score_table(data, role, list(runs), lang))
        out.append(
            f'<p class="small muted">{_e(t("runs_at", lang))}: '
            f"{sum(len(r) for r in runs.values())} ({len(runs)} × {len(data.seeds)})</p>"
        )
    return "\n".join(out) + "\n"


def _kpi_table(data: ReportData, role: str, runs: dict[str, list[Trace]], lang: str) -> str:
    same_seed = data.session.seed
    head = "".join(
        f'<th class="num">{_e(i18n.bot_name(a, lang))}<br><span class="muted '
        f'small">{_e(t("mean_range", lang))}</span></th>'
        for a in runs
    )
    rows = []
    for k in TABLE_KPIS:
        cells = []
        for rs in runs.values():
            vals = [g.kpis[k] for g in rs if k in g.kpis]
            if not vals:
                cells.append("–")
                continue
            cell = (
                f"{_e(kpi_value(k, _mean(vals), lang))} ({_e(kpi_value(k, min(vals), lang))}"
                f"–{_e(kpi_value(k, max(vals), lang))})"
            )
            same = [g.kpis[k] for g in rs if g.seed == same_seed and k in g.kpis]
            if same:
                cell += (
                    f'<br><span class="muted small">{_e(t("same_chance", lang))}: '
                    f"{_e(kpi_value(k, same[0], lang))}</span>"
                )
            cells.append(cell)
        rows.append(
            f'<tr><td>{_e(kpi_name(k, lang))}</td><td class="num"><strong>'
            f"{_e(kpi_value(k, data.trace.kpis.get(k), lang))}</strong></td>"
            + "".join(f'<td class="num">{c}</td>' for c in cells)
            + "</tr>"
        )
    return (
        f'<div class="scroll"><table><tr><th>{_e(t("kpi", lang))}</th><th class="num">'
        f"{_e(t('you', lang))}</th>{head}</tr>{''.join(rows)}</table></div>"
    )


def _score_table(data: ReportData, role: str, archs: list[str], lang: str) -> str:
    rows = []
    for res in data.assessments[role]:
        cid = res.competence.id
        cells = [data.ghost_scores[role].get(a, {}).get(cid) for a in archs]
        rows.append(
            f"<tr><td>{_e(res.competence.name.get(lang))}</td>"
            f'<td class="num"><strong>{_fmt_score(res.score, lang)}</strong></td>'
            + "".join(f'<td class="num">{_fmt_score(x, lang)}</td>' for x in cells)
            + "</tr>"
        )
    head = "".join(f'<th class="num">{_e(i18n.bot_name(a, lang))}</th>' for a in archs)
    return (
        f"<h4>{_e(t('competence_levels', lang))}</h4>"
        f'<div class="scroll"><table><tr><th>{_e(t("competence", lang))}</th>'
        f'<th class="num">{_e(t("you", lang))}</th>{head}</tr>{"".join(rows)}</table></div>'
    )


def _fmt_score(score: float | None, lang: str) -> str:
    if score is None:
        return "–"
    return f"{num(score, lang, 1)} ({t('level', lang).lower()} {level_of(score)})"
