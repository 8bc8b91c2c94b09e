"""The debrief report as one HTML document: its sections, from prepared `ReportData`."""

from __future__ import annotations

import datetime as dt
import html
import importlib.resources
from collections import defaultdict

from debrief import i18n
from debrief.event_text import describe, evidence_text, kpi_name, kpi_value, when
from debrief.i18n import num, pick, t
from debrief.moments import key_moments, markers
from debrief.report_data import ReportData
from debrief.rerun import Trace
from debrief.rubric import CompetenceResult, Rubric, rubric_digest
from sim.actions import ROLES

SUMMARY_KPIS = ("reachability_pct", "outcome_score", "injuries", "complaints",
                "cost_total_eur", "budget_use_pct", "trust_gemeente_in_executor",
                "trust_executor_in_gemeente", "disputes", "escalations", "bypasses",
                "attention_peak", "salt_shortage_days", "executor_maturity")
GHOST_TABLE_KPIS = ("reachability_pct", "injuries", "complaints", "cost_total_eur",
                    "trust_gemeente_in_executor", "trust_executor_in_gemeente", "disputes",
                    "escalations", "bypasses", "attention_peak")
MAX_TIMELINE_ROWS = 60
MAX_EVIDENCE = 8


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _css() -> str:
    return importlib.resources.files("debrief").joinpath("templates/report.css").read_text(
        encoding="utf-8")


def _level_badge(level: int | None, rubric: Rubric, lang: str) -> str:
    if level is None:
        return f'<span class="badge lv0">{_e(t("not_observed", lang))}</span>'
    name = rubric.levels.get(level).get(lang)
    return f'<span class="badge lv{level}">{level} · {_e(name)}</span>'


def render_html(data: ReportData, charts: dict[str, str], lang: str,
                include_private: bool = False) -> str:
    """The report as one HTML document."""
    s = data.session
    sc = s.scenario
    title = sc.meta.title_en if lang == "en" else sc.meta.title_nl
    parts: list[str] = []
    add = parts.append
    add(f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(t('report_title', lang))}: {_e(title)}</title>\n"
        f"<style>\n{_css()}\n</style>\n</head>\n<body>\n<main>\n")
    add(f'<header class="top"><h1>{_e(t("report_title", lang))}: {_e(title)}</h1>'
        f'<div class="sub">{_e(s.path.name)} · seed {s.seed} · '
        f'{_e(data.rubric.title.get(lang))}</div></header>\n')
    sections = [("overview", t("overview", lang)), ("moments", t("key_moments", lang)),
                ("kpis", t("kpi_charts", lang)), ("timeline", t("timeline", lang)),
                ("competences", t("competences", lang)), ("ghosts", t("ghosts", lang)),
                ("method", t("method", lang))]
    add(f'<nav class="toc"><strong>{_e(t("contents", lang))}</strong><ol>'
        + "".join(f'<li><a href="#{k}">{_e(v)}</a></li>' for k, v in sections)
        + "</ol></nav>\n")
    add(_overview(data, lang))
    add(_moments(data, lang, include_private))
    add(f'<h2 id="kpis">{_e(t("kpi_charts", lang))}</h2>\n'
        f'<div class="chart">{charts["kpi"]}</div>'
        f'<p class="note">{_e(t("charts_note", lang))}</p>\n' + _marker_key(data, lang))
    add(_timeline(data, charts, lang, include_private))
    add(_competences(data, charts, lang))
    add(_ghosts(data, charts, lang))
    add(_method(data, lang))
    add("</main>\n</body>\n</html>\n")
    return "".join(parts)


def _marker_key(data: ReportData, lang: str) -> str:
    """The numbered injects and lettered bookmarks of the charts."""
    m = markers(data.session, data.trace, lang)
    hours = data.trace.hours
    items = [f'<li><strong style="color:#c0392b">{n}</strong> '
             f"{_e(i18n.when(round(day * 24), hours, lang))}: {_e(text)}</li>"
             for n, (day, text) in enumerate(m["injects"], start=1)]
    items += [f'<li><strong style="color:#2c7a3f">{chr(65 + n % 26)}</strong> '
              f"{_e(i18n.when(round(day * 24), hours, lang))}: {_e(text)}</li>"
              for n, (day, text) in enumerate(m["bookmarks"])]
    if not items:
        return ""
    return f'<ul class="evidence marker-key">{"".join(items)}</ul>\n'


