"""Briefing cards of the procesregie family: one printable A4 page per party (what it wants,
its core values, its mandate and achterban, what it does not know), one for the
procesregisseur (the instruments and the rhythm of wyberen) and an observer card from the
family's rubric; in Dutch and English.

Names of the model's things (parties, roles, phases, value dimensions, instruments) come
from the shared catalogue (sim.words, sections proces_*); the card's own sentences are
here, in both languages. `write_cards(scenario, out_dir)` writes cards_<lang>.html (every
card, the observer's last) and <seat>_<lang>.html, as the gladheid cards do.
"""

from __future__ import annotations

import html
from pathlib import Path

from debrief.cards import page
from debrief.i18n import num, pick
from sim import words
from sim.procesregie.process import VETO_RESOURCES
from sim.procesregie.schema import DIMENSIONS, PARTY_ROLES

REGISSEUR = "regisseur"
W = {  # the cards' own words
    "party_card": ("Partijkaart", "Party card"),
    "regisseur": ("Procesregisseur", "Procesregisseur (process manager)"),
    "regisseur_card": ("Kaart van de procesregisseur", "Procesregisseur's card"),
    "observer": ("Waarnemerskaart", "Observer card"),
    "shared": ("Het bestuursproces (voor iedereen)", "The bestuursproces (for everyone)"),
    "private": ("Alleen voor u", "For you only"),
    "wants": ("Wat u wilt", "What you want"),
    "core": ("Uw kernwaarden", "Your core values"),
    "mandate": ("Uw mandaat en uw achterban", "Your mandate and your achterban"),
    "unknown": ("Wat u niet weet", "What you do not know"),
    "may_do": ("Wat u kunt doen", "What you can do"),
    "instruments": ("Uw instrumenten", "Your instruments"),
    "sees": ("Wat u ziet en wat niet", "What you see and what you do not"),
    "gemeente_wants": ("Wat uw gemeente wil", "What your gemeente wants"),
    "table": ("Partijen bij de start", "Parties at the start"),
    "steps": ("Stappen", "Steps"),
    "rhythm": ("Ritme", "Rhythm"),
    "rhythm_text": (
        "Eén ronde duurt {weeks} weken. Elke stap is wyberen: divergeren (minstens {min} "
        "rondes), convergeren tot een kortste lijst van {short} opties, consolideren; dan "
        "beslissen college en raad (go of no-go).",
        "One round takes {weeks} weeks. Each step is wyberen: divergeren (at least {min} "
        "rounds), convergeren to a shortlist of {short} options, consolideren; then the "
        "college and council decide (go or no-go).",
    ),
    "council": ("Go/no-go", "Go/no-go"),
    "council_text": (
        "De raad wil voor een go minstens {pct} draagvlak (gewogen naar belang); een issue "
        "van de dag legt de lat tijdelijk hoger.",
        "The council wants at least {pct} support (weighted by stake) for a go; an issue "
        "of the day raises the bar for a while.",
    ),
    "conditions_on": (
        "De gemeente stelt vooraf een inhoudelijke voorwaarde.",
        "The gemeente sets a content condition in advance.",
    ),
    "abandon": (
        "Na {weeks} weken zonder resultaat stopt het proces.",
        "After {weeks} weeks without a result the process stops.",
    ),
    "stake": ("Uw belang", "Your stake"),
    "role_start": ("Uw rol bij de start", "Your role at the start"),
    "invited_no": ("U bent (nog) niet uitgenodigd.", "You have not been invited (yet)."),
    "resources": ("Uw middelen", "Your resources"),
    "veto": (
        "genoeg om een akkoord zonder u te blokkeren",
        "enough to block an agreement without you",
    ),
    "no_veto": ("niet genoeg om alleen te blokkeren", "not enough to block on your own"),
    "first": ("Wat voor u het zwaarst weegt", "What weighs most for you"),
    "ideal": ("uw ideaal", "your ideal"),
    "weight": ("gewicht", "weight"),
    "mandate_text": (
        "Uw achterban laat u alleen instemmen met een uitkomst die op {dim} hoogstens "
        "{m} van uw ideaal ({ideal}) afwijkt: tussen {lo} en {hi}.",
        "Your achterban lets you consent only to an outcome that lies at most {m} from "
        "your ideal ({ideal}) on {dim}: between {lo} and {hi}.",
    ),
    "outside_text": (
        "Weglopen levert u {o} op (op een schaal van 0 tot 1): een uitkomst die u minder "
        "oplevert, steunt u niet. Vertrouwen in de anderen maakt u wat ruimhartiger.",
        "Walking away gives you {o} (on a scale of 0 to 1): an outcome worth less to you "
        "you do not support. Trust in the others makes you a little more generous.",
    ),
    "unknown_items": (
        [
            "De kernwaarden, mandaten en uitwijkmogelijkheden van de andere partijen: "
            "vraag ernaar, aan tafel of een-op-een.",
            "Welke opties de anderen zullen inbrengen.",
            "Wanneer een issue van de dag de raad strenger maakt.",
        ],
        [
            "The other parties' core values, mandates and outside options: ask, at the "
            "table or one-to-one.",
            "Which options the others will bring in.",
            "When an issue of the day makes the council stricter.",
        ],
    ),
    "roles_text": (
        "Kies uw rol (knop “{act}”); elke rol mag u later wisselen:",
        "Choose your role (button “{act}”); you may change it later:",
    ),
    "consent_text": (
        "Bij consolideren geeft u per optie op de kortste lijst uw woord (knop “{act}”): "
        "instemmen kan alleen binnen uw mandaat. Zegt u niets, dan telt uw belang.",
        "When consolidating you give your word on each shortlisted option (button “{act}”): "
        "you can consent only within your mandate. If you say nothing, your interests count.",
    ),
    "role_help": {
        "initieren": (
            "u trekt de opgave en brengt veel opties in",
            "you lead the opgave and bring in many options",
        ),
        "participeren": ("u doet mee en brengt opties in", "you take part and bring in options"),
        "faciliteren": (
            "u ondersteunt en brengt af en toe iets in",
            "you support and now and then bring something in",
        ),
        "niet_meedoen": (
            "u zit niet aan tafel; uw steun telt wel bij de raad",
            "you are not at the table; your support still counts with the council",
        ),
    },
    "instrument_help": {
        "invite": ("een partij aan tafel halen", "bring a party to the table"),
        "leave_out": (
            "een partij buiten de tafel houden (niet de gemeente)",
            "keep a party away from the table (not the gemeente)",
        ),
        "frame_agenda": (
            "één waardedimensie vooraan op de agenda zetten",
            "put one value dimension first on the agenda",
        ),
        "set_content_conditions": (
            "alleen vóór de start: een inhoudelijke voorwaarde stellen of laten vallen",
            "only before the start: set or drop a content condition",
        ),
        "agree_process_rules": (
            "afspraken over het proces: geen commitment vooraf, een uitweg",
            "rules for the process: no commitment in advance, an exit",
        ),
        "talk_one_to_one": (
            "een gesprek tussen de gemeente en één partij (één per ronde)",
            "a talk between the gemeente and one party (one a round)",
        ),
        "continue_phase": (
            "de tijd nemen: nog een ronde in deze fase",
            "take time: another round in this phase",
        ),
        "close_phase": (
            "divergeren afsluiten (na het minimum aantal rondes)",
            "close divergeren (after the minimum rounds)",
        ),
    },
    "sees_items": (
        [
            "Welke partijen aan tafel zitten, in welke rol, en hoeveel elke partij de "
            "gemeente vertrouwt.",
            "De fase, de ronde en het aantal opties op tafel.",
            "Niet: de kernwaarden, mandaten en uitwijkmogelijkheden van de partijen; "
            "daarvoor zijn de een-op-een gesprekken.",
        ],
        [
            "Which parties sit at the table, in which role, and how much each trusts the gemeente.",
            "The phase, the round and the number of options on the table.",
            "Not: the parties' core values, mandates and outside options; that is what "
            "the one-to-one talks are for.",
        ],
    ),
    "clock": ("De klok", "The clock"),
    "clock_text": (
        "Het proces loopt per week. Na elke ronde divergeren staat de klok stil tot de "
        "regisseur beslist: nog een ronde, of afsluiten. De trainer kan pauzeren en een "
        "issue van de dag inbrengen.",
        "The process runs week by week. After each round of divergeren the clock stands "
        "still until the regisseur decides: another round, or close. The trainer can pause "
        "and bring in an issue of the day.",
    ),
    "observer_intro": (
        "U kijkt mee zonder te spelen. Let op wat hieronder staat en meld opvallende "
        "momenten aan de trainer, zodat de nabespreking ze terugvindt.",
        "You watch without playing. Look for what is listed below and point out striking "
        "moments to the trainer, so the debrief finds them again.",
    ),
    "watch": ("Let op", "Look for"),
    "party_role": ("Elke partij", "Every party"),
}
LEVELS = ((0.34, ("laag", "low")), (0.67, ("midden", "middle")), (9.0, ("hoog", "high")))


