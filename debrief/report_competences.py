"""The report's summary per role (one screen each) and its competence cards.

What a card says about the session comes from the indicator values (debrief.feedback);
the rubric's text for the competence's level is shown as advice. Evidence is listed once
per event, with the indicators it counts for. Sources are named by author and title.
"""

from __future__ import annotations

import html

from debrief import feedback as fb
from debrief import i18n
from debrief.event_text import evidence_text, kpi_name, kpi_value, when
from debrief.i18n import num, pick, t
from debrief.report_data import ReportData
from debrief.rubric import CompetenceResult, Rubric

MAX_EVIDENCE = 10
SUMMARY_KPIS = ("reachability_pct", "complaints", "cost_total_eur", "trust_executor_in_gemeente")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def level_badge(level: int | None, rubric: Rubric, lang: str) -> str:
    """A coloured level badge (grey: not observed)."""
    if level is None:
        return f'<span class="badge lv0">{_e(t("not_observed", lang))}</span>'
    name = rubric.levels.get(level).get(lang)
    return f'<span class="badge lv{level}">{level} · {_e(name)}</span>'


def role_tag(role: str, lang: str) -> str:
    return f'<span class="role-tag role-{role}">{_e(pick(i18n.ROLE[role], lang))}</span>'


def who(data: ReportData, role: str, lang: str) -> str:
    """The player's name, or the bot's name in words."""
    if role in data.human_roles:
        return data.session.player_name(role) or t("human", lang)
    return f"{i18n.bot_name(data.session.controllers[role].get('bot', ''), lang)} (bot)"


def mean_score(results: list[CompetenceResult]) -> float | None:
    """The mean of a role's competence scores (the competences that could be judged)."""
    got = [r.score for r in results if r.score is not None]
    return sum(got) / len(got) if got else None


# --------------------------------------------------------------------- summary ------
def summary(data: ReportData, lang: str, verdicts: dict[str, str]) -> str:
    """One screen per assessed role: levels at a glance, the ghost-run verdict, outcomes."""
    out = [f'<h2 id="summary" class="first">{_e(t("summary", lang))}</h2>']
    played = data.trace.seat_hours(data.assessed_roles[0], bool(data.human_roles)) / 24.0
    note = fb.short_session_note(played, lang) if data.human_roles else None
    if note:
        out.append(f'<p class="warn">{_e(note)}</p>')
    tiles = "".join(
        f'<div class="tile"><div class="k">{_e(kpi_name(k, lang))}</div>'
        f'<div class="v">{_e(kpi_value(k, data.trace.kpis.get(k), lang))}</div></div>'
        for k in SUMMARY_KPIS
        if k in data.trace.kpis
    )
    out.append(
        f'<section class="slide outcomes"><h3>{_e(t("final_kpis", lang))}</h3>'
        f'<div class="grid kpi-tiles">{tiles}</div></section>'
    )
    for role in data.assessed_roles:
        results = data.assessments[role]
        out.append(f'<section class="slide role-summary" id="summary-{role}">')
        out.append(f"<h3>{role_tag(role, lang)} {_e(who(data, role, lang))}</h3>")
        if role in verdicts:
            out.append(f'<p class="verdict">{_e(verdicts[role])}</p>')
        rows = []
        for r in results:
            rows.append(
                f"<tr><td>{_e(r.competence.name.get(lang))}</td>"
                f"<td>{level_badge(r.level, data.rubric, lang)}</td></tr>"
            )
        out.append(
            f'<div class="scroll"><table class="levels"><tr><th>'
            f"{_e(t('competence', lang))}</th><th>{_e(t('level', lang))}</th></tr>"
            + "".join(rows)
            + "</table></div>"
        )
        out.append("</section>")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------- competences ------
def competences(data: ReportData, charts: dict, lang: str) -> str:
    """Per role: the level chart, then a card per competence."""
    out = [f'<h2 id="competences">{_e(t("competences", lang))}</h2>']
    if not data.human_roles:
        out.append(f'<p class="warn">{_e(t("no_humans", lang))}</p>')
    for role in data.assessed_roles:
        out.append(f"<h3>{role_tag(role, lang)} {_e(who(data, role, lang))}</h3>")
        out.append(f'<div class="chart wide">{charts[f"bars_{role}"]}</div>')
        out.append(f'<p class="note">{_e(t("bars_note", lang))}</p>')
        bots = data.ghost_scores.get(role, {})
        for res in data.assessments[role]:
            out.append(_card(res, data, role, bots, lang))
    return "\n".join(out) + "\n"


