"""The procesregie debrief report as one HTML document (data: debrief.proces_report).

Sections: the outcomes and, per seat a person held, the competence levels at a glance with
the ghost-run verdict; a card per competence (what the numbers say, the advice for the
level, the indicator table, the bots' scores, the evidence, the quoted source); the ghost
runs (the session against each archetype on the same process); the process step by step;
the method. The page's CSS and presentation script are the gladheid report's own.
"""

from __future__ import annotations

from debrief import feedback as fb
from debrief.i18n import num, t
from debrief.proces_report import ProcesReportData
from debrief.proces_story import process
from debrief.proces_words import _e, _w, bot_word, evidence_text, kpi_text, seat_name
from debrief.report_competences import _indicator_table, level_badge
from debrief.report_html import _asset
from debrief.rubric import rubric_digest
from sim import words
from sim.procesregie.kpi import KPI_NAMES

MAX_EVIDENCE = 10


def who(data: ProcesReportData, seat: str, lang: str) -> str:
    if seat in data.human_seats:
        return data.session.controllers.get(seat, {}).get("name") or _w("person", lang)
    return f"{bot_word(data.session.controllers.get(seat, {}).get('bot', ''), lang)} (bot)"


def render_html(
    data: ProcesReportData, charts: dict[str, str], lang: str, include_private: bool = False
) -> str:
    """The report as one HTML document."""
    sc = data.session.scenario
    title = sc.meta.title_en if lang == "en" else sc.meta.title_nl
    sections = [
        ("summary", _w("summary", lang)),
        ("competences", t("competences", lang)),
        ("ghosts", _w("ghosts", lang)),
        ("process", _w("process", lang)),
        ("method", t("method", lang)),
    ]
    seats = " · ".join(f"{seat_name(s, lang)}: {who(data, s, lang)}" for s in data.assessed)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(t('report_title', lang))}: {_e(title)}</title>\n"
        f"<style>\n{_asset('report.css')}\n</style>\n</head>\n<body>\n<main>\n",
        f'<header class="top"><h1>{_e(t("report_title", lang))}: {_e(title)}</h1>'
        f'<div class="sub">{_e(seats)}</div>'
        f'<button type="button" id="present" class="present-btn" '
        f'title="{_e(t("present_help", lang))}">▶ {_e(t("present", lang))}</button></header>\n',
        f'<nav class="toc"><strong>{_e(t("contents", lang))}</strong><ol>'
        + "".join(f'<li><a href="#{k}">{_e(v)}</a></li>' for k, v in sections)
        + "</ol></nav>\n",
        summary(data, lang),
        competences(data, lang),
        ghosts(data, charts, lang),
        process(data, lang),
        method(data, lang),
        f'</main>\n<div id="present-bar" class="present-bar" hidden><span id="present-n">'
        f"</span> · {_e(t('present_help', lang))}</div>\n"
        f"<script>\n{_asset('present.js')}\n</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _tiles(kpis: dict, lang: str) -> str:
    return "".join(
        f'<div class="tile"><div class="k">{_e(words.word("kpi", k, lang))}</div>'
        f'<div class="v">{_e(kpi_text(k, kpis.get(k), lang))}</div></div>'
        for k in KPI_NAMES
        if k in kpis
    )


def verdict(data: ProcesReportData, seat: str, lang: str) -> str | None:
    """One sentence: what each bot reached in this seat (mean over seeds) and the session."""
    by_arch = data.ghosts_of(seat)
    if not by_arch:
        return None

    def mean(runs, k):
        return sum(g.kpis[k] for g in runs) / len(runs)

    bots = "; ".join(
        _w("verdict_bot", lang).format(
            b=bot_word(a, lang),
            sup=kpi_text("support_pct", mean(r, "support_pct"), lang),
            jv=num(mean(r, "joint_value"), lang, 3),
            lt=num(mean(r, "lead_time_weeks"), lang, 0),
        )
        for a, r in sorted(by_arch.items())
    )
    k = data.trace.kpis
    return _w("verdict", lang).format(
        bots=bots,
        sup=kpi_text("support_pct", k["support_pct"], lang),
        jv=num(k["joint_value"], lang, 3),
        lt=num(k["lead_time_weeks"], lang, 0),
    )


