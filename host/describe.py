"""What a seat's devices are sent: the role's view as data with words in both languages.

Decision points and actions go out as data the page renders (kinds, fields, options,
labels), so a new decision kind or action needs no page code. Words come from the
catalogue through the game's translator (``game.i18n``), the fields of an action from its
pydantic class (``game.forms``), the units and "what you know" lines from
``game/data/fields.yaml`` and ``cards.yaml``; values are also given formatted the way each
language writes them (``shown``), so the page need not format numbers.
"""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # play_panels imports pygame

from game.assets import load_yaml  # noqa: E402
from game.forms import FieldSpec, fields_for, variant  # noqa: E402
from game.i18n import LANGUAGES, Translator  # noqa: E402
from game.inbox import Item  # noqa: E402
from game.play_panels import format_field, inbox_value  # noqa: E402
from host import design  # noqa: E402
from host.agenda import agenda  # noqa: E402
from sim.observation import KPI_TILES, observe_kpis  # noqa: E402

if TYPE_CHECKING:
    from host.table import Table

SECTIONS = ("weather", "forecast", "public", "private")  # parts of an observation shown
FEED_ITEMS = 30  # inbox items a state message holds [count]
SPARK_DAYS = 30  # days of KPI history [days]
# Units of the dashboard's indicators (game.dashboard.TILES, which imports pygame_gui).
KPI_UNITS = {
    "reachability": "pct",
    "incidents": "int",
    "complaints": "int",
    "satisfaction": "pct",
    "cost": "eur",
    "trust_g": "frac",
    "trust_e": "frac",
    "attention": "score",
}


@cache
def translator(lang: str) -> Translator:
    """The game's translator for one language (shared, read-only use)."""
    return Translator(lang)


def both(key: str, default: str = "", **values: object) -> dict[str, str]:
    """A text in every language: {"nl": ..., "en": ...}."""
    out = {}
    for lang in LANGUAGES:
        tr = translator(lang)
        text = tr.get(key, default)
        out[lang] = text.format(**values) if values and text else text
    return out


def units() -> dict[str, str]:
    """Field key -> unit code (game/data/fields.yaml)."""
    return load_yaml("fields.yaml")["units"]


def shown_value(tr: Translator, key: str, value: object) -> str:
    """A value as the language writes it; a code whose unit names a list of words in the
    language files (``precip_kind``: ``precip.<code>``, dry, rain, snow) as its word."""
    code = f"{units().get(key, '')}.{value}"
    if isinstance(value, int) and not isinstance(value, bool) and tr.has(code):
        return tr(code)
    return format_field(tr, key, value)


def item(key: str, value: object, label_key: str | None = None) -> dict:
    """One value with its label, unit and its text in each language."""
    label = both(label_key, "") if label_key else {}
    if not label or not any(label.values()):
        label = both(f"field.{key}", key)
    return {
        "key": key,
        "label": label,
        "value": value,
        "unit": units().get(key, ""),
        "shown": {lang: shown_value(translator(lang), key, value) for lang in LANGUAGES},
    }


def observation_sections(obs: dict) -> list[dict]:
    """The observation's parts as labelled items (the page titles each `section`)."""
    out = []
    for section in SECTIONS:
        values = obs.get(section) or {}
        out.append(
            {
                "section": section,
                "items": [item(k, v) for k, v in values.items() if not isinstance(v, list)],
            }
        )
    return out


def field_spec(spec: FieldSpec) -> dict:
    """An action field as the page's form builds it."""
    choices = [{"value": c, "label": both(f"value.{c}", str(c))} for c in spec.choices]
    return {
        "name": spec.name,
        "kind": spec.kind,
        "label": both(f"field.{spec.name}", spec.name),
        "unit": units().get(spec.name, ""),
        "default": spec.default,
        "min": spec.minimum,
        "max": spec.maximum,
        "integer": spec.integer,
        "choices": choices,
    }


