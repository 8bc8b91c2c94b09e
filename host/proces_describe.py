"""What a procesregie seat's devices are sent: its `state` as data with words in nl and en.

The same message as a winter seat's (docs/network.md), so the page needs no family code:
the observation's sections (wyberen and the clock, who sits at the table, the seat's own
brief, the options on the table), the decisions the seat must take now (the regisseur's
"another round or close", a party's word on each shortlisted option), its other legal
actions grouped per kind with a choice field, the public KPIs and what happened. A party
sees its own core values, mandate, outside option and trust only (``observe_seat``),
never another party's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.procesregie.panels import event_text
from host.describe import both, translator
from host.proces import PAGE_UNITS, clock
from sim import words
from sim.procesregie.actions import REGISSEUR
from sim.procesregie.view import observe_events, observe_seat

if TYPE_CHECKING:
    from host.hub import Hub
    from host.table import Table

FEED_ITEMS = 30  # lines of "what happened" a state message holds [count]
ANSWERS = ("continue_phase", "close_phase", "declare_consent")  # a decision's options


def say(key: str, **values: object) -> dict[str, str]:
    """A classroom text (catalogue section host_proces) in every language."""
    return {lang: words.word("host_proces", key, lang).format(**values) for lang in words.LANGS}


def _shown(value: object, unit: str, lang: str) -> str:
    if isinstance(value, bool):
        return translator(lang)("proces.yes" if value else "proces.no")
    if isinstance(value, float):
        if unit == "pct":
            return f"{value:.0f} %"
        if unit == "int":
            return f"{value:.0f}"
        text = f"{value:.2f}"
        return text.replace(".", ",") if lang == "nl" else text
    return str(value)


def item(key: str, label: dict[str, str], value: object, unit: str = "", shown=None) -> dict:
    """One labelled value, written the way each language writes it (`shown`: words)."""
    return {
        "key": key,
        "label": label,
        "value": value,
        "unit": unit,
        "shown": shown or {lang: _shown(value, unit, lang) for lang in words.LANGS},
    }


def _word(section: str, key: str) -> dict[str, str]:
    return {lang: words.word(section, key, lang, key) for lang in words.LANGS}


def _party(key: str) -> dict[str, str]:
    return _word("proces_party", key)


def _with_party(key: str, party: str) -> dict[str, str]:
    """A classroom text naming a party, in every language."""
    return {
        lang: words.word("host_proces", key, lang).format(
            name=words.word("proces_party", party, lang, party)
        )
        for lang in words.LANGS
    }


def process_items(view: dict) -> list[dict]:
    """Wyberen now: phase, round, options, the instruments' state, the council's bar."""
    agenda = view["agenda"]
    return [
        item("phase", say("phase"), view["phase"], shown=_word("proces_phase", view["phase"])),
        item("round", say("round"), view["rounds_in_phase"] + 1),
        item("min_rounds", say("min_rounds"), view["min_rounds"]),
        item("options", say("options"), view["options"]),
        item("options_explored", say("options_explored"), view["options_explored"]),
        item("rules_agreed", say("rules_agreed"), view["rules_agreed"]),
        item("conditions", say("conditions"), view["conditions"]),
        item(
            "agenda",
            say("agenda"),
            agenda or "",
            shown=_word("proces_dimension", agenda) if agenda else both("proces.agenda_open"),
        ),
        item("go_bar", say("go_bar"), view["go_support_pct"], "pct"),
        item("issue", say("issue"), view["issue"]),
    ]


def table_items(view: dict) -> list[dict]:
    """Every party's role, or that it is away from the table (public)."""
    out = []
    for p in view["parties"]:
        if not p["invited"]:
            shown = both("proces.left_out")
        elif not p["at_table"]:
            shown = say("away")
        else:
            shown = _word("proces_role", p["role"])
        out.append(item(p["key"], _party(p["key"]), p["role"], shown=shown))
    return out


def brief_items(obs: dict, view: dict) -> list[dict]:
    """What only this seat knows: a party's ideal, weights, mandate, outside option and its
    trust in the others; the regisseur's the parties' trust in the gemeente."""
    if obs["seat"] == REGISSEUR:
        return [
            item(f"trust_{k}", _with_party("trust_in_gemeente", k), v)
            for k, v in obs["trust_in_gemeente"].items()
            if k != "gemeente"
        ]
    out = []
    for dim, ideal, weight in zip(
        view["dimensions"], obs["core_values"], obs["priorities"], strict=True
    ):
        label = {lang: f"{words.word('proces_dimension', dim, lang)}" for lang in words.LANGS}
        shown = {
            lang: words.word("host_proces", "ideal", lang).format(
                value=_shown(ideal, "", lang), weight=_shown(weight, "", lang)
            )
            for lang in words.LANGS
        }
        out.append(item(f"ideal_{dim}", label, ideal, shown=shown))
    out += [
        item("stake", say("stake"), obs["stake"]),
        item("mandate", say("mandate"), obs["mandate"]),
        item("outside_option", say("outside_option"), obs["outside_option"]),
    ]
    out.append(item("my_trust", say("trust_others"), float(obs["my_trust"])))
    return out


def shortlist_items(obs: dict, view: dict) -> list[dict]:
    """The options on the table: their values; for a party its worth and mandate."""
    out = []
    for i, option in enumerate(view["shortlist"]):
        values = {
            lang: " · ".join(
                f"{words.word('proces_dimension', d, lang)} {_shown(v, '', lang)}"
                for d, v in zip(view["dimensions"], option["values"], strict=True)
            )
            for lang in words.LANGS
        }
        if obs["seat"] != REGISSEUR:
            key = "option_fits" if obs["within_mandate"][i] else "option_not"
            worth = obs["shortlist_utility"][i]
            for lang in words.LANGS:
                mine = translator(lang)(f"proces.{key}", n=i + 1, value=_shown(worth, "", lang))
                values[lang] += f" — {mine.split(': ', 1)[-1]}"
        label = say("option", n=i + 1)
        out.append(item(f"option_{i}", label, option["values"], shown=values))
    return out