def _card(res: CompetenceResult, data: ReportData, role: str, bots: dict, lang: str) -> str:
    c, rub = res.competence, data.rubric
    out = [f'<section class="card slide" id="c-{role}-{c.id}">']
    out.append(
        f'<div class="card-head"><h4>{role_tag(role, lang)} {_e(c.name.get(lang))}</h4>'
        f"<div>{level_badge(res.level, rub, lang)}</div></div>"
    )
    out.append(f'<p class="desc">{_e(c.description.get(lang))}</p>')
    out.append(
        f'<h5>{_e(t("what_numbers_say", lang))}</h5><ul class="says">'
        + "".join(
            f'<li class="{ir.status} lvl{ir.level or 0}">'
            f"{_e(fb.sentence(ir, rub.levels, lang))}</li>"
            for ir in res.indicators
        )
        + "</ul>"
    )
    if res.level is not None:
        out.append(
            f'<div class="feedback"><strong>{_e(t("advice", lang))}:</strong> '
            f"{_e(c.feedback.get(res.level).get(lang))}</div>"
        )
    out.append(_indicator_table(res, lang))
    if any(b.get(c.id) is not None for b in bots.values()):
        lv = ", ".join(
            f"{i18n.bot_name(a, lang)} {_score(b.get(c.id), lang)}" for a, b in bots.items()
        )
        out.append(f'<p class="small muted">{_e(t("bot_ghost_levels", lang))}: {_e(lv)}.</p>')
    ev = _evidence(res, data.trace, lang)
    if ev:
        out.append(
            f'<details class="evidence-box"><summary>{_e(t("evidence", lang))}'
            f'</summary><ul class="evidence">{ev}</ul></details>'
        )
    where = f", {c.seed.where.get(lang)}" if c.seed.where else ""
    out.append(
        f'<blockquote>“{_e(c.seed.passage)}”<br><span class="src">— '
        f"{_e(rub.source_of(c.seed.file))}{_e(where)}</span></blockquote>"
    )
    out.append("</section>")
    return "\n".join(out)


def _score(score: float | None, lang: str) -> str:
    return "–" if score is None else num(score, lang, 1)


def _indicator_table(res: CompetenceResult, lang: str) -> str:
    rows = []
    for ir in res.indicators:
        i = ir.indicator
        val = "–" if ir.value is None else fb.shown_value(i, ir.value, lang)
        lvl = {fb.NOT_OBSERVED: t("not_observed", lang), fb.TOO_SHORT: t("too_short", lang)}.get(
            ir.status, str(ir.level)
        )
        thr = " | ".join(fb.shown_value(i, x, lang) for x in i.thresholds)
        arrow = t("higher_better", lang) if i.better == "higher" else t("lower_better", lang)
        rows.append(
            f'<tr><td>{_e(i.name.get(lang))}</td><td class="num">{_e(val)}</td>'
            f"<td>{_e(fb.basis(ir, lang))}</td><td>{_e(lvl)}</td>"
            f'<td class="num">{_e(thr)}</td><td>{_e(arrow)}</td>'
            f'<td class="num">{_e(num(i.weight, lang, 1))}</td></tr>'
        )
    head = "".join(
        f"<th{c}>{_e(t(k, lang))}</th>"
        for k, c in (
            ("indicator", ""),
            ("value", ' class="num"'),
            ("basis", ""),
            ("level", ""),
            ("thresholds", ' class="num"'),
            ("direction", ""),
            ("weight", ' class="num"'),
        )
    )
    return (
        f'<details class="table-box"><summary>{_e(t("indicator_table", lang))}</summary>'
        f'<div class="scroll"><table><tr>{head}</tr>{"".join(rows)}</table></div>'
        "</details>"
    )


def _evidence(res: CompetenceResult, trace, lang: str) -> str:
    """Each event once, with the names of the indicators it counts for."""
    grouped: dict[tuple, dict] = {}
    for ir in res.indicators:
        for x in ir.measure.evidence:
            key = (x.get("type"), x["t"], x.get("seq"), x.get("signal"), x.get("claimed"))
            entry = grouped.setdefault(key, {"x": x, "names": []})
            name = ir.indicator.name.get(lang)
            if name not in entry["names"]:
                entry["names"].append(name)
    items = sorted(grouped.values(), key=lambda g: g["x"]["t"])
    out = [
        f"<li>{_e(when(g['x'], trace, lang))} · {_e(evidence_text(g['x'], lang))} "
        f'<span class="muted">({_e("; ".join(g["names"]))})</span></li>'
        for g in items[:MAX_EVIDENCE]
    ]
    if len(items) > MAX_EVIDENCE:
        more = t("more_events", lang).format(len(items) - MAX_EVIDENCE)
        out.append(f'<li class="muted">{_e(more)}</li>')
    return "".join(out)
