"""The debrief report: one self-contained HTML file from a session log.

    build_report("sessie.jsonl", "nabespreking.html", lang="nl")

Sections: session overview; key moments (largest KPI swings and the decisions before
them); KPI charts over time with decisions, injects and trainer bookmarks marked; the
decision timeline per role; the competence assessment per role (level, indicator values,
evidence from the log); ghost runs (overlay and table; their number and seeds); method.
Charts are inline SVG from matplotlib, the CSS is inline, there are no scripts, fonts or
images from anywhere: the file works offline and prints on A4.

The ghost runs and the session re-run go to a process pool (`workers`, default: the CPUs
this process may use) while this process draws the session's charts.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib.resources
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from debrief import i18n
from debrief.i18n import num, pick, t
from debrief.logread import Session, read_session
from debrief.rerun import (
    GhostSpec,
    Runner,
    Trace,
    check_weather,
    ghost_specs,
    rerun_session,
    run_ghost,
)
from debrief.rubric import CompetenceResult, Rubric, assess, load_rubric, rubric_digest
from sim.actions import ROLES

N_GHOST_SEEDS = 5
SUMMARY_KPIS = ("reachability_pct", "outcome_score", "injuries", "complaints",
                "cost_total_eur", "budget_use_pct", "trust_gemeente_in_executor",
                "trust_executor_in_gemeente", "disputes", "escalations", "bypasses",
                "attention_peak", "salt_shortage_days", "executor_maturity")
GHOST_TABLE_KPIS = ("reachability_pct", "injuries", "complaints", "cost_total_eur",
                    "trust_gemeente_in_executor", "trust_executor_in_gemeente", "disputes",
                    "escalations", "bypasses", "attention_peak")
MOMENT_SERIES = ("reachability_pct", "satisfaction", "trust_gemeente_in_executor",
                 "trust_executor_in_gemeente", "attention", "complaints", "injuries")
MAX_TIMELINE_ROWS = 60
MAX_EVIDENCE = 8


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


def build_report(log_path: str | Path, out_path: str | Path, lang: str = "nl",
                 seeds: list[int] | None = None, *, rubric_path: str | Path | None = None,
                 workers: int | None = None, ghosts: bool = True,
                 include_private: bool = False) -> Path:
    """Write the debrief report of a session log; returns the path written.

    `seeds`: the ghost runs' seeds (default: the session's seed and the four after it).
    `ghosts=False` leaves the ghost runs out. Raises InputFileError (FILE:LINE problems)
    for an unusable log or rubric, GhostWeatherError if a ghost ran on other weather.
    """
    if lang not in i18n.LANGS:
        raise ValueError(f"lang must be one of {i18n.LANGS}")
    data, charts = prepare(log_path, seeds=seeds, rubric_path=rubric_path, workers=workers,
                           ghosts=ghosts, lang=lang)
    return _write(Path(out_path), render_html(data, charts, lang,
                                              include_private=include_private))


def build_reports(log_path: str | Path, out_dir: str | Path, langs=("nl", "en"),
                  seeds: list[int] | None = None, **kw) -> dict[str, Path]:
    """The report in several languages from one set of runs: {lang: path}.

    Files are named after the log: ``<log stem>_<lang>.html`` in `out_dir`.
    """
    for lang in langs:
        if lang not in i18n.LANGS:
            raise ValueError(f"lang must be one of {i18n.LANGS}")
    include_private = kw.pop("include_private", False)
    data, charts = prepare_many(log_path, seeds=seeds, langs=tuple(langs), **kw)
    out = {}
    for lang in langs:
        path = Path(out_dir) / f"{Path(log_path).stem}_{lang}.html"
        _write(path, render_html(data, charts[lang], lang, include_private=include_private))
        out[lang] = path
    return out


def _write(out: Path, text: str) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out)
    return out


def open_in_browser(path: str | Path) -> bool:
    """Open a written report in the system's browser (the game's end screen)."""
    import webbrowser

    return webbrowser.open(Path(path).resolve().as_uri())


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
        assessed = humans or list(ROLES)
        assessments = {r: assess(rubric, trace, r, human=bool(humans)) for r in assessed}
        data = ReportData(session=session, trace=trace, rubric=rubric, rubric_path=rpath,
                          human_roles=humans, assessed_roles=assessed, assessments=assessments,
                          seeds=seeds)
        budget = session.scenario.municipality.budget_eur_per_season
        for lang in langs:  # drawn while the ghosts run
            charts[lang]["kpi"] = ch.kpi_panels(trace, markers(session, trace, lang), lang,
                                                budget=budget)
            charts[lang]["timeline"] = ch.decision_timeline(trace, list(ROLES), set(humans),
                                                            lang)
        done = {k: f.result() for k, f in futs.items()}
    for spec in specs:
        g = done[spec.key()]
        if g.role != spec.role or g.archetype != spec.archetype:
            g = _relabel(g, spec)
        data.ghosts.append(g)
    by_role: dict[str, dict[str, list[Trace]]] = {}
    if data.ghosts:
        data.weather_digest = check_weather(trace, data.ghosts)
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
            charts[lang][f"ghost_{role}"] = ch.ghost_overlay(trace, by_arch, role, lang)
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


# ----------------------------------------------------------------------- markers -----
def markers(session: Session, trace: Trace, lang: str = "nl") -> dict:
    """Decisions, injects and bookmarks as days, for the charts."""
    out: dict = {"injects": [], "bookmarks": [], "decisions": defaultdict(list),
                 "threshold": session.scenario.politics.intervention_threshold,
                 "season_days": trace.hours / 24.0}
    for e in trace.events:
        day = e["t"] / 24.0
        if e["kind"] == "inject":
            out["injects"].append((day, pick(i18n.INJECT.get(e["name"], (e["name"],) * 2),
                                             lang)))
        elif e["kind"] == "trainer" and e.get("act") == "bookmark":
            out["bookmarks"].append((day, e.get("tag", "")))
        elif e["kind"] == "action" and e.get("by") == "human":
            out["decisions"][e["role"]].append(day)
    return out


# ----------------------------------------------------------------- key moments -------
def key_moments(trace: Trace, k: int = 6) -> list[dict]:
    """The largest day-to-day KPI swings, with what happened in the 48 hours before."""
    d = trace.daily
    days = d.get("gday", [])
    cands = []
    for name in MOMENT_SERIES:
        s = d.get(name) or []
        if len(s) < 3:
            continue
        diffs = [s[i] - s[i - 1] for i in range(1, len(s))]
        scale = (sum(x * x for x in diffs) / len(diffs)) ** 0.5
        lo, hi = min(s), max(s)
        if scale <= 1e-9 or hi - lo <= 1e-9:
            continue
        for i, dv in enumerate(diffs, start=1):
            z = abs(dv) / scale
            if z >= 2.0 and abs(dv) / (hi - lo) >= 0.1:
                cands.append((z, int(days[i]), name, s[i - 1], s[i]))
    cands.sort(reverse=True)
    chosen: list[tuple] = []
    for c in cands:
        if all(abs(c[1] - o[1]) > 2 for o in chosen):
            chosen.append(c)
        if len(chosen) == k:
            break
    chosen.sort(key=lambda c: c[1])
    out = []
    for z, day, name, before, after in chosen:
        t_end = day * 24 + 24
        window = [e for e in trace.events if t_end - 72 <= e["t"] < t_end]
        decisions = [e for e in window if e["kind"] == "action" and e.get("by") == "human"]
        context = [e for e in window if e["kind"] in ("inject", "media", "bypass", "dispute")
                   or (e["kind"] == "trainer" and e.get("act") == "bookmark")]
        why = []
        if name.startswith("trust"):
            g = name == "trust_gemeente_in_executor"
            agg: dict[str, float] = defaultdict(float)
            for h, what, dg, de in trace.extras.get("trust_history", []):
                if day * 24 <= h < t_end:
                    agg[what] += dg if g else de
            why = sorted(((w, v) for w, v in agg.items() if v), key=lambda x: x[1])
        out.append({"day": day, "series": name, "before": before, "after": after, "z": z,
                    "decisions": decisions, "context": context, "why": why})
    return out


# ---------------------------------------------------------------------- HTML --------
def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _css() -> str:
    return importlib.resources.files("debrief").joinpath("templates/report.css").read_text(
        encoding="utf-8")


def describe(e: dict, lang: str, include_private: bool = False) -> str:
    """One log event in words."""
    kind = e["kind"]
    if kind in ("action", "rejected"):
        a = e.get("action") if isinstance(e.get("action"), dict) else {}
        typ = a.get("type", "?")
        label = pick(i18n.ACTION.get(typ, (typ, typ)), lang)
        detail = _action_detail(a, lang)
        text = f"{label}{': ' + detail if detail else ''}"
        if kind == "rejected":
            text = f"{pick(i18n.EVENT['rejected'], lang)}: {text} ({e.get('reason', '')})"
        note = a.get("note")
        return text + (f" — “{note}”" if note else "")
    if kind == "inject":
        name = pick(i18n.INJECT.get(e["name"], (e["name"],) * 2), lang)
        src = "trainer" if e.get("source") == "trainer" else "scenario"
        return f"Inject: {name} ({num(e['severity'], lang, 1)}, {src})"
    if kind == "trainer":
        tag = e.get("tag", "")
        note = e.get("note", "") if (include_private or not e.get("private")) else ""
        label = t("bookmarks", lang) if e.get("act") == "bookmark" else f"Trainer: {e.get('act')}"
        return f"{label}: {tag}{' — ' + note if note else ''}"
    if kind == "media":
        return (f"{pick(i18n.EVENT['media'], lang)} ({e.get('injuries', 0)} "
                f"{'letsel' if lang == 'nl' else 'injuries'}, {e.get('complaints', 0)} "
                f"{'klachten' if lang == 'nl' else 'complaints'})")
    if kind == "dispute":
        k = pick(i18n.VALUE.get(e.get("dispute_kind", ""), (e.get("dispute_kind"),) * 2), lang)
        return f"{pick(i18n.EVENT['dispute'], lang)}: {k} {i18n.eur(e.get('amount_eur'), lang)}"
    if kind == "controller":
        who = e.get("bot") or (e.get("name") or t("human", lang))
        return f"{pick(i18n.EVENT['controller'], lang)}: {e['role']} → {who}"
    if kind in i18n.EVENT:
        return pick(i18n.EVENT[kind], lang)
    return kind


def _action_detail(a: dict, lang: str) -> str:
    v = lambda x: pick(i18n.VALUE.get(str(x), (str(x), str(x))), lang)  # noqa: E731
    typ = a.get("type")
    if typ == "review_invoice":
        s = f"#{a.get('invoice_id')} {v(a.get('decision'))}"
        if a.get("decision") == "dispute":
            s += f" {i18n.eur(a.get('disputed_eur'), lang)}"
        return s
    if typ == "decide_meerwerk":
        return f"#{a.get('request_id')} {v(a.get('decision'))}"
    if typ == "record_meeting":
        outs = [v(o.get("outcome")) for o in a.get("outcomes", [])]
        return ", ".join(outs) if outs else ("geen agendapunten" if lang == "nl" else "no items")
    if typ == "answer_council":
        return v(a.get("tone"))
    if typ == "plan_night":
        return v(a.get("mode"))
    if typ == "submit_report":
        return v(a.get("honesty"))
    if typ == "intervene":
        return v(a.get("channel"))
    if typ == "micromanage":
        return v(a.get("instruction"))
    if typ == "call_meeting":
        return v(a.get("level"))
    if typ == "request_meerwerk":
        return f"{v(a.get('kind'))} {i18n.eur(a.get('amount_eur'), lang)}"
    if typ in ("impose_penalty", "invest_development"):
        return i18n.eur(a.get("amount_eur"), lang)
    if typ == "buy_salt":
        return f"{num(a.get('quantity_t'), lang, 0)} t"
    if typ == "request_extra_round":
        return f"{'prioriteit' if lang == 'nl' else 'priority'} {a.get('priority', 1)}"
    return ""


def _kpi_value(name: str, value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    unit = i18n.KPI.get(name, ("", "", ""))[2]
    if unit == "EUR":
        return i18n.eur(value, lang)
    if name.startswith("trust") or name in ("attention_peak", "executor_maturity"):
        return num(value, lang, 2)
    if name in ("injuries", "complaints", "disputes", "escalations", "bypasses", "slips",
                "accidents", "salt_shortage_days", "strooiacties"):
        return num(value, lang, 0)
    return num(value, lang, 1) + (f" {unit}" if unit and unit != "EUR" else "")


def _kpi_name(name: str, lang: str) -> str:
    return pick(i18n.KPI.get(name, (name, name, "")), lang)


def _level_badge(level: int | None, rubric: Rubric, lang: str) -> str:
    if level is None:
        return f'<span class="badge lv0">{_e(t("not_observed", lang))}</span>'
    name = rubric.levels.get(level).get(lang)
    return f'<span class="badge lv{level}">{level} · {_e(name)}</span>'


def _when(e_or_t, trace: Trace, lang: str) -> str:
    tt = e_or_t["t"] if isinstance(e_or_t, dict) else e_or_t
    return i18n.when(tt, trace.hours, lang)


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
            who = f"{t('bot', lang)}: {spec.get('bot')}"
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
            out.append(f"<tr><td>{_e(_kpi_name(k, lang))}</td>"
                       f'<td class="num">{_e(_kpi_value(k, tr.kpis[k], lang))}</td></tr>')
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
                   f"{_e(_kpi_name(m['series'], lang))}: "
                   f'<span class="delta {cls}">{_e(_kpi_value(m["series"], m["before"], lang))}'
                   f" → {_e(_kpi_value(m['series'], m['after'], lang))}</span></div>")
        items = [f"<li>{_e(_when(e, tr, lang))} · {_e(pick(i18n.ROLE_SHORT[e['role']], lang))}: "
                 f"{_e(describe(e, lang, include_private))}</li>" for e in m["decisions"][:8]]
        items += [f"<li>{_e(_when(e, tr, lang))} · {_e(describe(e, lang, include_private))}</li>"
                  for e in m["context"][:5]]
        out.append(f'<div class="small muted">{_e(t("before", lang))}:</div>')
        out.append('<ul class="evidence">' + ("".join(items) or
                   f"<li>{_e(t('no_decisions', lang))}</li>") + "</ul>")
        if m["why"]:
            why = ", ".join(f"{i18n.TRUST_REASON.get(w, w) if lang == 'nl' else w} "
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
            bot = data.session.controllers[role].get("bot")
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
            out.append(f"<tr><td>{_e(_when(e, tr, lang))}</td>"
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
                lv = ", ".join(f"{a}: {num(sc, lang, 1) if sc is not None else '–'}"
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
                         f"{_e(_when(x, trace, lang))} · {_e(_ev_text(x, lang))}"
                         + (f' <span class="muted">({t("line", lang)} {x["seq"] + 2})</span>'
                            if x.get("seq") is not None else "") + "</li>")
        if len(evs) > MAX_EVIDENCE:
            items.append(f'<li class="muted">… +{len(evs) - MAX_EVIDENCE}</li>')
    return "".join(items)


def _ev_text(x: dict, lang: str) -> str:
    typ = x.get("type")
    if typ == "event":
        return describe(x["event"], lang)
    if typ == "invoice":
        verdict = pick(i18n.VALUE["dispute" if x["disputed"] else "approve"], lang)
        fair = "te hoog" if lang == "nl" else "inflated"
        ok = "redelijk" if lang == "nl" else "fair"
        return (f"{'factuur' if lang == 'nl' else 'invoice'} {i18n.eur(x['claimed'], lang)}, "
                f"{ok if not x['inflated'] else fair} ({i18n.eur(x['fair'], lang)}): {verdict}")
    if typ == "signal":
        sig = pick(i18n.SIGNAL.get(x["signal"], (x["signal"],) * 2), lang)
        if x.get("response") is None or x.get("capped"):
            resp = "geen reactie" if lang == "nl" else "no response"
        else:
            resp = (f"{'reactie na' if lang == 'nl' else 'response after'} "
                    f"{num(x['lag_h'], lang, 0)} u: " if lang == "nl" else
                    f"response after {num(x['lag_h'], lang, 0)} h: ")
            resp += describe(x["response"], lang)
        return f"{sig} → {resp}"
    if typ == "night":
        return (f"{'verwachting' if lang == 'nl' else 'forecast'} "
                f"{num(x['min_surface_temp_c'], lang, 1)} °C → "
                f"{pick(i18n.VALUE[x['mode']], lang)}")
    return str(x)


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
                   + "".join(f'<th class="num">{_e(a)}<br><span class="muted small">'
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
                cell = (f"{_kpi_value(k, sum(vals) / len(vals), lang)} "
                        f"({_kpi_value(k, min(vals), lang)}–{_kpi_value(k, max(vals), lang)})")
                if same:
                    cell += (f'<br><span class="muted small">{_e(t("same_seed", lang))}: '
                             f"{_e(_kpi_value(k, same[0], lang))}</span>")
                cells.append(cell)
            out.append(f"<tr><td>{_e(_kpi_name(k, lang))}</td><td class=\"num\"><strong>"
                       f"{_e(_kpi_value(k, tr.kpis.get(k), lang))}</strong></td>"
                       + "".join(f'<td class="num">{c}</td>' for c in cells) + "</tr>")
        out.append("</table>")
        out.append(f"<h4>{_e(t('competence_levels', lang))}</h4>")
        out.append(f"<table><tr><th>{_e(t('competences', lang))}</th><th class=\"num\">"
                   f"{_e(t('you', lang))}</th>"
                   + "".join(f'<th class="num">{_e(a)}</th>' for a in archs) + "</tr>")
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
