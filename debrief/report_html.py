"""The debrief report as one HTML document: its sections, from prepared `ReportData`."""

from __future__ import annotations

import datetime as dt
import html
import importlib.resources
from collections import defaultdict

from debrief import design_html, i18n, report_ghosts
from debrief import report_competences as rc
from debrief.event_text import describe, kpi_name, kpi_value, when
from debrief.i18n import num, pick, t
from debrief.moments import key_moments, markers
from debrief.report_data import ReportData
from debrief.rerun import Trace
from debrief.rubric import rubric_digest
from sim.actions import ROLES

SUMMARY_KPIS = ("reachability_pct", "outcome_score", "injuries", "complaints",
                "cost_total_eur", "budget_use_pct", "trust_gemeente_in_executor",
                "trust_executor_in_gemeente", "disputes", "escalations", "bypasses",
                "attention_peak", "salt_shortage_days", "executor_maturity")
MAX_TIMELINE_ROWS = 60


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _asset(name: str) -> str:
    """A file of debrief/templates (the page's CSS and its presentation script)."""
    return importlib.resources.files("debrief").joinpath(f"templates/{name}").read_text(
        encoding="utf-8")


def render_html(data: ReportData, charts: dict[str, str], lang: str,
                include_private: bool = False) -> str:
    """The report as one HTML document: summary first, then the competences, the ghost runs
    and the session in detail; a presentation mode (one screen per competence) in the page."""
    s = data.session
    sc = s.scenario
    title = sc.meta.title_en if lang == "en" else sc.meta.title_nl
    verdicts = {r: v for r in data.human_roles
                if (v := report_ghosts.role_verdict(data, r, lang)) is not None}
    parts: list[str] = []
    add = parts.append
    add(f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(t('report_title', lang))}: {_e(title)}</title>\n"
        f"<style>\n{_asset('report.css')}\n</style>\n</head>\n<body>\n<main>\n")
    seats = " · ".join(f"{pick(i18n.ROLE_SHORT[r], lang)}: {rc.who(data, r, lang)}"
                       for r in ROLES)
    add(f'<header class="top"><h1>{_e(t("report_title", lang))}: {_e(title)}</h1>'
        f'<div class="sub">{_e(_period(data, lang))} · {_e(seats)}</div>'
        f'<button type="button" id="present" class="present-btn" '
        f'title="{_e(t("present_help", lang))}">▶ {_e(t("present", lang))}</button>'
        "</header>\n")
    sections = [("summary", t("summary", lang)), ("competences", t("competences", lang)),
                ("design", design_html.title(lang)), ("ghosts", t("ghosts", lang)),
                ("moments", t("key_moments", lang)),
                ("kpis", t("kpi_charts", lang)), ("timeline", t("timeline", lang)),
                ("overview", t("overview", lang)), ("method", t("method", lang))]
    add(f'<nav class="toc"><strong>{_e(t("contents", lang))}</strong><ol>'
        + "".join(f'<li><a href="#{k}">{_e(v)}</a></li>' for k, v in sections)
        + "</ol></nav>\n")
    add(rc.summary(data, lang, verdicts))
    add(rc.competences(data, charts, lang))
    add(design_html.section(data, lang))
    add(report_ghosts.ghosts(data, charts, lang))
    add(_moments(data, lang, include_private))
    add(f'<h2 id="kpis">{_e(t("kpi_charts", lang))}</h2>\n'
        f'<div class="chart wide">{charts["kpi"]}</div>'
        f'<p class="note">{_e(t("charts_note", lang))}</p>\n' + _marker_key(data, lang))
    add(_timeline(data, charts, lang, include_private))
    add(_overview(data, lang))
    add(_method(data, lang))
    add(f'</main>\n<div id="present-bar" class="present-bar" hidden><span id="present-n">'
        f'</span> · {_e(t("present_help", lang))}</div>\n'
        f"<script>\n{_asset('present.js')}\n</script>\n</body>\n</html>\n")
    return "".join(parts)


def _period(data: ReportData, lang: str) -> str:
    """'14 dec 2025 – 4 jan 2026': the days the session ran."""
    tr = data.trace
    first = i18n.date_of(0, tr.hours, tr.start_date)
    last = i18n.date_of(max(tr.stop_t - 1, 0), tr.hours, tr.start_date)
    return f"{i18n.day_label(first, lang, year=True)} – {i18n.day_label(last, lang, year=True)}"


def _marker_key(data: ReportData, lang: str) -> str:
    """The numbered injects and lettered bookmarks of the charts."""
    m = markers(data.session, data.trace, lang)
    items = [f'<li><strong style="color:#c0392b">{n}</strong> '
             f"{_e(when(round(day * 24), data.trace, lang))}: {_e(text)}</li>"
             for n, (day, text) in enumerate(m["injects"], start=1)]
    items += [f'<li><strong style="color:#2c7a3f">{chr(65 + n % 26)}</strong> '
              f"{_e(when(round(day * 24), data.trace, lang))}: {_e(text)}</li>"
              for n, (day, text) in enumerate(m["bookmarks"])]
    if not items:
        return ""
    return f'<ul class="evidence marker-key">{"".join(items)}</ul>\n'