def _w(key: str, lang: str) -> str:
    return pick(W[key], lang)


def _e(x: object) -> str:
    return html.escape(str(x), quote=True)


def _rows(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f'<tr><td class="k">{_e(k)}</td><td>{_e(v)}</td></tr>' for k, v in rows)
    return f"<table>{cells}</table>"


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>"


def _level(x: float, lang: str) -> str:
    """A 0..1 value in words with its number: 'hoog (0,85)'."""
    word = next(pick(w, lang) for bound, w in LEVELS if x < bound)
    return f"{word} ({num(x, lang, 2)})"


def party_name(key: str, lang: str) -> str:
    return words.word("proces_party", key, lang, default=key)


def _title(sc, lang: str) -> str:
    return sc.meta.title_en if lang == "en" else sc.meta.title_nl


def shared(sc, lang: str) -> str:
    """The shared situation: the opgave, the parties and their roles, the rhythm."""
    pr, pol = sc.process, sc.politics
    desc = sc.meta.description_en if lang == "en" else sc.meta.description_nl
    parties = [
        f"{party_name(p.key, lang)}: {words.word('proces_role', p.role, lang)}"
        + ("" if p.invited else f" ({_w('invited_no', lang).rstrip('.').lower()})")
        for p in sc.parties
    ]
    rhythm = _w("rhythm_text", lang).format(
        weeks=pr.weeks_per_round, min=pr.divergence_min_rounds, short=pr.shortlist
    )
    council = _w("council_text", lang).format(pct=f"{num(100 * pol.go_support, lang, 0)} %")
    extra = [_w("conditions_on", lang)] if pr.content_conditions_upfront else []
    return (
        f"<h2>{_e(_w('shared', lang))}</h2>"
        + (f"<p>{_e(desc)}</p>" if desc else "")
        + _rows(
            [
                (_w("table", lang), "; ".join(parties)),
                (_w("steps", lang), str(pr.steps)),
                (_w("rhythm", lang), rhythm),
                (_w("council", lang), " ".join([council, *extra])),
            ]
        )
        + f"<p>{_e(_w('abandon', lang).format(weeks=pr.max_weeks))}</p>"
        + f"<h2>{_e(_w('clock', lang))}</h2><p>{_e(_w('clock_text', lang))}</p>"
    )