def option_items(obs: dict, view: dict, i: int) -> list[dict]:
    """One shortlisted option for its consent card: a line per value, then what it is
    worth to the party and whether it lies within its mandate."""
    option = view["shortlist"][i]
    out = [
        item(f"value_{d}", _word("proces_dimension", d), float(v))
        for d, v in zip(view["dimensions"], option["values"], strict=True)
    ]
    if obs["seat"] != REGISSEUR:
        out.append(item("worth", say("worth"), float(obs["shortlist_utility"][i])))
        out.append(item("within_mandate", say("within_mandate"), obs["within_mandate"][i]))
    return out


def _choice_label(field: str, value: object) -> dict[str, str]:
    if field == "party":
        return _party(str(value))
    if field == "dimension":
        return _word("proces_dimension", str(value))
    if field == "role":
        return _word("proces_role", str(value))
    if field == "on":
        return both("proces.yes" if value else "proces.no")
    return {lang: str(value) for lang in words.LANGS}


def grouped_actions(legal: list[dict]) -> list[dict]:
    """The seat's free actions, one card per kind; what varies (a party, a dimension, a
    role, on or off) is a choice field."""
    kinds: dict[str, list[dict]] = {}
    for template in legal:
        if template["type"] not in ANSWERS:
            kinds.setdefault(template["type"], []).append(template)
    out = []
    for kind, templates in kinds.items():
        varying = [k for k in templates[0] if k != "type"]
        fields = [
            {
                "name": name,
                "kind": "choice",
                "label": say(f"field_{name}"),
                "unit": "",
                "default": templates[0][name],
                "min": None,
                "max": None,
                "integer": False,
                "choices": [
                    {"value": t[name], "label": _choice_label(name, t[name])} for t in templates
                ],
            }
            for name in varying
        ]
        out.append(
            {
                "type": kind,
                "label": _word("proces_action", kind),
                "help": say(f"help_{kind}") if kind != "continue_phase" else {},
                "action": {"type": kind},
                "fields": fields,
            }
        )
    return out


def _option(action: dict, label: dict[str, str]) -> dict:
    return {"variant": action["type"], "label": label, "hint": {}, "action": action, "fields": []}


def decisions(table: Table, role: str, legal: list[dict], view: dict, obs: dict) -> list[dict]:
    """What the seat must answer now: the table's round (regisseur) or its word on each
    shortlisted option (a party while consolidating, with the option's values and what it
    is worth to the party as context)."""
    week = view["week"]
    out = []
    answers = [a for a in legal if a["type"] in ("continue_phase", "close_phase")]
    if role == REGISSEUR and view["waiting"] and answers:
        n, least = view["rounds_in_phase"], view["min_rounds"]
        out.append(
            {
                "id": f"table-{week}",
                "kind": "proces_table",
                "title": both("proces.table_title", n=n, min=least),
                "text": both("proces.table_choice"),
                "hour": week,
                "deadline": None,
                "context": [],
                "knows": [],
                "options": [_option(a, _word("proces_action", a["type"])) for a in answers],
                "agenda": None,
            }
        )
    words_on = [a for a in legal if a["type"] == "declare_consent"]
    for i in table.state.open_words(role):
        options = []
        for a in words_on:
            if a["option"] == i:
                key = "consent_yes" if a["consent"] else "consent_no"
                options.append(_option(a, say(key)))
        out.append(
            {
                "id": f"consent-{week}-{i}",
                "kind": "proces_consent",
                "title": say("consent_title", n=i + 1),
                "text": say("consent_text"),
                "hour": week,
                "deadline": None,
                "context": option_items(obs, view, i),
                "knows": [],
                "options": options,
                "agenda": None,
            }
        )
    return out


def kpis(view: dict) -> list[dict]:
    """The process's KPIs (public) as the page's tiles."""
    out = []
    for key, value in view["kpis"].items():
        tile = item(key, _word("kpi", key), float(value), PAGE_UNITS.get(key, ""))
        out.append({**tile, "ref": None, "series": []})
    return out


def feed(table: Table) -> list[dict]:
    """What happened, newest first, in words (the table's public events)."""
    out = []
    for event in reversed(observe_events(table.model)):
        text = {lang: event_text(translator(lang), event) for lang in words.LANGS}
        if text["nl"] is None:
            continue
        when = say("week", week=event["tick"])
        out.append({"hour": event["tick"], "category": event["kind"], "when": when, "text": text})
        if len(out) >= FEED_ITEMS:
            break
    return out


def state_message(hub: Hub, table: Table, role: str) -> dict:
    """The complete `state` of one procesregie seat (docs/network.md)."""
    model = table.model
    view = table.state.view
    obs = observe_seat(model, role)
    legal = [] if table.ended else model.legal_actions(role)
    shortlist = shortlist_items(obs, view)
    sections = [
        ("process", process_items(view)),
        ("table", table_items(view)),
        ("brief", brief_items(obs, view)),
        ("shortlist", shortlist),
    ]
    return {
        "type": "state",
        "table": table.number,
        "role": role,
        "version": table.state.version[1],
        "seat": table.seat(role),
        "clock": clock(table),
        "observation": [
            {"section": name, "label": say(f"section_{name}"), "items": items}
            for name, items in sections
        ],
        "decisions": decisions(table, role, legal, view, obs),
        "actions": grouped_actions(legal),
        "kpis": kpis(view),
        "feed": feed(table),
        "messages": list(table.messages),
    }
