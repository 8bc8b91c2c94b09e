"""The design-phase card: each role's brief for designing the contract before the winter
(what it wants, what it may give, what it does not know), shown for scenarios that play
the design phase (`design.skip: false`, sim.design). A page of its own after the role's
card, so the winter's card keeps its one A4 page.

The wishes follow the case (Hesselink, Den Hollander & Keesmaat, "'Regiegemeente' worden:
onderschat vraagstuk": ontwerp realistisch, ontwerp gedoebestendig, creëer een
overgangsperiode) and the roles' interests on the winter's card (debrief.card_roles).
"""

from __future__ import annotations

import html

from debrief import i18n
from debrief.i18n import eur, num, pick
from sim.design.terms import terms_of

W: dict[str, tuple[str, str]] = {
    "title": ("Ontwerpfase: het contract", "Design phase: the contract"),
    "decide": ("Waar u over beslist", "What you decide on"),
    "turn": (
        "Bij elke beurt: het bod van de ander aannemen, een (tegen)bod doen, of weglopen "
        "(dan geldt het startbod). Wat nog open staat en de tafeltijd ziet u op het scherm.",
        "At each turn: accept the other's offer, make a (counter-)offer, or walk away (the "
        "starting offer then holds). What is still open and the table time are on the "
        "screen.",
    ),
    "conditions": (
        "Uw voorwaarden gelden voor elk bod van de regisseur; u zit daarna niet aan tafel.",
        "Your conditions bind every offer of the regisseur; after that you are not at the table.",
    ),
    "intro": (
        "Voor de winter begint, ontwerpen gemeente en uitvoerder samen het contract. De "
        "wethouder stelt eerst politieke voorwaarden; dan zegt de regisseur wat de gemeente "
        "vraagt (het wat), de uitvoerder antwoordt met zijn plan en prijs (het hoe), en om "
        "beurten neemt u het bod van de ander aan, doet u een tegenbod of loopt u weg. Elk "
        "bod kost {per} minuten van de {minutes} minuten tafeltijd. Zonder akkoord geldt "
        "het startbod hieronder.",
        "Before the winter begins, the gemeente and the executor design the contract "
        "together. The wethouder first sets political conditions; then the regisseur says "
        "what the gemeente asks (the what), the executor answers with its plan and price "
        "(the how), and in turns you accept the other's offer, make a counter-offer or walk "
        "away. Each offer takes {per} minutes of the {minutes} minutes at the table. Without "
        "agreement the starting offer below holds.",
    ),
    "start": (
        "Het startbod (het contract van het scenario)",
        "The starting offer (the scenario's contract)",
    ),
    "want": ("Wat u wilt", "What you want"),
    "give": ("Wat u kunt geven", "What you may give"),
    "unknown": ("Wat u niet weet", "What you do not know"),
    "norm": ("Reactietijd routes", "Route reaction time"),
    "agreements": ("Afspraken op", "Agreements on"),
    "salt": ("Beslisregel noodzout", "Emergency-salt rule"),
    "plough": ("Beslisregel schuiven", "Ploughing rule"),
    "committee": ("Escalatiecommissie", "Escalation committee"),
    "benchmark": ("Externe prijsbenchmark", "External price benchmark"),
    "transition": ("Overgangsperiode met projectteam", "Transition period with a joint team"),
    "price": ("Vaste vergoeding", "Fixed fee"),
    "none": ("geen", "none"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "below": ("onder {x} t voorraad", "below {x} t of stock"),
    "from_cm": ("vanaf {x} cm sneeuw", "from {x} cm of snow"),
    "months": ("{x} maanden", "{x} months"),
    "hours": ("{x} uur", "{x} hours"),
}
OUTPUT = {
    "output": ("output", "output"),
    "outcome": ("outcome", "outcome"),
    "both": ("output en outcome", "output and outcome"),
}

WANT = {
    "regisseur": (
        [
            "Het wat: een reactietijd die de straat veilig houdt en afspraken op outcome "
            "(bereikbaarheid, veiligheid), niet alleen op routes.",
            "Gedoebestendig: denk na waar het fout kan gaan. Wat geldt als het zout op is, "
            "als het sneeuwt, als de wethouder belt, als u het over de prijs oneens bent? "
            "Beslisregels, een commissie en een prijsbenchmark leggen het vooraf vast.",
            "Een overgangsperiode met een gezamenlijk projectteam: beide partijen moeten "
            "aan hun nieuwe rol wennen.",
            "Een plan dat past bij een strenge winter: stel het plan van de uitvoerder "
            "vast of vraag wijzigingen (routes, dosering, wagens, zoutvoorraad, reserve), "
            "elk met zijn prijs.",
            "Een prijs die past in het budget van {budget}; de raad verwacht besparing.",
        ],
        [
            "The what: a reaction time that keeps the street safe, and agreements on "
            "outcome (reachability, safety), not only on routes.",
            "Built for trouble: think through where it can go wrong. What holds when the "
            "salt runs out, when it snows, when the wethouder phones, when you disagree on "
            "the price? Decision rules, a committee and a price benchmark settle it "
            "beforehand.",
            "A transition period with a joint project team: both sides must get used to "
            "their new roles.",
            "A plan fit for a hard winter: adopt the executor's plan or ask for changes "
            "(routes, doses, trucks, salt stock, reserve), each at its price.",
            "A price that fits the budget of {budget}; the council expects savings.",
        ],
    ),
    "executor": (
        [
            "Een prijs met marge: u mikt op {margin} %. Werk buiten het plan wilt u "
            "betaald krijgen.",
            "Een norm die u kunt halen met {trucks} wagens, en ruimte om het hoe zelf in te "
            "richten (uw gladheidbestrijdingsplan).",
            "Beslisregels voor schuiven en noodzout: dan hoeft u niet te wachten op "
            "toestemming en krijgt u niet de schuld.",
            "Een overgangsperiode waarin uw organisatie kan groeien.",
        ],
        [
            "A price with margin: you aim for {margin} %. Work outside the plan should be paid.",
            "A norm you can meet with {trucks} trucks, and room to organise the how "
            "yourself (your gladheidbestrijdingsplan).",
            "Decision rules for ploughing and emergency salt: then you need not wait for "
            "approval and do not get the blame.",
            "A transition period in which your organisation can grow.",
        ],
    ),
    "wethouder": (
        [
            "Geen ongelukken en boze bewoners in de krant, ook als het zout op raakt.",
            "Een route om snel invloed te hebben als het misgaat, zonder zelf de "
            "uitvoerder te bellen.",
        ],
        [
            "No accidents or angry residents in the paper, also when the salt runs out.",
            "A route to quick influence when things go wrong, without phoning the executor "
            "yourself.",
        ],
    ),
}
GIVE = {
    "regisseur": (
        [
            "Prijs: een hogere vergoeding voor een contract dat meer regelt.",
            "Een ruimere reactietijd of afspraken op output, als de uitvoerder daar "
            "zekerheid voor biedt.",
            "Niet: wat de wethouder als voorwaarde stelde; dat moet in elk bod staan.",
        ],
        [
            "Price: a higher fee for a contract that settles more.",
            "A wider reaction time or agreements on output, if the executor offers "
            "certainty in return.",
            "Not: what the wethouder set as a condition; it must be in every offer.",
        ],
    ),
    "executor": (
        [
            "Prijs: u kunt zakken, maar onder de kostprijs verliest u de winter lang.",
            "Een kortere reactietijd, een commissie of een benchmark die uw prijzen "
            "vergelijkt: zekerheid voor de gemeente.",
            "Uw gladheidbestrijdingsplan (het hoe): een gevraagde wijziging neemt u aan "
            "tegen haar prijs, of u weigert haar.",
        ],
        [
            "Price: you can come down, but below cost you lose money all winter.",
            "A shorter reaction time, a committee or a benchmark that compares your "
            "prices: certainty for the gemeente.",
            "Your gladheidbestrijdingsplan (the how): a change the gemeente asks for you "
            "accept at its price, or refuse.",
        ],
    ),
    "wethouder": (
        [
            "Voorwaarden, één keer, aan het begin: noodzout geregeld, of een "
            "escalatiecommissie, of geen. Ze binden de regisseur; hoe meer u eist, hoe "
            "minder ruimte aan tafel.",
        ],
        [
            "Conditions, once, at the start: emergency salt settled, or an escalation "
            "committee, or none. They bind the regisseur; the more you demand, the less "
            "room at the table.",
        ],
    ),
}
UNKNOWN = {
    "regisseur": (
        [
            "De prijs waaronder de uitvoerder niet wil, en wat hij niet opgeeft.",
            "Wat de winter brengt: een leverancier die uitvalt, sneeuw, een incident?",
        ],
        [
            "The price below which the executor will not go, and what it will not give up.",
            "What the winter brings: a supplier that fails, snow, an incident?",
        ],
    ),
    "executor": (
        [
            "Het budget van de gemeente en wat de wethouder als voorwaarde stelde.",
            "Wat de winter brengt; een zware winter zonder regels komt voor uw rekening.",
        ],
        [
            "The gemeente's budget and what the wethouder set as conditions.",
            "What the winter brings; a hard winter without rules is at your cost.",
        ],
    ),
    "wethouder": (
        [
            "De prijzen en wat de uitvoerder wil accepteren; u zit niet aan tafel.",
            "Of het contract de incidenten voorziet die u straks in de krant leest.",
        ],
        [
            "The prices and what the executor will accept; you are not at the table.",
            "Whether the contract foresees the incidents you will read about in the paper.",
        ],
    ),
}


def _w(key: str, lang: str, **values: object) -> str:
    return pick(W[key], lang).format(**values)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def starting_offer(sc, lang: str) -> list[tuple[str, str]]:
    """The scenario's contract as the terms the design phase negotiates."""
    t = terms_of(sc.contract)

    def yes_no(flag: bool) -> str:
        return _w("yes" if flag else "no", lang)

    def x(v: float) -> str:
        return num(v, lang, 0)

    return [
        (_w("norm", lang), _w("hours", lang, x=num(t.route_norm_h, lang, 1))),
        (_w("agreements", lang), pick(OUTPUT[t.agreements], lang)),
        (
            _w("salt", lang),
            _w("below", lang, x=x(t.salt_rule_t))
            if t.salt_rule_t is not None
            else _w("none", lang),
        ),
        (
            _w("plough", lang),
            _w("from_cm", lang, x=x(t.plough_rule_cm))
            if t.plough_rule_cm is not None
            else _w("none", lang),
        ),
        (_w("committee", lang), yes_no(t.escalation_committee)),
        (_w("benchmark", lang), yes_no(t.price_benchmark)),
        (
            _w("transition", lang),
            _w("months", lang, x=t.transition_months) if t.transition_months else _w("none", lang),
        ),
        (_w("price", lang), eur(sc.contract.fixed_fee_eur_per_season, lang)),
    ]


def moves(role: str, lang: str) -> str:
    """The design phase's decision points of the role (sim.governance.decisions), named as
    in the catalogue, and what a side may do at its turn."""
    from sim.governance.decisions import KINDS

    kinds = [k for k, v in KINDS.items() if v[0] == role and k.startswith("design_")]
    if not kinds:
        return ""
    names = "".join(f"<li>{_e(pick(i18n.DECISION.get(k, (k, k)), lang))}</li>" for k in kinds)
    turn = _w("conditions" if role == "wethouder" else "turn", lang)
    return f"<h2>{_e(_w('decide', lang))}</h2><ul>{names}</ul><p>{_e(turn)}</p>"


def design_card(sc, role: str, lang: str) -> str:
    """A role's design-phase brief as a card (its own page); '' when the scenario does
    not play the design phase."""
    if sc.design is None or sc.design.skip:
        return ""
    values = {
        "budget": eur(sc.municipality.budget_eur_per_season, lang),
        "margin": num(sc.executor.aspiration_margin_pct, lang, 0),
        "trucks": sc.executor.trucks,
    }

    def items(table: dict) -> str:
        return "".join(f"<li>{_e(x.format(**values))}</li>" for x in pick(table[role], lang))

    rows = "".join(
        f'<tr><td class="k">{_e(k)}</td><td>{_e(v)}</td></tr>' for k, v in starting_offer(sc, lang)
    )
    intro = _w(
        "intro",
        lang,
        per=num(sc.design.minutes_per_move, lang, 0),
        minutes=num(sc.design.minutes, lang, 0),
    )
    return "\n".join(
        [
            f'<section class="card design {role}"><h1>{_e(_w("title", lang))}</h1>',
            f'<div class="sub">{_e(pick(i18n.ROLE[role], lang))}</div>',
            f"<p>{_e(intro)}</p>",
            '<div class="cols"><div>',
            f"<h2>{_e(_w('start', lang))}</h2><table>{rows}</table>",
            moves(role, lang),
            "</div>",
            '<div class="private">',
            f"<h2>{_e(_w('want', lang))}</h2><ul>{items(WANT)}</ul>",
            f"<h2>{_e(_w('give', lang))}</h2><ul>{items(GIVE)}</ul>",
            f"<h2>{_e(_w('unknown', lang))}</h2><ul>{items(UNKNOWN)}</ul>",
            "</div></div></section>",
        ]
    )