def _overview(data: ReportData, lang: str) -> str:
    s, tr = data.session, data.trace
    sc = s.scenario
    desc = sc.meta.description_en if lang == "en" else sc.meta.description_nl
    out = [f'<h2 id="overview">{_e(t("overview", lang))}</h2>']
    if desc:
        out.append(f"<p>{_e(desc)}</p>")
    seats = [f"{rc.role_tag(role, lang)} {_e(rc.who(data, role, lang))}" for role in ROLES]
    counts = defaultdict(int)
    for e in tr.events:
        if e["kind"] == "action" and e.get("by") == "human":
            counts[e["role"]] += 1
    n_inj = sum(1 for e in tr.events if e["kind"] == "inject")
    n_bm = sum(1 for e in tr.events if e["kind"] == "trainer" and e.get("act") == "bookmark")
    played = tr.stop_t / 24.0
    tiles = [
        (t("period", lang), _period(data, lang)),
        (t("played_until", lang), f"{num(played, lang, 0)} / "
                                  f"{num(tr.hours / 24.0 * s.seasons, lang, 0)} {t('days', lang)}"),
        (t("events", lang), num(len(s.events), lang, 0)),
        (t("human_actions", lang), ", ".join(f"{pick(i18n.ROLE_SHORT[r], lang)} {counts[r]}"
                                             for r in data.human_roles) or "0"),
        (t("injects", lang), str(n_inj)),
        (t("bookmarks", lang), str(n_bm)),
    ]
    created = _created(s.header.get("created"), lang)
    if created:
        tiles.append((t("created", lang), created))
    out.append("<p>" + "<br>".join(seats) + "</p>")  # already escaped
    out.append('<div class="grid">' + "".join(
        f'<div class="tile"><div class="k">{_e(k)}</div><div class="v">{_e(v)}</div></div>'
        for k, v in tiles) + "</div>")
    if s.end is None:
        out.append(f'<p class="warn">{_e(t("incomplete", lang))}</p>')
    if tr.divergence:
        out.append(f'<p class="warn">{_e(t("rerun_diff", lang).format(tr.divergence))}</p>')
    else:
        out.append(f'<p class="muted small">{_e(t("rerun_ok", lang))}</p>')
    out.append(f'<h3>{_e(t("final_kpis", lang))}</h3><div class="scroll"><table><tr><th>'
               f'{_e(t("kpi", lang))}</th><th class="num">{_e(t("value", lang))}</th></tr>')
    for k in SUMMARY_KPIS:
        if k in tr.kpis:
            out.append(f"<tr><td>{_e(kpi_name(k, lang))}</td>"
                       f'<td class="num">{_e(kpi_value(k, tr.kpis[k], lang))}</td></tr>')
    out.append("</table></div>")
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
        out.append(f"<div><strong>{_e(_date(m['day'], tr, lang))}</strong> · "
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
           f'<div class="chart wide">{charts["timeline"]}</div>']
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
        out.append(f'<div class="scroll"><table><tr><th>{_e(t("when", lang))}</th><th>'
                   f'{_e(t("decision", lang))}</th></tr>')
        shown = rows if len(rows) <= MAX_TIMELINE_ROWS else _thin(rows)
        for e in shown:
            out.append(f"<tr><td>{_e(when(e, tr, lang))}</td>"
                       f"<td>{_e(describe(e, lang, include_private))}</td></tr>")
        out.append("</table></div>")
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


def _method(data: ReportData, lang: str) -> str:
    from sim import __version__

    s = data.session
    rows = [(t("log_file", lang), s.path.name),
            (t("rubric_file", lang), f"{data.rubric_path.name} "
                                     f"(sha256 {rubric_digest(data.rubric_path)[:12]})"),
            (t("version", lang), f"regiekamer {__version__} "
                                 f"(log: {s.header.get('package_version', '?')})"),
            (t("random_seeds", lang), ", ".join(map(str, [s.seed] + [
                x for x in data.seeds if x != s.seed] if data.ghosts else [s.seed])))]
    if data.weather_digest:
        rows.append((t("ghosts", lang).split(":")[0],
                     t("weather_check", lang).format(data.weather_digest[:12])))
    out = [f'<h2 id="method">{_e(t("method", lang))}</h2>', f"<p>{_e(t('method_text', lang))}</p>",
           '<div class="scroll"><table>'
           + "".join(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows)
           + "</table></div>"]
    for note in s.notes + data.trace.notes:
        out.append(f'<p class="small muted">{_e(note)}</p>')
    out.append(f"<footer>{_e(t('generated_note', lang))}</footer>")
    return "\n".join(out) + "\n"


def _date(day: int, trace: Trace, lang: str) -> str:
    """'di 14 dec' for a day since the first season began."""
    return i18n.when(day * 24, trace.hours, lang, trace.start_date).rsplit(" ", 1)[0]


def _created(stamp: str | None, lang: str) -> str:
    """The log's creation time ('2026-01-12T09:00:00Z') as a date and time people read."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return f"{i18n.day_label(moment, lang, year=True)} {moment:%H:%M}"
