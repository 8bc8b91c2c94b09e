"""A meeting's agenda as data for the page: per item what it is, in each language, and the
outcomes the action allows, each as the entry it adds to the action's list.

The outcomes are read from the typed action (``sim.actions.ItemOutcome.outcome``), so the
page needs no list of its own; the amounts follow the hot-seat game's meeting screen
(``game.scene_meeting``): agree pays the item's amount, a compromise asks for one (half
by default), reject and escalate pay nothing.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

from game.forms import action_classes
from game.i18n import LANGUAGES

COMPROMISE = "compromise"  # the outcome whose amount the room fills in
OFFER = "offer"  # the move whose amount a side fills in (sim.governance.negotiation)
AMOUNT = "amount_eur"  # the item entry's amount field [EUR]


def list_field(action_type: str) -> tuple[str, type[BaseModel]] | None:
    """The action's field that holds one entry per agenda item, with the entry's class."""
    for name, info in action_classes()[action_type].model_fields.items():
        if typing.get_origin(info.annotation) is list:
            (entry,) = typing.get_args(info.annotation)
            if isinstance(entry, type) and issubclass(entry, BaseModel):
                return name, entry
    return None


def choice_field(entry: type[BaseModel]) -> str:
    """The entry's field that holds the choice: the regisseur's ``outcome``, or the
    executor's ``move`` when it tables its positions (``sim.actions.ItemMove``)."""
    return "outcome" if "outcome" in entry.model_fields else "move"


def outcome_values(entry: type[BaseModel]) -> tuple[str, ...]:
    """The outcomes an entry allows (its ``outcome`` or ``move`` Literal)."""
    return tuple(typing.get_args(entry.model_fields[choice_field(entry)].annotation))


def item_text(tr, n: int, item: dict) -> str:
    """What an item is, as the game's meeting screen writes it."""
    hard = item.get("hardness", 0)
    times = tr("meeting.again", n=hard) if hard else tr("meeting.first")
    return tr(
        "meeting.item",
        n=n + 1,
        kind=tr(f"value.{item['kind']}"),
        amount=tr.money(item[AMOUNT]),
        times=times,
    )


def item_options(item: dict, outcomes: tuple[str, ...], translate,
                 choice: str = "outcome") -> list[dict]:
    """One option per outcome (or move): its label, the entry it adds and the fields to
    fill in (an amount for a compromise or an offer)."""
    amount = float(item[AMOUNT])
    options = []
    for outcome in outcomes:
        paid = {"agree": amount, COMPROMISE: round(amount / 2, 2),
                OFFER: round(amount / 2, 2)}.get(outcome, 0.0)
        fields = []
        if outcome in (COMPROMISE, OFFER):
            fields.append(
                {
                    "name": AMOUNT,
                    "kind": "number",
                    "label": translate("meeting.amount"),
                    "unit": "eur",
                    "default": paid,
                    "min": 0.0,
                    "max": amount,
                    "integer": False,
                    "choices": [],
                }
            )
        options.append(
            {
                "variant": outcome,
                "label": translate(f"outcome.{outcome}"),
                "entry": {"item_id": item["item_id"], choice: outcome, AMOUNT: paid},
                "fields": fields,
            }
        )
    return options


def agenda(point: dict, translator, both) -> dict | None:
    """The point's agenda for the page, or None when its action takes no list of items.

    `translator(lang)` gives the game's translator, `both(key)` a text in every language.
    """
    found = None
    for option in point["options"]:
        found = found or list_field(option["type"])
    items = point["context"].get("agenda")
    if found is None or items is None:
        return None
    field, entry = found
    outcomes = outcome_values(entry)
    return {
        "field": field,
        "note": both("meeting.item_note"),
        "intro": both("meeting.intro" if items else "meeting.empty"),
        "items": [
            {
                "id": item["item_id"],
                "kind": item["kind"],
                "text": {lang: item_text(translator(lang), n, item) for lang in LANGUAGES},
                "options": item_options(item, outcomes, both, choice_field(entry)),
            }
            for n, item in enumerate(items)
        ],
    }