def _overview(data: ReportData, lang: str) -> str:
    s, tr = data.session, data.trace
    sc = s.scenario
    start = sc.weather.start_date
    stop_day = tr.stop_t / 24.0
    end = start + dt.timedelta(days=int(min(stop_day, tr.hours / 24.0)))
    desc = sc.meta.description_en if lang == "en" else sc.meta.description_nl
    out = [f'<h2 id="overview" class="first">{_e(t("overview", lang))}</h2>']
    if desc:
        out.append(f"<p>{_e(desc)}</p>")
    seats = []
    for role in ROLES:
        spec = s.controllers[role]
        if role in data.human_roles:
            who = f"{t('human', lang)}: {s.player_name(role) or '—'}"
        else:
            who = f"{t('bot', lang)}: {i18n.bot_name(spec.get('bot', ''), lang)}"
        seats.append(f'<span class="role-tag role-{role}">{_e(pick(i18n.ROLE[role], lang))}'
                     f"</span> {_e(who)}")
    counts = defaultdict(int)
    for e in tr.events:
        if e["kind"] == "action" and e.get("by") == "human":
            counts[e["role"]] += 1
    n_inj = sum(1 for e in tr.events if e["kind"] == "inject")
    n_bm = sum(1 for e in tr.events if e["kind"] == "trainer" and e.get("act") == "bookmark")
    tiles = [
        (t("scenario", lang), s.header.get("scenario_name") or sc.meta.title_nl),
        (t("period", lang), f"{start.isoformat()} – {end.isoformat()}"),
        (t("played_until", lang), f"{t('day', lang)} {num(stop_day, lang, 0)} / "
                                  f"{num(tr.hours / 24.0 * s.seasons, lang, 0)}"),
        (t("seed", lang), str(s.seed)),
        (t("events", lang), num(len(s.events), lang, 0)),
        (t("human_actions", lang), ", ".join(f"{pick(i18n.ROLE_SHORT[r], lang)} {counts[r]}"
                                             for r in data.human_roles) or "0"),
        (t("injects", lang), str(n_inj)),
        (t("bookmarks", lang), str(n_bm)),
    ]
    if s.header.get("created"):
        tiles.append((t("created", lang), str(s.header["created"])))
    out.append("<p>" + "<br>".join(seats) + "</p>")
    out.append('<div class="grid">' + "".join(
        f'<div class="tile"><div class="k">{_e(k)}</div><div class="v">{_e(v)}</div></div>'
        for k, v in tiles) + "</div>")
    if s.end is None:
        out.append(f'<p class="warn">{_e(t("incomplete", lang))}</p>')
    if tr.divergence:
        out.append(f'<p class="warn">{_e(t("rerun_diff", lang).format(tr.divergence))}</p>')
    else:
        out.append(f'<p class="muted small">{_e(t("rerun_ok", lang))}</p>')
    out.append(f'<h3>{_e(t("final_kpis", lang))}</h3><table><tr><th>{_e(t("kpi", lang))}</th>'
               f'<th class="num">{_e(t("value", lang))}</th></tr>')
    for k in SUMMARY_KPIS:
        if k in tr.kpis:
            out.append(f"<tr><td>{_e(kpi_name(k, lang))}</td>"
                       f'<td class="num">{_e(kpi_value(k, tr.kpis[k], lang))}</td></tr>')
    out.append("</table>")
    return "\n".join(out) + "\n"


