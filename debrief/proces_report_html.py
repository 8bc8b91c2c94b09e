"""The procesregie debrief report as one HTML document (data: debrief.proces_report).

Sections: the outcomes and, per seat a person held, the competence levels at a glance with
the ghost-run verdict; a card per competence (what the numbers say, the advice for the
level, the indicator table, the bots' scores, the evidence, the quoted source); the ghost
runs (the session against each archetype on the same process); the process step by step;
the method. The page's CSS and presentation script are the gladheid report's own.
"""

from __future__ import annotations

import html

from debrief import feedback as fb
from debrief.i18n import num, pick, t
from debrief.proces_report import ProcesReportData
from debrief.proces_trace import REGISSEUR, week_of
from debrief.report_competences import _indicator_table, level_badge
from debrief.report_html import _asset
from debrief.rubric import rubric_digest
from sim import words
from sim.procesregie.kpi import KPI_NAMES

MAX_EVIDENCE = 10
W = {  # the report's own sentences for this family
    "summary": ("Samenvatting per stoel", "Summary per seat"),
    "ghosts": (
        "Spookritten: hetzelfde proces met een bot op uw stoel",
        "Ghost runs: the same process with a bot in your seat",
    ),
    "ghost_intro": (
        "{n} spookritten: elke stoel met een speler om beurten bezet door elke bot, in "
        "hetzelfde proces (zelfde partijen, zelfde injects van de trainer), met {k} "
        "varianten van het toeval. In de eerste variant is alles gelijk aan de sessie behalve "
        "wie op de stoel zat.",
        "{n} ghost runs: each seat a person held taken by each bot in turn, in the same "
        "process (the same parties, the trainer's injects), with {k} variants of chance. In "
        "the first variant everything is as in the session except who sat in the seat.",
    ),
    "verdict": (
        "Met een bot op deze stoel: {bots}. Deze sessie: draagvlak {sup}, gezamenlijke "
        "waarde {jv}, doorlooptijd {lt} weken.",
        "With a bot in this seat: {bots}. This session: support {sup}, joint value {jv}, "
        "lead time {lt} weeks.",
    ),
    "verdict_bot": (
        "‘{b}’ {sup} draagvlak, {jv} waarde, {lt} wk",
        "‘{b}’ {sup} support, {jv} value, {lt} wk",
    ),
    "process": ("Het proces stap voor stap", "The process step by step"),
    "step": ("Stap {n}", "Step {n}"),
    "rounds": ("{phase}: {n} rondes (week {a}–{b})", "{phase}: {n} rounds (weeks {a}–{b})"),
    "round": ("{phase}: 1 ronde (week {a}–{b})", "{phase}: 1 round (weeks {a}–{b})"),
    "decision": ("go/no-go in week {w}: {d}", "go/no-go in week {w}: {d}"),
    "go": ("go", "go"),
    "no_go": ("no-go", "no-go"),
    "blocked": ("geblokkeerd door {p}", "blocked by {p}"),
    "consented": ("ingestemd: {p}", "consented: {p}"),
    "actions": ("Zetten van de spelers", "The players' moves"),
    "close": (
        "divergeren afgesloten na {r} rondes (minimum {m})",
        "divergeren closed after {r} rounds (minimum {m})",
    ),
    "consolidation": (
        "consolideren: {c} van {n} aan tafel stemden in; {d}",
        "consolidation: {c} of {n} at the table consented; {d}",
    ),
    "week": ("week {w}", "week {w}"),
    "chart_note": (
        "Dikke lijn: deze sessie. Gekleurd: het gemiddelde per bot over de "
        "varianten van het toeval.",
        "Thick line: this session. Coloured: the mean per bot over the variants of chance.",
    ),
    "person": ("speler", "player"),
    "on": ("aan", "on"),
    "off": ("uit", "off"),
    "archetype": ("Bot", "Bot"),
    "regisseur": ("Procesregisseur", "Procesregisseur"),
    "no_humans": (
        "Geen stoel werd door een speler bezet; de bot van de regisseur wordt beoordeeld.",
        "No seat was held by a person; the regisseur's bot is assessed.",
    ),
    "divergence": (
        "De herhaling week af van het logboek: {d}",
        "The re-run differed from the log: {d}",
    ),
    "method_text": (
        "Het logboek bevat de zetten van de spelers en de trainer; het proces is opnieuw "
        "gedraaid met hetzelfde scenario en dezelfde seed en week voor week bekeken. De "
        "indicatoren lezen de zetten uit het logboek.",
        "The log holds the players' and the trainer's moves; the process was run again with "
        "the same scenario and seed and watched week by week. The indicators read the moves "
        "from the log.",
    ),
}


