"""Briefing cards: one printable A4 page per role (the shared situation, the role's private
position, the decisions it will meet and what it may do), and an observer card with what to
watch per competence; in Dutch and English.

The cards use the game's own words: an action is named as on its button and each decision
lists the options its card in the game offers (read from the typed actions, so a new option
appears here without a change; options the scenario's contract lacks are left out, see
``requires`` in game/data/cards.yaml). The clock stops at every decision a person must take,
so the cards say when a decision comes, not how many hours there are to take it.
`write_cards(scenario, out_dir)` writes cards_<lang>.html (the three role cards and the
observer card, a page each; with a design phase each role's design card after its own,
debrief.card_design) and <role>_<lang>.html. The scenario's scheduled injects stay off
(they are the trainer's).
"""

from __future__ import annotations

import html
from pathlib import Path

from debrief import i18n
from debrief.card_design import design_card
from debrief.card_roles import private
from debrief.i18n import eur, num, pick
from sim import words
from sim.actions import ALLOWED_ROLES, ROLES

CSS_FILE = Path(__file__).resolve().parent / "templates" / "cards.css"

W = {  # words used on the cards
    "card": ("Rolkaart", "Role card"),
    "observer": ("Waarnemerskaart", "Observer card"),
    "shared": ("De situatie (voor iedereen)", "The situation (for everyone)"),
    "private": ("Alleen voor u", "For you only"),
    "interests": ("Uw belangen", "Your interests"),
    "info": ("Wat u weet en wat niet", "What you know and what you do not"),
    "may_do": (
        "Wat u kunt doen (knop “Wat kunt u doen?”)",
        "What you can do (button “What can you do?”)",
    ),
    "must_answer": ("Waar u over beslist", "What you decide on"),
    "clock": ("De klok", "The clock"),
    "clock_text": (
        "Het spel loopt uur voor uur door de winter. Bij elk beslismoment van een "
        "speler staat de klok stil tot die heeft beslist; de banner bovenin zegt "
        "wie aan zet is. De trainer kan pauzeren en gebeurtenissen toevoegen.",
        "The game runs hour by hour through the winter. At every decision of a "
        "player the clock stands still until it is taken; the banner at the top "
        "says whose turn it is. The trainer can pause and add events.",
    ),
    "comes": ("komt", "comes"),
    "town": ("Gemeente", "Municipality"),
    "inhabitants": ("inwoners", "inhabitants"),
    "executor": ("Uitvoerder", "Executor"),
    "season": ("Periode", "Period"),
    "climate": ("Verwachte winter", "Expected winter"),
    "contract": ("Contract", "Contract"),
    "money": ("Vergoeding", "Payment"),
    "norm": ("Norm: routes klaar binnen", "Norm: routes done within"),
    "rules": ("Beslisregels voor het onvoorziene", "Decision rules for the unforeseen"),
    "none": ("geen", "none"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "committee": ("Escalatiecommissie (met wethouder)", "Escalation committee (with wethouder)"),
    "benchmark": ("Externe prijstoets", "External price benchmark"),
    "transition": ("Overgangsperiode met projectteam", "Transition period with project team"),
    "months": ("maanden", "months"),
    "hours": ("uur", "hours"),
    "meetings": ("Overleg", "Meetings"),
    "meetings_text": (
        "{op}× operationeel per maand, {mg}× management per kwartaal; elke "
        "avond om 18 uur de avondbriefing bij de uitvoerder",
        "{op}× operational a month, {mg}× management a quarter; every evening "
        "at 18h the evening briefing at the executor",
    ),
    "fee_text": (
        "{fee} per seizoen + {unit} per strooiactie; meerwerk {rate} per uur; "
        "boete {penalty} per gemiste norm",
        "{fee} per season + {unit} per gritting action; meerwerk {rate} an hour; "
        "penalty {penalty} per missed norm",
    ),
    "observer_intro": (
        "U kijkt mee zonder te spelen. Let per rol op wat hieronder staat en "
        "meld opvallende momenten aan de trainer: die zet er een bladwijzer "
        "bij (trainerspaneel, F2), zodat de nabespreking ze terugvindt.",
        "You watch without playing. For each role, look for what is listed "
        "below and point out striking moments to the trainer, who bookmarks "
        "them (trainer panel, F2) so the debrief finds them again.",
    ),
    "watch": ("Let op", "Look for"),
    "design_phase": ("Ontwerpfase", "Design phase"),
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
    return (
        "<table>"
        + "".join(f'<tr><td class="k">{_e(k)}</td><td>{_e(v)}</td></tr>' for k, v in rows)
        + "</table>"
    )


def _game_words(lang: str) -> object:
    """The game's translator: the same words as its buttons and decision cards."""
    from game.i18n import Translator

    return Translator(lang)


def shared(sc, lang: str) -> str:
    """The shared situation: scenario, town, season, contract, rhythm, how the clock runs."""
    c, m = sc.contract, sc.municipality
    rules = ", ".join(pick(RULES[r.rule], lang) for r in c.decision_rules) or _w("none", lang)
    desc = sc.meta.description_en if lang == "en" else sc.meta.description_nl
    extras = [
        _w(k, lang)
        for k, on in (("committee", c.escalation_committee), ("benchmark", c.price_benchmark))
        if on
    ]
    if c.transition_months:
        extras.append(f"{_w('transition', lang)} ({c.transition_months} {_w('months', lang)})")
    rows = [
        (
            _w("town", lang),
            f"{m.name} ({num(sc.town.population, lang, 0)} {_w('inhabitants', lang)})",
        ),
        (_w("executor", lang), sc.executor.name),
        (
            _w("season", lang),
            f"{sc.weather.start_date.isoformat()}, {sc.weather.days} "
            f"{i18n.t('days', lang)}; "
            f"{pick(CLIMATE[sc.weather.climate], lang)}",
        ),
        (
            _w("contract", lang),
            f"{pick(SOURCING[c.sourcing], lang)}; "
            f"{pick(AGREEMENTS[c.agreements], lang)}" + "".join(f"; {x}" for x in extras),
        ),
        (
            _w("money", lang),
            _w("fee_text", lang).format(
                fee=eur(c.fixed_fee_eur_per_season, lang),
                unit=eur(c.unit_price_eur_per_action, lang),
                rate=eur(c.meerwerk_rate_eur_per_h, lang),
                penalty=eur(c.penalty_eur, lang),
            ),
        ),
        (_w("norm", lang), f"{num(c.route_norm_h, lang, 1)} {_w('hours', lang)}"),
        (_w("rules", lang), rules),
        (
            _w("meetings", lang),
            _w("meetings_text", lang).format(
                op=c.meetings_operational_per_month, mg=c.meetings_management_per_quarter
            ),
        ),
    ]
    return (
        f"<h2>{_e(_w('shared', lang))}</h2>"
        + (f"<p>{_e(desc)}</p>" if desc else "")
        + _rows(rows)
        + f"<h2>{_e(_w('clock', lang))}</h2><p>{_e(_w('clock_text', lang))}</p>"
    )


MAX_HINTED = 3  # a decision with more options lists them without their meaning


def options_for(sc, action_type: str) -> list[str]:
    """The options of a decision answered by `action_type` that this scenario has."""
    from game.assets import load_yaml
    from game.forms import answer_variants

    requires = load_yaml("cards.yaml")["requires"]
    return [
        v
        for v in answer_variants(action_type)
        if v not in requires or getattr(sc.contract, requires[v])
    ]


def decisions(sc, role: str, lang: str) -> str:
    """The decisions the role takes in the winter: what, when it comes, and its options
    with their meaning (the design phase's are on the design card, debrief.card_design)."""
    from game.assets import load_yaml
    from sim.governance.decisions import KINDS

    tr = _game_words(lang)
    moments = load_yaml("cards.yaml")["moments"]
    items = []
    for kind, (owner, action_type, _, _) in KINDS.items():
        if owner != role or kind.startswith("design_"):
            continue  # the design phase's moves are on the design card (card_design)
        opts = []
        variants = options_for(sc, action_type)
        for v in variants:
            label = tr.get(f"option.{v}", "") or tr(f"outcome.{v}")
            # Many options (a meeting's moves, answers to an order): names only, to fit
            # the page.
            hint = tr.get(f"option_hint.{v}", "") if len(variants) <= MAX_HINTED else ""
            opts.append(f"<b>{_e(label)}</b>" + (f" ({_e(hint)})" if hint else ""))
        when = moments.get(kind, {}).get(lang, "")
        items.append(
            f"<li><strong>{_e(pick(i18n.DECISION.get(kind, (kind, kind)), lang))}"
            f"</strong> – {_e(_w('comes', lang))} {_e(when)}.<br>" + " · ".join(opts) + "</li>"
        )
    if not items:
        return ""
    return f"<h2>{_e(_w('must_answer', lang))}</h2><ul>" + "".join(items) + "</ul>"


def free_actions(role: str, lang: str) -> str:
    """What the role may do at any time, named as on the game's buttons."""
    from sim.governance.decisions import KINDS

    tr = _game_words(lang)
    answer_types = {v[1] for v in KINDS.values()}
    free = [a for a, roles in ALLOWED_ROLES.items() if role in roles and a not in answer_types]
    if not free:
        return ""
    return (
        f"<h2>{_e(_w('may_do', lang))}</h2><ul class='acts'>"
        + "".join(
            f"<li><strong>{_e(tr(f'action.{a}.label'))}</strong>: {_e(tr(f'action.{a}.help'))}</li>"
            for a in free
        )
        + "</ul>"
    )


def card(sc, role: str, lang: str) -> str:
    """One role's card (one A4 page) as an HTML fragment."""
    title = sc.meta.title_en if lang == "en" else sc.meta.title_nl
    facts, interests, info = private(sc, role, lang)
    return "\n".join(
        [
            f'<section class="card {role}"><h1>{_e(pick(i18n.ROLE[role], lang))}</h1>',
            f'<div class="sub">{_e(_w("card", lang))} · {_e(title)}</div>',
            '<div class="cols"><div>',
            shared(sc, lang),
            "</div>",
            f'<div class="private"><h2>{_e(_w("private", lang))}</h2>',
            _rows(facts),
            f"<h2>{_e(_w('interests', lang))}</h2><ul>"
            + "".join(f"<li>{_e(x)}</li>" for x in interests)
            + "</ul>",
            f"<h2>{_e(_w('info', lang))}</h2><ul>"
            + "".join(f"<li>{_e(x)}</li>" for x in info)
            + "</ul></div></div>",
            decisions(sc, role, lang),
            free_actions(role, lang),
            "</section>",
        ]
    )


def observer_card(sc, lang: str, rubric: object | None = None, design: bool = False) -> str:
    """What an observer watches per role and competence (from the debrief's rubric); with
    `design`, the design phase's competences (a page of their own, '' without the phase)."""
    from debrief.indicators_design import is_design
    from debrief.rubric import load_rubric

    rubric = rubric or load_rubric()
    title = sc.meta.title_en if lang == "en" else sc.meta.title_nl
    designed = sc.design is not None and not sc.design.skip
    if design:  # the design phase's competences, on their own page
        competences = [c for c in rubric.competences if is_design(c)] if designed else []
        if not competences:
            return ""
        title = f"{_w('design_phase', lang)} · {title}"
    else:
        competences = [c for c in rubric.competences if not is_design(c)]
    out = [
        f'<section class="card observer"><h1>{_e(_w("observer", lang))}</h1>',
        f'<div class="sub">{_e(rubric.title.get(lang))} · {_e(title)}</div>',
        f"<p>{_e(_w('observer_intro', lang))}</p>",
        '<div class="cols one">' if design else '<div class="cols">',
    ]
    for role in ROLES:
        comps = [c for c in competences if c.role == role]
        if not comps:
            continue
        out.append(f'<div class="role {role}"><h2>{_e(pick(i18n.ROLE[role], lang))}</h2>')
        for c in comps:
            watch = "; ".join(i.name.get(lang) for i in c.indicators)
            out.append(
                f"<h3>{_e(c.name.get(lang))}</h3><p>{_e(c.description.get(lang))}"
                f"<br><em>{_e(_w('watch', lang))}:</em> {_e(watch)}</p>"
            )
        out.append("</div>")
    out.append("</div></section>")
    return "\n".join(out)


def page(body: str, title: str, lang: str) -> str:
    """A self-contained HTML page."""
    css = CSS_FILE.read_text(encoding="utf-8")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )


def write_cards(sc, out_dir: str | Path, langs=("nl", "en")) -> list[Path]:
    """Write cards_<lang>.html (every card, the observer's last) and <role>_<lang>.html."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in langs:
        title = f"{_w('card', lang)}: {sc.meta.title_en if lang == 'en' else sc.meta.title_nl}"
        # A scenario that plays the design phase adds each role's brief for it (a page).
        cards = {role: card(sc, role, lang) + design_card(sc, role, lang) for role in ROLES}
        p = out / f"cards_{lang}.html"
        everything = [
            *cards.values(),
            observer_card(sc, lang),
            observer_card(sc, lang, design=True),
        ]
        p.write_text(page("\n".join(everything), title, lang), encoding="utf-8")
        written.append(p)
        for role, body in cards.items():
            p = out / f"{role}_{lang}.html"
            p.write_text(
                page(body, f"{title} – {pick(i18n.ROLE[role], lang)}", lang), encoding="utf-8"
            )
            written.append(p)
    return written
