"""Words of the procesregie report: its own sentences (nl, en), the names of seats, bots
and KPI values, and an action or a piece of evidence in words (the names of the model's
things come from sim.words)."""

from __future__ import annotations

import html

from debrief.i18n import num, pick
from debrief.proces_trace import REGISSEUR
from sim import words

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
    "parties": (
        "De partijen aan het begin en aan het eind",
        "The parties at the start and the end",
    ),
    "party": ("Partij", "Party"),
    "role_start": ("Rol bij de start", "Role at the start"),
    "role_end": ("Rol aan het eind", "Role at the end"),
    "at_table": ("Aan tafel", "At the table"),
    "trust_end": ("Vertrouwen in de gemeente", "Trust in the gemeente"),
    "consented_last": ("Ingestemd bij de laatste go/no-go", "Consented at the last go/no-go"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "option": ("optie {n} van de kortste lijst", "shortlisted option {n}"),
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
    elif "consent" in action:
        word = _w("yes" if action["consent"] else "no", lang)
        text += f": {_w('option', lang).format(n=action.get('option', 0) + 1)}, {word}"
    return text