def summary(data: ProcesReportData, lang: str) -> str:
    out = [
        f'<h2 id="summary" class="first">{_e(_w("summary", lang))}</h2>',
        f'<section class="slide outcomes"><h3>{_e(t("final_kpis", lang))}</h3>'
        f'<div class="grid kpi-tiles">{_tiles(data.trace.kpis, lang)}</div></section>',
    ]
    if not data.human_seats:
        out.append(f'<p class="warn">{_e(_w("no_humans", lang))}</p>')
    for seat in data.assessed:
        out.append(
            f'<section class="slide role-summary" id="summary-{seat}">'
            f"<h3>{_e(seat_name(seat, lang))}: {_e(who(data, seat, lang))}</h3>"
        )
        v = verdict(data, seat, lang)
        if v:
            out.append(f'<p class="verdict">{_e(v)}</p>')
        rows = "".join(
            f"<tr><td>{_e(r.competence.name.get(lang))}</td>"
            f"<td>{level_badge(r.level, data.rubric, lang)}</td></tr>"
            for r in data.assessments[seat]
        )
        out.append(
            f'<div class="scroll"><table class="levels"><tr><th>'
            f"{_e(t('competence', lang))}</th><th>{_e(t('level', lang))}</th></tr>"
            f"{rows}</table></div></section>"
        )
    return "\n".join(out) + "\n"


def competences(data: ProcesReportData, lang: str) -> str:
    out = [f'<h2 id="competences">{_e(t("competences", lang))}</h2>']
    for seat in data.assessed:
        out.append(f"<h3>{_e(seat_name(seat, lang))}: {_e(who(data, seat, lang))}</h3>")
        bots = data.ghost_scores.get(seat, {})
        for res in data.assessments[seat]:
            out.append(_card(res, data, seat, bots, lang))
    return "\n".join(out) + "\n"


def _card(res, data: ProcesReportData, seat: str, bots: dict, lang: str) -> str:
    c, rub = res.competence, data.rubric
    out = [
        f'<section class="card slide" id="c-{seat}-{c.id}">',
        f'<div class="card-head"><h4>{_e(c.name.get(lang))}</h4>'
        f"<div>{level_badge(res.level, rub, lang)}</div></div>",
        f'<p class="desc">{_e(c.description.get(lang))}</p>',
        f'<h5>{_e(t("what_numbers_say", lang))}</h5><ul class="says">'
        + "".join(
            f'<li class="{ir.status} lvl{ir.level or 0}">'
            f"{_e(fb.sentence(ir, rub.levels, lang))}</li>"
            for ir in res.indicators
        )
        + "</ul>",
    ]
    if res.level is not None:
        out.append(
            f'<div class="feedback"><strong>{_e(t("advice", lang))}:</strong> '
            f"{_e(c.feedback.get(res.level).get(lang))}</div>"
        )
    out.append(_indicator_table(res, lang))
    if any(b.get(c.id) is not None for b in bots.values()):
        lv = ", ".join(
            f"{bot_word(a, lang)} {_score(b.get(c.id), lang)}" for a, b in sorted(bots.items())
        )
        out.append(f'<p class="small muted">{_e(_w("archetype", lang))} (1–4): {_e(lv)}.</p>')
    ev = _evidence(res, lang)
    if ev:
        out.append(
            f'<details class="evidence-box"><summary>{_e(t("evidence", lang))}'
            f'</summary><ul class="evidence">{ev}</ul></details>'
        )
    where = f", {c.seed.where.get(lang)}" if c.seed.where else ""
    out.append(
        f'<blockquote>“{_e(c.seed.passage)}”<br><span class="src">— '
        f"{_e(rub.source_of(c.seed.file))}{_e(where)}</span></blockquote></section>"
    )
    return "\n".join(out)


def _score(score: float | None, lang: str) -> str:
    return "–" if score is None else num(score, lang, 1)