def _wants(spec, lang: str) -> tuple[list[str], int]:
    """A party's ideal on each value dimension with its weight, heaviest first (as HTML
    list items), and the index of its first priority."""
    dims = [words.word("proces_dimension", d, lang) for d in DIMENSIONS]
    order = sorted(range(len(DIMENSIONS)), key=lambda d: -spec.priorities[d])
    wants = [
        f"<b>{_e(dims[d])}</b>: {_e(_w('ideal', lang))} {_e(_level(spec.core_values[d], lang))}"
        f", {_e(_w('weight', lang))} {num(100 * spec.priorities[d], lang, 0)} %"
        for d in order
    ]
    return wants, order[0]


def _private(spec, lang: str) -> str:
    """What only this party knows: its wants, core values, mandate and what it lacks."""
    dims = [words.word("proces_dimension", d, lang) for d in DIMENSIONS]
    wants, first = _wants(spec, lang)
    ideal = spec.core_values[first]
    veto = _w("veto" if spec.resources >= VETO_RESOURCES else "no_veto", lang)
    facts = [
        (_w("stake", lang), _level(spec.stake, lang)),
        (_w("role_start", lang), words.word("proces_role", spec.role, lang)),
        (_w("resources", lang), f"{_level(spec.resources, lang)}: {veto}"),
    ]
    mandate = _w("mandate_text", lang).format(
        dim=dims[first],
        m=num(spec.mandate, lang, 2),
        ideal=num(ideal, lang, 2),
        lo=num(max(0.0, ideal - spec.mandate), lang, 2),
        hi=num(min(1.0, ideal + spec.mandate), lang, 2),
    )
    outside = _w("outside_text", lang).format(o=num(spec.outside_option, lang, 2))
    unknown = [_e(x) for x in pick(W["unknown_items"], lang)]
    return (
        f'<div class="private"><h2>{_e(_w("private", lang))}</h2>'
        + _rows(facts)
        + (f"<p><em>{_e(_w('invited_no', lang))}</em></p>" if not spec.invited else "")
        + f"<h2>{_e(_w('wants', lang))}</h2>"
        + _list(wants)
        + f"<h2>{_e(_w('core', lang))}</h2><p>{_e(_w('first', lang))}: "
        f"<b>{_e(dims[first])}</b>, {_e(_w('ideal', lang))} {_e(_level(ideal, lang))}.</p>"
        + f"<h2>{_e(_w('mandate', lang))}</h2><p>{_e(mandate)}</p><p>{_e(outside)}</p>"
        + f"<h2>{_e(_w('unknown', lang))}</h2>"
        + _list(unknown)
        + "</div>"
    )