def decision(point: dict, obs: dict) -> dict:
    """An open decision point: what is asked, its context, what the role knows, options;
    a meeting also its agenda (``host.agenda``: list-valued context is sent there)."""
    kind = point["kind"]
    form = design.decision(point, translator, both)  # a design point shows its own table
    context = [
        item(k, v, f"context.{kind}.{k}")
        for k, v in point["context"].items()
        if not isinstance(v, list | dict) and form is None
    ]
    knows = []
    for path in load_yaml("cards.yaml")["knows"].get(kind, []):
        section, key = path.split(".")
        if key in obs.get(section, {}):
            knows.append(item(key, obs[section][key]))
    options = []
    for option in point["options"]:
        v = variant(option)
        options.append(
            {
                "variant": v,
                "label": both(f"option.{v}", v),
                "hint": both(f"option_hint.{v}"),
                "action": dict(option),
                "fields": [field_spec(f) for f in fields_for(option) if f.kind == "number"],
            }
        )
    return {
        "id": point["id"],
        "kind": kind,
        "title": both(f"decision.{kind}.title", kind),
        "text": both(f"decision.{kind}.text"),
        "hour": point.get("hour"),
        "deadline": point.get("deadline"),
        "context": context,
        "knows": knows,
        "options": options,
        "agenda": agenda(point, translator, both),
        "design": form,
    }


def free_actions(templates: list[dict]) -> list[dict]:
    """The role's actions that answer no decision point, with their forms."""
    out = []
    for template in templates:
        kind = template["type"]
        out.append(
            {
                "type": kind,
                "label": both(f"action.{kind}.label", kind),
                "help": both(f"action.{kind}.help"),
                "action": dict(template),
                "fields": [field_spec(f) for f in fields_for(template)],
            }
        )
    return out


def kpis(model, role: str | None) -> list[dict]:
    """The indicators the role may see, with labels, units and recent days."""
    out = []
    for key, tile in observe_kpis(model, role, SPARK_DAYS).items():
        unit = KPI_UNITS.get(key, "")
        out.append(
            {
                "key": key,
                "label": both(f"dashboard.{key}", key),
                "unit": unit,
                "value": tile["value"],
                "ref": tile["ref"],
                "series": [round(v, 3) for v in tile["series"]],
                "shown": {lang: translator(lang).value(unit, tile["value"]) for lang in LANGUAGES},
            }
        )
    return out


def feed_item(entry: Item, start_date: str) -> dict:
    """One inbox item in words."""
    text = {}
    for lang in LANGUAGES:
        tr = translator(lang)
        values = {k: inbox_value(tr, k, v) for k, v in entry.values.items()}
        text[lang] = tr.get(entry.key, entry.key).format(**values)
    return {
        "hour": entry.tick,
        "category": entry.category,
        "point": entry.point_id,
        "when": {lang: translator(lang).when(start_date, entry.tick) for lang in LANGUAGES},
        "text": text,
    }


def state_message(table: Table, role: str, items: list[Item], version: int) -> dict:
    """The complete `state` message for the devices of one seat (docs/network.md)."""
    model = table.model
    obs = model.observe(role)
    answers = {o["type"] for p in obs["decisions"] for o in p["options"]}
    legal = [t for t in model.legal_actions(role) if t["type"] not in answers]
    start = table.state.view["start_date"]
    return {
        "type": "state",
        "table": table.number,
        "role": role,
        "version": version,
        "seat": table.seat(role),
        "clock": table.clock(),
        "observation": observation_sections(obs),
        "decisions": [decision(p, obs) for p in obs["decisions"]],
        "actions": free_actions(legal) if not table.ended else [],
        "kpis": kpis(model, role),
        "feed": [feed_item(i, start) for i in items[:FEED_ITEMS]],
        "messages": list(table.messages),
        "design": design.phase(table.state.view["design"], model.hour, translator, both, role),
    }


def reason_text(reason: str) -> dict[str, str]:
    """A model's rejection reason in each language."""
    return {lang: translator(lang).reason(reason) for lang in LANGUAGES}


def kpi_labels() -> dict[str, dict]:
    """Every indicator's label and unit (the console's scoreboard)."""
    return {
        key: {"label": both(f"dashboard.{key}", key), "unit": KPI_UNITS.get(key, "")}
        for key in KPI_TILES
    }