def _moments(data: ReportData, lang: str, include_private: bool) -> str:
    tr = data.trace
    out = [f'<h2 id="moments">{_e(t("key_moments", lang))}</h2>']
    moments = key_moments(tr)
    if not moments:
        out.append(f"<p>{_e(t('moment_none', lang))}</p>")
    for m in moments:
        delta = m["after"] - m["before"]
        worse_up = m["series"] in ("attention", "complaints", "injuries")
        good = delta < 0 if worse_up else delta > 0
        cls = "up" if good else "down"
        out.append('<div class="moment">')
        out.append(f"<div><strong>{_e(t('Day', lang))} {m['day']}</strong> · "
                   f"{_e(kpi_name(m['series'], lang))}: "
                   f'<span class="delta {cls}">{_e(kpi_value(m["series"], m["before"], lang))}'
                   f" → {_e(kpi_value(m['series'], m['after'], lang))}</span></div>")
        items = [f"<li>{_e(when(e, tr, lang))} · {_e(pick(i18n.ROLE_SHORT[e['role']], lang))}: "
                 f"{_e(describe(e, lang, include_private))}</li>" for e in m["decisions"][:8]]
        items += [f"<li>{_e(when(e, tr, lang))} · {_e(describe(e, lang, include_private))}</li>"
                  for e in m["context"][:5]]
        out.append(f'<div class="small muted">{_e(t("before", lang))}:</div>')
        out.append('<ul class="evidence">' + ("".join(items) or
                   f"<li>{_e(t('no_decisions', lang))}</li>") + "</ul>")
        if m["why"]:
            why = ", ".join(f"{pick(i18n.TRUST_REASON.get(w, (w, w)), lang)} "
                            f"({num(v, lang, 2)})" for w, v in m["why"][:5])
            out.append(f'<div class="small">{_e(t("why_trust", lang))}: {_e(why)}</div>')
        out.append("</div>")
    return "\n".join(out) + "\n"


def _timeline(data: ReportData, charts: dict, lang: str, include_private: bool) -> str:
    tr = data.trace
    out = [f'<h2 id="timeline">{_e(t("timeline", lang))}</h2>',
           f'<div class="chart">{charts["timeline"]}</div>']
    for role in ROLES:
        out.append(f'<h3><span class="role-tag role-{role}">'
                   f"{_e(pick(i18n.ROLE[role], lang))}</span></h3>")
        if role not in data.human_roles:
            bot = i18n.bot_name(data.session.controllers[role].get("bot", ""), lang)
            out.append(f'<p class="muted">{_e(t("played_by_bot", lang).format(bot))}</p>')
            continue
        rows = [e for e in tr.events if e["kind"] in ("action", "rejected")
                and e.get("role") == role and e.get("by", "human") == "human"]
        if not rows:
            out.append(f"<p>{_e(t('no_actions', lang))}</p>")
            continue
        out.append(f"<table><tr><th>{_e(t('when', lang))}</th><th>{_e(t('decision', lang))}"
                   f'</th><th class="num">{_e(t("line", lang))}</th></tr>')
        shown = rows if len(rows) <= MAX_TIMELINE_ROWS else _thin(rows)
        for e in shown:
            out.append(f"<tr><td>{_e(when(e, tr, lang))}</td>"
                       f"<td>{_e(describe(e, lang, include_private))}</td>"
                       f'<td class="num">{"" if e.get("seq") is None else e["seq"] + 2}</td>'
                       "</tr>")
        out.append("</table>")
        if len(shown) < len(rows):
            out.append(f'<p class="note">{_e(t("more_rows", lang).format(len(rows) - len(shown)))}'
                       "</p>")
    return "\n".join(out) + "\n"


def _thin(rows: list[dict]) -> list[dict]:
    """Long lists: every type's first occurrences, and the rest of the free initiatives."""
    routine = {"plan_night", "submit_report", "review_invoice", "record_meeting"}
    keep, seen = [], defaultdict(int)
    for e in rows:
        typ = e["action"].get("type") if isinstance(e.get("action"), dict) else "?"
        seen[typ] += 1
        if seen[typ] <= (3 if typ in routine else 6) or e["kind"] == "rejected":
            keep.append(e)
    return keep[:MAX_TIMELINE_ROWS]