def _roles(lang: str) -> str:
    act = words.word("proces_action", "choose_role", lang)
    items = [
        f"<b>{_e(words.word('proces_role', r, lang))}</b>: {_e(pick(W['role_help'][r], lang))}"
        for r in PARTY_ROLES
    ]
    consent = words.word("proces_action", "declare_consent", lang)
    return (
        f"<h2>{_e(_w('may_do', lang))}</h2>"
        f"<p>{_e(_w('roles_text', lang).format(act=act))}</p>"
        + _list(items)
        + f"<p>{_e(_w('consent_text', lang).format(act=consent))}</p>"
    )


def _section(seat: str, heading: str, sub: str, body: list[str]) -> str:
    return "\n".join(
        [
            f'<section class="card {seat}"><h1>{_e(heading)}</h1>',
            f'<div class="sub">{_e(sub)}</div>',
            *body,
            "</section>",
        ]
    )


def party_card(sc, spec, lang: str) -> str:
    """One party's card (one A4 page) as an HTML fragment."""
    sub = f"{_w('party_card', lang)} · {_title(sc, lang)}"
    body = [
        '<div class="cols"><div>',
        shared(sc, lang),
        "</div>",
        _private(spec, lang),
        "</div>",
        _roles(lang),
    ]
    return _section("party", party_name(spec.key, lang), sub, body)


def regisseur_card(sc, lang: str) -> str:
    """The procesregisseur's card: the shared situation, what it sees, its instruments."""
    sub = f"{_w('regisseur_card', lang)} · {_title(sc, lang)}"
    sees = [_e(x) for x in pick(W["sees_items"], lang)]
    gemeente = next(p for p in sc.parties if p.key == "gemeente")
    tools = [
        f"<b>{_e(words.word('proces_action', a, lang))}</b>: "
        f"{_e(pick(W['instrument_help'][a], lang))}"
        for a in W["instrument_help"]
    ]
    body = [
        '<div class="cols"><div>',
        shared(sc, lang),
        "</div>",
        f'<div class="private"><h2>{_e(_w("sees", lang))}</h2>'
        + _list(sees)
        + f"<h2>{_e(_w('gemeente_wants', lang))}</h2>"
        + _list(_wants(gemeente, lang)[0])
        + "</div>",
        "</div>",
        f"<h2>{_e(_w('instruments', lang))}</h2><ul class='acts'>"
        + "".join(f"<li>{x}</li>" for x in tools)
        + "</ul>",
    ]
    return _section(REGISSEUR, _w("regisseur", lang), sub, body)


def observer_card(sc, lang: str, rubric: object | None = None) -> str:
    """What an observer watches, per competence of the family's rubric."""
    from debrief.proces_rubric import load_rubric

    rubric = rubric or load_rubric()
    heads = {REGISSEUR: _w("regisseur", lang), "party": _w("party_role", lang)}
    out = [
        f'<section class="card observer"><h1>{_e(_w("observer", lang))}</h1>',
        f'<div class="sub">{_e(rubric.title.get(lang))} · {_e(_title(sc, lang))}</div>',
        f"<p>{_e(_w('observer_intro', lang))}</p>",
        '<div class="cols">',
    ]
    for role, head in heads.items():
        out.append(f'<div class="role {role}"><h2>{_e(head)}</h2>')
        for c in rubric.for_role(role):
            watch = "; ".join(i.name.get(lang) for i in c.indicators)
            out.append(
                f"<h3>{_e(c.name.get(lang))}</h3><p>{_e(c.description.get(lang))}"
                f"<br><em>{_e(_w('watch', lang))}:</em> {_e(watch)}</p>"
            )
        out.append("</div>")
    out.append("</div></section>")
    return "\n".join(out)


def write_cards(sc, out_dir: str | Path, langs=("nl", "en")) -> list[Path]:
    """Write cards_<lang>.html (every card, the observer's last) and <seat>_<lang>.html."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in langs:
        title = f"{_w('party_card', lang)}: {_title(sc, lang)}"
        cards = {REGISSEUR: regisseur_card(sc, lang)}
        cards.update({p.key: party_card(sc, p, lang) for p in sc.parties})
        p = out / f"cards_{lang}.html"
        p.write_text(
            page("\n".join([*cards.values(), observer_card(sc, lang)]), title, lang),
            encoding="utf-8",
        )
        written.append(p)
        for seat, body in cards.items():
            name = _w("regisseur", lang) if seat == REGISSEUR else party_name(seat, lang)
            p = out / f"{seat}_{lang}.html"
            p.write_text(page(body, f"{title} – {name}", lang), encoding="utf-8")
            written.append(p)
    return written
