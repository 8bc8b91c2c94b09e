"""The design score in words and tables: the report's section "Did the contract foresee the
winter?" (debrief.design_score, debrief.design_ghosts) and the class report's table."""

from __future__ import annotations

import html

from debrief import design_score as ds
from debrief.design_ghosts import DESIGN_KPIS, DesignRun
from debrief.event_text import kpi_name, kpi_value
from debrief.i18n import num, when
from sim.scenario.schema import ContractConfig

# The risks the winter can bring, as the report names them (design_score.RISKS).
RISK_WORDS: dict[str, tuple[str, str]] = {
    "salt": ("Het zout raakt op / de leverancier valt uit", "Salt runs out / the supplier fails"),
    "snow": ("Sneeuw die geschoven moet worden", "Snow that needs ploughing"),
    "politics": ("Een politiek incident", "A political incident"),
    "price": ("Een geschil over de prijs", "A dispute over price"),
    "learning": ("De leerperiode van een nieuwe uitvoerder", "A new executor's learning period"),
}
# The term that handles each risk (sim.design.terms' items).
TERM_WORDS: dict[str, tuple[str, str]] = {
    "salt_rule_t": ("beslisregel noodzout", "emergency-salt rule"),
    "plough_rule_cm": ("beslisregel schuiven", "ploughing rule"),
    "escalation_committee": ("escalatiecommissie", "escalation committee"),
    "price_benchmark": ("externe prijsbenchmark", "external price benchmark"),
    "transition_months": (
        "overgangsperiode met projectteam",
        "transition period with a joint team",
    ),
}
W: dict[str, tuple[str, str]] = {
    "title": (
        "Het ontwerp: voorzag het contract deze winter?",
        "The design: did the contract foresee this winter?",
    ),
    "designed": (
        "De klas ontwierp het contract in {minutes} minuten tafeltijd ({moves} zetten): {outcome}.",
        "The class designed the contract in {minutes} minutes at the table ({moves} "
        "moves): {outcome}.",
    ),
    "agreed": ("akkoord", "agreed"),
    "lapsed": ("geen akkoord, het startbod gold", "no agreement, the starting offer held"),
    "closed": (
        "de trainer sloot de tafel zonder akkoord, het startbod gold",
        "the trainer closed the table without agreement, the starting offer held",
    ),
    "skipped": (
        "Dit scenario slaat de ontwerpfase over: het contract lag vast en is niet door "
        "de klas ontworpen. Hieronder wat het wel en niet voorzag; de competentie "
        "'ontwerp gedoebestendig' wordt niet beoordeeld.",
        "This scenario skips the design phase: the contract was given, not designed by "
        "the class. Below is what it did and did not foresee; the competence "
        "'designing for where it will go wrong' is not scored.",
    ),
    "unfinished": (
        "De sessie stopte in de ontwerpfase, voordat het contract was afgesproken: de "
        "winter had het startbod (het contract van het scenario).",
        "The session stopped in the design phase, before the contract was agreed: the "
        "winter had the starting offer (the scenario's contract).",
    ),
    "headline": (
        "Het contract voorzag {k} van de {n} risico's die deze winter bracht.",
        "The contract foresaw {k} of the {n} risks this winter brought.",
    ),
    "none_brought": (
        "Deze winter bracht geen van de vijf risico's.",
        "This winter brought none of the five risks.",
    ),
    "risk": ("Risico", "Risk"),
    "brought": ("Kwam het?", "Did it come?"),
    "term": ("Afspraak die het regelt", "Term that handles it"),
    "in_contract": ("In het contract?", "In the contract?"),
    "cost": ("Wat het kostte", "What it cost"),
    "expected": ("Verwacht door de zaal", "Expected by the room"),
    "k_of_n": ("{k} van {n}", "{k} of {n}"),
    "points": ("procentpunt", "percentage points"),
    "yes_from": ("ja, vanaf {when}", "yes, from {when}"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "added": ("nee; in het overleg toegevoegd op {when}", "no; added in a meeting on {when}"),
    "with_term": (
        "dezelfde winter met bots: {value} met de afspraak, {base} zonder ({delta})",
        "the same winter with bots: {value} with the term, {base} without ({delta})",
    ),
    "ghosts": ("Dezelfde winter onder andere contracten", "The same winter under other contracts"),
    "ghost_note": (
        "Spookritten: hetzelfde weer en dezelfde injects, gemiddeld over {n} seeds; "
        "bots spelen het seizoen op alle stoelen, dus een verschil tussen de "
        "contracten komt van het contract.",
        "Ghost runs: the same weather and injects, the mean over {n} seeds; bots "
        "play the season in every seat, so a difference between the contracts "
        "comes from the contract.",
    ),
    "run": ("Contract", "Contract"),
    "session": ("Uw sessie (zoals gespeeld)", "Your session (as played)"),
    "played": ("Uw contract, bots op de stoelen", "Your contract, bots in the seats"),
    "bots": ("Het contract van de bots", "The bots' contract"),
    "plus": ("Uw contract + {term}", "Your contract + {term}"),
    "no_terms": ("geen afspraken voor het onvoorziene", "no terms for the unforeseen"),
    "class_row": ("Contract ontworpen door de klas", "Contract designed by the class"),
    "foreseen": ("voorzien", "foreseen"),
    "gap": ("gat", "gap"),
    "not_brought": ("–", "–"),
}


def _w(key: str, lang: str, **values: object) -> str:
    nl, en = W[key]
    return (en if lang == "en" else nl).format(**values)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def terms_in(contract: dict, lang: str) -> str:
    """The terms for the unforeseen a contract holds, in words."""
    c = ContractConfig.model_validate(contract)
    have = [_pick(TERM_WORDS[term], lang) for _, term, _ in ds.RISKS if ds.has_term(c, term)]
    return ", ".join(have) if have else _w("no_terms", lang)


def intro(score: ds.DesignScore, lang: str) -> str:
    """Who designed the contract, and the headline: k of n risks foreseen."""
    if score.designed:
        first = _w(
            "designed",
            lang,
            minutes=num(score.minutes, lang, 0),
            moves=score.moves,
            outcome=_w(score.outcome or "lapsed", lang),
        )
    else:
        first = _w("unfinished" if score.unfinished else "skipped", lang)
    n = len(score.brought)
    second = _w("headline", lang, k=len(score.foreseen), n=n) if n else _w("none_brought", lang)
    return f"{first} {second}"


def _delta(kpi: str, value: float, base: float, lang: str) -> str:
    """The difference, signed; a percentage's in percentage points."""
    diff = value - base
    sign = "+" if diff > 0 else "−" if diff < 0 else "±"
    if kpi.endswith("_pct"):
        return f"{sign}{num(abs(diff), lang, 1)} {_w('points', lang)}"
    return sign + kpi_value(kpi, abs(diff), lang)


def _cost(risk: ds.Risk, trace, runs: dict[str, DesignRun], lang: str) -> str:
    """The session's figure for the risk's KPI and, for a gap with ghost runs, the same
    winter with the term against the played contract (both played by bots)."""
    own = trace.kpis.get(risk.kpi)
    text = f"{kpi_name(risk.kpi, lang)}: {kpi_value(risk.kpi, own, lang)}"
    run, base = runs.get(risk.term), runs.get("played")
    if risk.gap and run is not None and base is not None:
        value, ref = run.mean(risk.kpi), base.mean(risk.kpi)
        if value is not None and ref is not None:
            text += "; " + _w(
                "with_term",
                lang,
                value=kpi_value(risk.kpi, value, lang),
                base=kpi_value(risk.kpi, ref, lang),
                delta=_delta(risk.kpi, value, ref, lang),
            )
    return text


def _risk_rows(data, lang: str) -> str:
    score, trace = data.design, data.trace
    runs = {r.key: r for r in data.design_runs}
    room = ds.forecasts(data.session.events)
    rows = []
    for r in score.risks:
        if r.brought:
            came = _w(
                "yes_from",
                lang,
                when=when(r.evidence[0]["t"], trace.hours, lang, trace.start_date).split(" ", 1)[1],
            )
        else:
            came = _w("no", lang)
        if r.had_term:
            have = _e(_w("yes", lang))
        elif r.added_t is not None:
            have = _e(_w("added", lang, when=when(r.added_t, trace.hours, lang, trace.start_date)))
        else:
            have = _e(_w("no", lang))
        cls = ' class="gap"' if r.gap else ""
        if room:
            k, n = room[r.id]
            have += f"</td><td>{_w('k_of_n', lang, k=k, n=n)}"
        cost = _cost(r, trace, runs, lang) if r.brought else "–"
        rows.append(
            f"<tr{cls}><td>{_e(_pick(RISK_WORDS[r.id], lang))}</td><td>{_e(came)}</td>"
            f"<td>{_e(_pick(TERM_WORDS[r.term], lang))}</td><td>{have}</td>"
            f"<td>{_e(cost)}</td></tr>"
        )
    cols = ("risk", "brought", "term", "in_contract") + (("expected",) if room else ()) + ("cost",)
    head = "".join(f"<th>{_e(_w(k, lang))}</th>" for k in cols)
    return f'<div class="scroll"><table><tr>{head}</tr>{"".join(rows)}</table></div>'


def _run_label(run: DesignRun, lang: str) -> str:
    if run.key == "played":
        return _e(_w("played", lang))
    if run.key == "bots":
        terms = terms_in(run.contract() or {}, lang)
        return f'{_e(_w("bots", lang))}<br><span class="small muted">{_e(terms)}</span>'

    return _e(_w("plus", lang, term=_pick(TERM_WORDS[run.key], lang)))


def _ghost_table(data, lang: str) -> str:
    head = "".join(f'<th class="num wrap">{_e(kpi_name(k, lang))}</th>' for k in DESIGN_KPIS)
    rows = [
        f"<tr><td><strong>{_e(_w('session', lang))}</strong></td>"
        + "".join(
            f'<td class="num"><strong>{_e(kpi_value(k, data.trace.kpis.get(k), lang))}'
            "</strong></td>"
            for k in DESIGN_KPIS
        )
        + "</tr>"
    ]
    for run in data.design_runs:
        rows.append(
            f"<tr><td>{_run_label(run, lang)}</td>"
            + "".join(
                f'<td class="num">{_e(kpi_value(k, run.mean(k), lang))}</td>' for k in DESIGN_KPIS
            )
            + "</tr>"
        )
    n = max(len(r.traces) for r in data.design_runs)
    return (
        f"<h3>{_e(_w('ghosts', lang))}</h3>"
        f'<div class="scroll"><table><tr><th>{_e(_w("run", lang))}</th>{head}</tr>'
        f'{"".join(rows)}</table></div><p class="note">{_e(_w("ghost_note", lang, n=n))}</p>'
    )


def section(data, lang: str) -> str:
    """The report's design section (a slide in presentation mode)."""
    if data.design is None:
        return ""
    out = [
        f'<section class="slide design" id="design"><h2>{_e(_w("title", lang))}</h2>',
        f'<p class="verdict">{_e(intro(data.design, lang))}</p>',
        _risk_rows(data, lang),
    ]
    if data.design_runs:
        out.append(_ghost_table(data, lang))
    out.append("</section>")
    return "\n".join(out) + "\n"


def title(lang: str) -> str:
    """The section's title (for the table of contents)."""
    return _w("title", lang)


def class_table(tables: list, lang: str, head: str) -> str:
    """The class report's table (`head`: its header row, a column per table): per risk
    and table, foreseen, a gap, or not brought."""
    scores = [ds.score(t.trace) for t in tables]
    rows = [
        f"<tr><td>{_e(_w('class_row', lang))}</td>"
        + "".join(
            f'<td class="num">{_e(_w("yes" if s.designed else "no", lang))}</td>' for s in scores
        )
        + "</tr>"
    ]
    for n, (rid, term, _) in enumerate(ds.RISKS):
        marks = []
        for s in scores:
            r = s.risks[n]
            key = "not_brought" if not r.brought else ("foreseen" if r.had_term else "gap")
            marks.append(f'<td class="num">{_e(_w(key, lang))}</td>')
        label = f"{_pick(RISK_WORDS[rid], lang)} ({_pick(TERM_WORDS[term], lang)})"
        rows.append(f"<tr><td>{_e(label)}</td>{''.join(marks)}</tr>")
    return (
        f'<h2 id="design">{_e(_w("title", lang))}</h2><div class="scroll"><table>'
        f"{head}{''.join(rows)}</table></div>\n"
    )