def _competences(data: ReportData, charts: dict, lang: str) -> str:
    rub = data.rubric
    out = [f'<h2 id="competences">{_e(t("competences", lang))}</h2>']
    if not data.human_roles:
        out.append(f'<p class="warn">{_e(t("no_humans", lang))}</p>')
    for role in data.assessed_roles:
        out.append(f'<h3><span class="role-tag role-{role}">{_e(pick(i18n.ROLE[role], lang))}'
                   "</span></h3>")
        out.append(f'<div class="chart">{charts[f"bars_{role}"]}</div>')
        bots = data.ghost_scores.get(role, {})
        for res in data.assessments[role]:
            c = res.competence
            out.append('<div class="card">')
            score = "" if res.score is None else f" {t('score', lang)} {num(res.score, lang, 2)}"
            out.append(f'<div class="card-head"><h4>{_e(c.name.get(lang))}</h4>'
                       f'<div>{_level_badge(res.level, rub, lang)}<span class="small muted">'
                       f"{_e(score)}</span></div></div>")
            out.append(f"<p>{_e(c.description.get(lang))}</p>")
            where = f" ({c.seed.where.get(lang)})" if c.seed.where else ""
            out.append(f'<blockquote>“{_e(c.seed.passage)}” — {_e(t("seed_ref", lang))}: '
                       f"seed {c.seed.file}{_e(where)}</blockquote>")
            out.append(f"<table><tr><th>{_e(t('indicator', lang))}</th>"
                       f'<th class="num">{_e(t("value", lang))}</th><th class="num">'
                       f'{_e(t("n_obs", lang))}</th><th>{_e(t("level", lang))}</th>'
                       f'<th class="num">{_e(t("thresholds", lang))}</th>'
                       f'<th class="num">{_e(t("weight", lang))}</th></tr>')
            for ir in res.indicators:
                i = ir.indicator
                val = "–" if ir.value is None else (num(ir.value * i.scale, lang, 1)
                                                     + (f" {i.unit}" if i.unit else ""))
                lvl = "–" if ir.level is None else str(ir.level)
                thr = " | ".join(num(x * i.scale, lang, 1) for x in i.thresholds)
                arrow = "↑" if i.better == "higher" else "↓"
                out.append(f"<tr><td>{_e(i.name.get(lang))}</td><td class=\"num\">{_e(val)}</td>"
                           f'<td class="num">{ir.measure.n}</td><td>{_e(lvl)}</td>'
                           f'<td class="num">{_e(thr)} {arrow}</td>'
                           f'<td class="num">{_e(num(i.weight, lang, 1))}</td></tr>')
            out.append("</table>")
            if res.level is None:
                out.append(f'<p class="muted">{_e(t("not_observed_long", lang))}</p>')
            else:
                fb = c.feedback.get(res.level).get(lang)
                out.append(f'<div class="feedback"><strong>{_e(t("feedback", lang))}:</strong> '
                           f"{_e(fb)}</div>")
            ev = _evidence(res, data.trace, lang)
            if ev:
                out.append(f'<h4 class="small">{_e(t("evidence", lang))}</h4>'
                           f'<ul class="evidence">{ev}</ul>')
            if bots:
                lv = ", ".join(f"{i18n.bot_name(a, lang)}: "
                               f"{num(sc, lang, 1) if sc is not None else '–'}"
                               for a, sc in ((a, b.get(c.id)) for a, b in bots.items()))
                out.append(f'<p class="small muted">{_e(t("bot_ghost_levels", lang))} '
                           f"({_e(t('score', lang))}): {_e(lv)}</p>")
            out.append("</div>")
    return "\n".join(out) + "\n"


def _evidence(res: CompetenceResult, trace: Trace, lang: str) -> str:
    items = []
    for ir in res.indicators:
        evs = sorted(ir.measure.evidence, key=lambda x: x["t"])
        for x in evs[:MAX_EVIDENCE]:
            items.append(f"<li><em>{_e(ir.indicator.name.get(lang))}</em> · "
                         f"{_e(when(x, trace, lang))} · {_e(evidence_text(x, lang))}"
                         + (f' <span class="muted">({t("line", lang)} {x["seq"] + 2})</span>'
                            if x.get("seq") is not None else "") + "</li>")
        if len(evs) > MAX_EVIDENCE:
            items.append(f'<li class="muted">… +{len(evs) - MAX_EVIDENCE}</li>')
    return "".join(items)


