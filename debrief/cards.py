"""Briefing cards: a printable card per role with the shared situation, the role's private
information and interests, and what it may do, in Dutch and English.

`write_cards(scenario, out_dir)` writes, per language, one file with all three cards (one
A4 page each) and one file per role. Self-contained HTML like the report; the scenario's
scheduled injects stay off the cards (they are the trainer's).
"""

from __future__ import annotations

import html
from pathlib import Path

from debrief import i18n
from debrief.i18n import eur, num, pick
from sim import words
from sim.actions import ALLOWED_ROLES, ROLES

CSS = """
* { box-sizing: border-box; }
body { margin: 0; color: #1d2430; font: 13px/1.45 system-ui, "Segoe UI", Roboto,
  "DejaVu Sans", Arial, sans-serif; }
.card { max-width: 820px; margin: 20px auto; padding: 22px 28px; border: 1px solid #d9dee5;
  border-top: 8px solid var(--c); border-radius: 8px; }
.card h1 { font-size: 22px; margin: 0 0 2px; color: var(--c); }
.card .sub { color: #5b6573; margin-bottom: 10px; }
h2 { font-size: 15px; margin: 16px 0 6px; border-bottom: 1px solid #d9dee5; padding-bottom: 2px; }
table { border-collapse: collapse; width: 100%; }
td { padding: 2px 6px; border-bottom: 1px solid #eef0f3; vertical-align: top; }
td.k { color: #5b6573; width: 42%; }
ul { margin: 4px 0; padding-left: 20px; }
li { margin: 2px 0; }
.private { background: #fff8e6; border-radius: 6px; padding: 4px 12px 8px; }
.note { color: #5b6573; font-size: 12px; }
.regisseur { --c: #1f5fa8; } .executor { --c: #c2571a; } .wethouder { --c: #6a3d9a; }
@page { size: A4; margin: 12mm; }
@media print {
  .card { margin: 0; border: none; border-top: 8px solid var(--c); max-width: none;
    break-after: page; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .card:last-child { break-after: auto; }
  .private { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

W = {  # words used on the cards
    "card": ("Rolkaart", "Role card"),
    "shared": ("De situatie (voor iedereen)", "The situation (for everyone)"),
    "private": ("Alleen voor u", "For you only"),
    "interests": ("Uw belangen", "Your interests"),
    "info": ("Wat u weet en wat niet", "What you know and what you do not"),
    "may_do": ("Wat u kunt doen", "What you can do"),
    "must_answer": ("Waar u op moet beslissen", "What you must decide on"),
    "within": ("binnen {} uur", "within {} hours"),
    "injects": ("De trainer kan tijdens het spel gebeurtenissen toevoegen.",
                "The trainer may add events during play."),
    "town": ("Gemeente", "Municipality"), "inhabitants": ("inwoners", "inhabitants"),
    "executor": ("Uitvoerder", "Executor"),
    "season": ("Periode", "Period"), "climate": ("Verwachte winter", "Expected winter"),
    "sourcing": ("Inkoop", "Sourcing"), "agreements": ("Afspraken over", "Agreements on"),
    "fee": ("Vaste vergoeding per seizoen", "Fixed fee per season"),
    "unit": ("Prijs per strooiactie", "Price per gritting action"),
    "meerwerk": ("Tarief meerwerk", "Meerwerk rate"),
    "penalty": ("Boete per gemiste norm", "Penalty per missed norm"),
    "norm": ("Norm: routes klaar binnen", "Norm: routes done within"),
    "rules": ("Beslisregels voor het onvoorziene", "Decision rules for the unforeseen"),
    "none": ("geen", "none"), "yes": ("ja", "yes"), "no": ("nee", "no"),
    "committee": ("Escalatiecommissie (met wethouder)", "Escalation committee (with wethouder)"),
    "benchmark": ("Externe prijstoets", "External price benchmark"),
    "transition": ("Overgangsperiode met projectteam", "Transition period with project team"),
    "months": ("maanden", "months"), "hours": ("uur", "hours"),
    "meetings": ("Overleg", "Meetings"),
    "rhythm": ("Ritme", "Rhythm"),
    "rhythm_text": ("Elke avond om 18 uur de avondbriefing bij de uitvoerder; elke 30 dagen "
                    "een maandrapportage en een factuur.",
                    "Every evening at 18h the evening briefing at the executor; every 30 days a "
                    "monthly report and an invoice."),
}
# The scenario's contract and climate, named as in the shared catalogue (sim.words).
SOURCING = words.pairs("sourcing")
AGREEMENTS = words.pairs("agreements")
CLIMATE = words.pairs("climate")
RULES = words.pairs("rule")


def _w(key: str, lang: str) -> str:
    return pick(W[key], lang)


def _e(x: object) -> str:
    return html.escape(str(x), quote=True)


def _rows(rows: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(f'<tr><td class="k">{_e(k)}</td><td>{_e(v)}</td></tr>'
                               for k, v in rows) + "</table>"


def shared(sc, lang: str) -> str:
    """The shared situation: scenario, town, season, contract, rhythm."""
    c, m = sc.contract, sc.municipality
    yn = lambda b: _w("yes" if b else "no", lang)  # noqa: E731
    rules = ", ".join(pick(RULES[r.rule], lang) for r in c.decision_rules) or _w("none", lang)
    desc = sc.meta.description_en if lang == "en" else sc.meta.description_nl
    rows = [
        (_w("town", lang), f"{m.name} ({num(sc.town.population, lang, 0)} "
                           f"{_w('inhabitants', lang)})"),
        (_w("executor", lang), sc.executor.name),
        (_w("season", lang), f"{sc.weather.start_date.isoformat()}, {sc.weather.days} "
                             f"{i18n.t('days', lang)}"),
        (_w("climate", lang), pick(CLIMATE[sc.weather.climate], lang)),
        (_w("sourcing", lang), pick(SOURCING[c.sourcing], lang)),
        (_w("agreements", lang), pick(AGREEMENTS[c.agreements], lang)),
        (_w("fee", lang), eur(c.fixed_fee_eur_per_season, lang)),
        (_w("unit", lang), eur(c.unit_price_eur_per_action, lang)),
        (_w("meerwerk", lang), eur(c.meerwerk_rate_eur_per_h, lang) + " / "
                               + _w("hours", lang)),
        (_w("penalty", lang), eur(c.penalty_eur, lang)),
        (_w("norm", lang), f"{num(c.route_norm_h, lang, 1)} {_w('hours', lang)}"),
        (_w("rules", lang), rules),
        (_w("committee", lang), yn(c.escalation_committee)),
        (_w("benchmark", lang), yn(c.price_benchmark)),
        (_w("transition", lang), f"{c.transition_months} {_w('months', lang)}"),
        (_w("meetings", lang), (f"{c.meetings_operational_per_month}× operationeel per maand, "
                                f"{c.meetings_management_per_quarter}× management per kwartaal"
                                if lang == "nl" else
                                f"{c.meetings_operational_per_month}× operational a month, "
                                f"{c.meetings_management_per_quarter}× management a quarter")),
        (_w("rhythm", lang), _w("rhythm_text", lang)),
    ]
    return (f"<h2>{_e(_w('shared', lang))}</h2>" + (f"<p>{_e(desc)}</p>" if desc else "")
            + _rows(rows))


def private(sc, role: str, lang: str) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """(facts, interests, what the role knows and does not) for one role."""
    m, ex, pol, salt = sc.municipality, sc.executor, sc.politics, sc.executor.salt
    nl = lang == "nl"
    if role == "regisseur":
        facts = [
            ("Budget per seizoen" if nl else "Budget per season",
             eur(m.budget_eur_per_season, lang)),
            ("Beloofde besparing door uitbesteden" if nl else "Savings promised by outsourcing",
             f"{num(m.expected_savings_pct, lang, 0)} %"),
            ("Regie-uren per week" if nl else "Regie hours per week",
             num(m.regie_capacity_h_per_week, lang, 0)),
            ("Kosten van een regie-uur" if nl else "Cost of a regie hour",
             eur(m.regie_cost_eur_per_h, lang)),
            ("Kosten in uren" if nl else "Costs in hours",
             "inspectie 8, direct contact 1, overleg 3, factuur 2, instructie 1" if nl else
             "inspection 8, direct contact 1, meeting 3, invoice 2, instruction 1"),
        ]
        interests = (["Veilige en bereikbare straten, ook op de fiets- en voetpaden.",
                      "Binnen het budget blijven; de raad verwacht de beloofde besparing.",
                      "Rust in de politiek: een wethouder die niet zelf gaat bellen.",
                      "Een werkbare relatie met een partner die u niet kunt vervangen."]
                     if nl else
                     ["Safe and reachable streets, cycle paths and footpaths included.",
                      "Staying within budget; the council expects the promised savings.",
                      "Political calm: a wethouder who does not start phoning.",
                      "A workable relationship with a partner you cannot replace."])
        info = (["U ziet wat de uitvoerder rapporteert en wat er op straat gebeurt "
                 "(klachten, letsel, media), niet de werkelijke inzet van de uitvoerder.",
                 "Inspecteren laat de werkelijkheid zien, maar kost 8 regie-uren.",
                 "Uw raming van een redelijke factuur is een schatting."]
                if nl else
                ["You see what the executor reports and what happens on the street "
                 "(complaints, injuries, media), not the executor's true effort.",
                 "Inspecting shows the truth but costs 8 regie hours.",
                 "Your estimate of a fair invoice is a guess."])
        if m.micromanagement >= 0.2:
            info.append("U werkte vroeger zelf bij de dienst: u weet hoe het moet, en dat "
                        "trekt." if nl else "You used to work at the department yourself: "
                        "you know how it is done, and that pulls.")
    elif role == "executor":
        facts = [
            ("Strooiwagens" if nl else "Gritting trucks", str(ex.trucks)),
            ("Chauffeurs op het rooster" if nl else "Drivers on the roster", str(ex.drivers)),
            ("Zoutvoorraad / capaciteit" if nl else "Salt stock / capacity",
             f"{num(salt.initial_stock_t, lang, 0)} / {num(salt.capacity_t, lang, 0)} t"),
            ("Levering leverancier" if nl else "Supplier delivery",
             f"{num(salt.supplier_capacity_t_per_week, lang, 0)} t / "
             f"{'week' if nl else 'week'}, {num(salt.resupply_lead_days, lang, 0)} "
             f"{'dagen levertijd' if nl else 'days lead time'}"),
            ("Zoutprijs / bij tekort" if nl else "Salt price / in a shortage",
             f"{eur(salt.price_eur_per_t, lang)} / {eur(salt.shortage_price_eur_per_t, lang)} "
             "per t"),
            ("Dosering preventief / curatief" if nl else "Dose preventive / curative",
             f"{num(ex.dose_preventive_g_m2, lang, 0)} / "
             f"{num(ex.dose_curative_g_m2, lang, 0)} g/m²"),
        ]
        interests = (["Marge en continuïteit van uw organisatie.",
                      "Erkenning voor vakmanschap; ruimte om het werk zelf in te richten.",
                      "Betaald krijgen voor werk buiten het plan.",
                      "Een klant die u niet kwijt kunt raken, maar ook niet kunt weigeren."]
                     if nl else
                     ["Margin and continuity of your organisation.",
                      "Recognition of your craft; room to organise the work yourself.",
                      "Being paid for work outside the plan.",
                      "A customer you cannot lose, but cannot refuse either."])
        info = (["U kent uw werkelijke prestaties, kosten en voorraad; de gemeente ziet "
                 "alleen uw rapportages.",
                 "Zonder toestemming mag u niet schuiven of noodzout inkopen (tenzij een "
                 "beslisregel het toestaat)."]
                if nl else
                ["You know your true performance, costs and stock; the gemeente only sees "
                 "your reports.",
                 "Without approval you may not plough or buy emergency salt (unless a "
                 "decision rule allows it)."])
        if ex.financial_pressure >= 0.4:
            info.append("Uw organisatie staat financieel onder druk." if nl else
                        "Your organisation is under financial pressure.")
        if ex.maturity < 0.5:
            info.append("Uw mensen deden dit werk vroeger als gemeentelijke dienst; de "
                        "organisatie is nog in ontwikkeling." if nl else
                        "Your people used to do this work as a municipal department; the "
                        "organisation is still developing.")
    else:
        facts = [
            ("Budget gladheid" if nl else "Winter maintenance budget",
             eur(m.budget_eur_per_season, lang)),
            ("Escalatiecommissie" if nl else "Escalation committee",
             _w("yes" if sc.contract.escalation_committee else "no", lang)),
            ("Raadsvraag bij" if nl else "Council question at",
             f"{pol.council_complaint_threshold} "
             f"{'klachten per week' if nl else 'complaints a week'}"),
        ]
        interests = (["Geen ongelukken en boze bewoners in de krant.",
                      "Een raad die tevreden is over kosten en dienstverlening.",
                      "Herkiezing: zichtbaar handelen als het misgaat."]
                     if nl else
                     ["No accidents or angry residents in the paper.",
                      "A council satisfied with cost and service.",
                      "Re-election: acting visibly when things go wrong."])
        info = (["U hoort het via de krant, de raad en wat de regisseur u vertelt.",
                 "Letsel, klachten, media en raadsvragen trekken uw aandacht; boven een "
                 "drempel moet u kiezen hoe u ingrijpt."]
                if nl else
                ["You hear it through the paper, the council and what the regisseur tells "
                 "you.",
                 "Injuries, complaints, media and council questions draw your attention; "
                 "above a threshold you must choose how to intervene."])
    return facts, interests, info


def card(sc, role: str, lang: str) -> str:
    """One role's card as an HTML fragment."""
    from sim.governance.decisions import KINDS

    title = sc.meta.title_en if lang == "en" else sc.meta.title_nl
    facts, interests, info = private(sc, role, lang)
    acts = [a for a, roles in ALLOWED_ROLES.items() if role in roles]
    answers = {k: v for k, v in KINDS.items() if v[0] == role}
    answer_types = {v[1] for v in answers.values()}
    free = [a for a in acts if a not in answer_types]
    out = [f'<section class="card {role}"><h1>{_e(pick(i18n.ROLE[role], lang))}</h1>',
           f'<div class="sub">{_e(_w("card", lang))} · {_e(title)}</div>',
           shared(sc, lang),
           f'<div class="private"><h2>{_e(_w("private", lang))}</h2>', _rows(facts),
           f"<h2>{_e(_w('interests', lang))}</h2><ul>"
           + "".join(f"<li>{_e(x)}</li>" for x in interests) + "</ul>",
           f"<h2>{_e(_w('info', lang))}</h2><ul>"
           + "".join(f"<li>{_e(x)}</li>" for x in info) + "</ul></div>"]
    if answers:
        out.append(f"<h2>{_e(_w('must_answer', lang))}</h2><ul>" + "".join(
            f"<li><strong>{_e(pick(i18n.DECISION.get(k, (k, k)), lang))}</strong> "
            f"({_e(_w('within', lang).format(v[3]))}): "
            f"{_e(pick(i18n.ACTION_HELP[v[1]], lang))}</li>" for k, v in answers.items())
            + "</ul>")
    out.append(f"<h2>{_e(_w('may_do', lang))}</h2><ul>" + "".join(
        f"<li><strong>{_e(pick(i18n.ACTION[a], lang))}</strong>: "
        f"{_e(pick(i18n.ACTION_HELP[a], lang))}</li>" for a in free) + "</ul>")
    out.append(f'<p class="note">{_e(_w("injects", lang))}</p></section>')
    return "\n".join(out)


def page(body: str, title: str, lang: str) -> str:
    """A self-contained HTML page."""
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
            "</body>\n</html>\n")


def write_cards(sc, out_dir: str | Path, langs=("nl", "en")) -> list[Path]:
    """Write cards_<lang>.html (all roles) and <role>_<lang>.html; returns the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in langs:
        title = f"{_w('card', lang)}: {sc.meta.title_en if lang == 'en' else sc.meta.title_nl}"
        cards = {role: card(sc, role, lang) for role in ROLES}
        p = out / f"cards_{lang}.html"
        p.write_text(page("\n".join(cards.values()), title, lang), encoding="utf-8")
        written.append(p)
        for role, body in cards.items():
            p = out / f"{role}_{lang}.html"
            p.write_text(page(body, f"{title} – {pick(i18n.ROLE[role], lang)}", lang),
                         encoding="utf-8")
            written.append(p)
    return written