def _evidence(res, lang: str) -> str:
    seen: dict[tuple, dict] = {}
    for ir in res.indicators:
        for x in ir.measure.evidence:
            key = (x["type"], x["week"], x.get("seq"))
            entry = seen.setdefault(key, {"x": x, "names": []})
            entry["names"].append(ir.indicator.name.get(lang))
    items = sorted(seen.values(), key=lambda g: g["x"]["week"])
    out = [
        f"<li>{_e(_w('week', lang).format(w=g['x']['week']))} · "
        f"{_e(evidence_text(g['x'], lang))} "
        f'<span class="muted">({_e("; ".join(g["names"]))})</span></li>'
        for g in items[:MAX_EVIDENCE]
    ]
    if len(items) > MAX_EVIDENCE:
        out.append(
            f'<li class="muted">{_e(t("more_events", lang).format(len(items) - MAX_EVIDENCE))}</li>'
        )
    return "".join(out)


def ghosts(data: ProcesReportData, charts: dict[str, str], lang: str) -> str:
    out = [f'<h2 id="ghosts">{_e(_w("ghosts", lang))}</h2>']
    if not data.ghosts:
        out.append(f'<p class="muted">{_e(t("no_ghosts", lang))}</p>')
        return "\n".join(out) + "\n"
    out.append(f"<p>{_e(_w('ghost_intro', lang).format(n=data.ghost_runs, k=len(data.seeds)))}</p>")
    for seat in data.human_seats:
        by_arch = data.ghosts_of(seat)
        out.append(f'<section class="slide"><h3>{_e(seat_name(seat, lang))}</h3>')
        out.append(
            f'<div class="chart wide">{charts.get(seat, "")}</div>'
            f'<p class="note">{_e(_w("chart_note", lang))}</p>'
        )
        head = "".join(f'<th class="num">{_e(words.word("kpi", k, lang))}</th>' for k in KPI_NAMES)
        rows = [
            f"<tr><td><strong>{_e(t('you', lang))}</strong></td>"
            + "".join(
                f'<td class="num">{_e(kpi_text(k, data.trace.kpis.get(k), lang))}</td>'
                for k in KPI_NAMES
            )
            + "</tr>"
        ]
        for arch, runs in sorted(by_arch.items()):
            means = {k: sum(g.kpis[k] for g in runs) / len(runs) for k in KPI_NAMES}
            cells = "".join(
                f'<td class="num">{_e(kpi_text(k, v, lang))}</td>' for k, v in means.items()
            )
            rows.append(f"<tr><td>{_e(bot_word(arch, lang))}</td>{cells}</tr>")
        out.append(
            f'<div class="scroll"><table><tr><th>{_e(_w("archetype", lang))}</th>'
            f"{head}</tr>{''.join(rows)}</table></div></section>"
        )
    return "\n".join(out) + "\n"


def method(data: ProcesReportData, lang: str) -> str:
    from sim import __version__

    s = data.session
    rows = [
        (t("log_file", lang), s.path.name),
        (
            t("rubric_file", lang),
            f"{data.rubric_path.name} (sha256 {rubric_digest(data.rubric_path)[:12]})",
        ),
        (
            t("version", lang),
            f"regiekamer {__version__} (log: {s.header.get('package_version', '?')})",
        ),
        (t("random_seeds", lang), ", ".join(map(str, data.seeds if data.ghosts else [s.seed]))),
    ]
    out = [
        f'<h2 id="method">{_e(t("method", lang))}</h2>',
        f"<p>{_e(_w('method_text', lang))}</p>",
        '<div class="scroll"><table>'
        + "".join(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows)
        + "</table></div>",
    ]
    if data.trace.divergence:
        out.append(
            f'<p class="warn">{_e(_w("divergence", lang).format(d=data.trace.divergence))}</p>'
        )
    for note in s.notes + data.trace.notes:
        out.append(f'<p class="small muted">{_e(note)}</p>')
    out.append(f"<footer>{_e(t('generated_note', lang))}</footer>")
    return "\n".join(out) + "\n"