def _ghosts(data: ReportData, charts: dict, lang: str) -> str:
    out = [f'<h2 id="ghosts">{_e(t("ghosts", lang))}</h2>']
    if not data.ghosts:
        out.append(f"<p>{_e(t('no_ghosts', lang))}</p>")
        return "\n".join(out) + "\n"
    out.append("<p>" + _e(t("ghost_intro", lang).format(
        n=data.ghost_runs, seeds=", ".join(str(x) for x in data.seeds),
        digest=data.weather_digest[:12], seed=data.session.seed)) + "</p>")
    tr = data.trace
    for role in data.human_roles:
        runs = [g for g in data.ghosts if g.role == role]
        archs = list(dict.fromkeys(g.archetype for g in runs))
        out.append(f'<h3>{_e(t("ghost_role", lang).format(pick(i18n.ROLE[role], lang)))}</h3>')
        out.append(f'<div class="chart">{charts[f"ghost_{role}"]}</div>'
                   f'<p class="note">{_e(t("ghost_chart_note", lang))}</p>')
        out.append(f"<table><tr><th>{_e(t('kpi', lang))}</th><th class=\"num\">"
                   f"{_e(t('you', lang))}</th>"
                   + "".join(f'<th class="num">{_e(i18n.bot_name(a, lang))}<br>'
                             f'<span class="muted small">'
                             f'{_e(t("mean_range", lang))}</span></th>' for a in archs)
                   + "</tr>")
        for k in GHOST_TABLE_KPIS:
            cells = []
            for a in archs:
                vals = [g.kpis.get(k) for g in runs if g.archetype == a and k in g.kpis]
                if not vals:
                    cells.append("–")
                    continue
                same = [g.kpis.get(k) for g in runs
                        if g.archetype == a and g.seed == data.session.seed]
                cell = (f"{kpi_value(k, sum(vals) / len(vals), lang)} "
                        f"({kpi_value(k, min(vals), lang)}–{kpi_value(k, max(vals), lang)})")
                if same:
                    cell += (f'<br><span class="muted small">{_e(t("same_seed", lang))}: '
                             f"{_e(kpi_value(k, same[0], lang))}</span>")
                cells.append(cell)
            out.append(f"<tr><td>{_e(kpi_name(k, lang))}</td><td class=\"num\"><strong>"
                       f"{_e(kpi_value(k, tr.kpis.get(k), lang))}</strong></td>"
                       + "".join(f'<td class="num">{c}</td>' for c in cells) + "</tr>")
        out.append("</table>")
        out.append(f"<h4>{_e(t('competence_levels', lang))}</h4>")
        out.append(f"<table><tr><th>{_e(t('competences', lang))}</th><th class=\"num\">"
                   f"{_e(t('you', lang))}</th>"
                   + "".join(f'<th class="num">{_e(i18n.bot_name(a, lang))}</th>'
                             for a in archs) + "</tr>")
        for res in data.assessments[role]:
            cid = res.competence.id
            cells = [data.ghost_scores[role].get(a, {}).get(cid) for a in archs]
            out.append(f"<tr><td>{_e(res.competence.name.get(lang))}</td>"
                       f'<td class="num"><strong>{_fmt_score(res.score, lang)}</strong></td>'
                       + "".join(f'<td class="num">{_fmt_score(x, lang)}</td>' for x in cells)
                       + "</tr>")
        out.append("</table>")
        seeds_run = sorted({g.seed for g in runs})
        out.append(f'<p class="small muted">{_e(t("runs_at", lang))}: {len(runs)} '
                   f"({len(archs)} × {len(seeds_run)}: seeds {', '.join(map(str, seeds_run))})</p>")
    return "\n".join(out) + "\n"


def _fmt_score(score: float | None, lang: str) -> str:
    if score is None:
        return "–"
    from debrief.rubric import level_of

    return f"{num(score, lang, 2)} ({level_of(score)})"


def _method(data: ReportData, lang: str) -> str:
    from sim import __version__

    s = data.session
    out = [f'<h2 id="method">{_e(t("method", lang))}</h2>', f"<p>{_e(t('method_text', lang))}</p>",
           "<table>",
           f"<tr><td>{_e(t('log_file', lang))}</td><td>{_e(s.path.name)}</td></tr>",
           f"<tr><td>{_e(t('rubric_file', lang))}</td><td>{_e(data.rubric_path.name)} "
           f"(sha256 {rubric_digest(data.rubric_path)[:12]})</td></tr>",
           f"<tr><td>{_e(t('version', lang))}</td><td>regiekamer {_e(__version__)} "
           f"(log: {_e(s.header.get('package_version', '?'))})</td></tr>",
           "</table>"]
    for note in s.notes + data.trace.notes:
        out.append(f'<p class="small muted">{_e(note)}</p>')
    out.append(f"<footer>{_e(t('generated_note', lang))}</footer>")
    return "\n".join(out) + "\n"