def _w(key: str, lang: str) -> str:
    return pick(W[key], lang)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def seat_name(seat: str, lang: str) -> str:
    if seat == REGISSEUR:
        return _w("regisseur", lang)
    return words.word("proces_party", seat, lang, default=seat)


def bot_word(bot: str, lang: str) -> str:
    return words.word("proces_bot", bot, lang, default=bot)


def kpi_text(kpi: str, value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    unit = words.kpi_unit(kpi)
    decimals = 3 if kpi in ("joint_value", "trust_mean") else (1 if unit == "%" else 0)
    unit = {"weeks": " wk" if lang == "en" else " wk", "%": " %"}.get(unit, "")
    return f"{num(value, lang, decimals)}{unit}"


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


def evidence_text(x: dict, lang: str) -> str:
    """One piece of evidence in words."""
    if x["type"] == "close":
        return _w("close", lang).format(r=x["rounds"], m=x["min_rounds"])
    if x["type"] == "consolidation":
        n = len(x["table"])
        c = sum(x["consented"][k] for k in x["table"])
        return _w("consolidation", lang).format(c=c, n=n, d=_w(x["decision"], lang))
    return action_text(x["event"]["action"], lang)


def action_text(action: dict, lang: str) -> str:
    """An action in words: the instrument's name and what it was about."""
    kind = action.get("type", "")
    text = words.word("proces_action", kind, lang, default=kind)
    if "party" in action:
        text += f": {seat_name(action['party'], lang)}"
    elif "dimension" in action:
        text += f": {words.word('proces_dimension', action['dimension'], lang)}"
    elif "role" in action:
        text += f": {words.word('proces_role', action['role'], lang)}"
    elif "on" in action:
        text += f": {_w('on' if action['on'] else 'off', lang)}"
    return text


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


def process(data: ProcesReportData, lang: str) -> str:
    """The steps: rounds per phase, each go/no-go with who consented, the players' moves."""
    tr = data.trace
    out = [f'<h2 id="process">{_e(_w("process", lang))}</h2>']
    steps: dict[int, list[str]] = {}
    run: dict | None = None
    for e in tr.events:
        if e["kind"] == "round":
            step = int(e.get("step", 0))
            if run is None or (run["step"], run["phase"]) != (step, e["phase"]):
                run = {"step": step, "phase": e["phase"], "a": week_of(e), "n": 0}
                steps.setdefault(step, []).append(run)
            run["n"], run["b"] = e.get("round", run["n"] + 1), week_of(e)
    items = []
    for step, runs in sorted(steps.items()):
        per = data.session.scenario.process.weeks_per_round
        lines = [
            _w("rounds" if r["n"] != 1 else "round", lang).format(
                phase=words.word("proces_phase", r["phase"], lang),
                n=r["n"],
                a=max(0, r["a"] - per),
                b=r["b"],
            )
            for r in runs
        ]
        for c in tr.consolidations:
            if c["step"] == step:
                line = _w("decision", lang).format(w=c["week"], d=_w(c["decision"], lang))
                ok = [seat_name(k, lang) for k in c["table"] if c["consented"][k]]
                line += "; " + _w("consented", lang).format(p=", ".join(ok) or "–")
                if c["blocked"]:
                    line += "; " + _w("blocked", lang).format(
                        p=", ".join(seat_name(k, lang) for k in c["blocked"])
                    )
                lines.append(line)
        items.append(
            f"<li><strong>{_e(_w('step', lang).format(n=step + 1))}</strong><ul>"
            + "".join(f"<li>{_e(x)}</li>" for x in lines)
            + "</ul></li>"
        )
    out.append("<ol class='steps'>" + "".join(items) + "</ol>")
    moves = [e for e in tr.events if e["kind"] == "action" and e.get("by") == "human"]
    if moves:
        out.append(
            f"<h3>{_e(_w('actions', lang))}</h3><div class='scroll'><table>"
            + "".join(
                f"<tr><td>{_e(_w('week', lang).format(w=week_of(e)))}</td>"
                f"<td>{_e(seat_name(e['role'], lang))}</td>"
                f"<td>{_e(action_text(e['action'], lang))}</td></tr>"
                for e in moves
            )
            + "</table></div>"
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
