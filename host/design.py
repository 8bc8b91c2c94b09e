"""The design phase on the phones and the console (issue 14, docs/network.md).

Every seat of a table sees what is on the table (both standing offers, what is still
open, whose move, the table clock: the phase's public view, sim.design.classroom) and,
until the winter's first hour, the risk list: the people who do not negotiate tick what
they expect the winter to bring. A negotiating seat whose move it is gets its decision
with a form: one choice per item (its own value first, the other side's beside it), and
the wethouder's conditions as boxes to tick. Words in both languages, as describe.py.
"""

from __future__ import annotations

from game.design_words import choices, plan_choices, plan_text, rows, term_text
from game.i18n import LANGUAGES
from sim.design.bots import CONDITION_TERMS
from sim.design.classroom import RISKS
from sim.design.plan import PLAN_ITEMS
from sim.design.terms import ITEMS

TURN_KINDS = ("design_regisseur", "design_executor")
PLAN_KINDS = ("design_plan_draft", "design_plan_review", "design_plan_answer")


def _per_lang(translator, fn) -> dict[str, str]:
    return {lang: fn(translator(lang)) for lang in LANGUAGES}


def clock_text(translator, public: dict) -> dict[str, str]:
    """The table clock in words: minutes left and what an offer costs."""
    return _per_lang(
        translator,
        lambda tr: tr(
            "design.clock",
            left=tr.number(public["minutes_left"]),
            per=tr.number(public["minutes_per_move"]),
        ),
    )


def phase(public: dict | None, hour: int, translator, both, role: str | None = None) -> dict | None:
    """The phase as every seat of the table sees it (None: the scenario plays none); the
    executor's seat also its plan to prepare while the gemeente writes its ask."""
    if public is None:
        return None
    offers, fee = public["offers"], public["start_fee_eur"]
    asked = offers["regisseur"] or public["start"]  # before its ask: the starting offer
    table = {lang: rows(translator(lang), asked, offers["executor"], fee) for lang in LANGUAGES}
    items = [
        {
            "key": row["item"],
            "label": {lang: table[lang][n]["label"] for lang in LANGUAGES},
            "gemeente": {lang: table[lang][n]["gemeente"] for lang in LANGUAGES},
            "executor": {lang: table[lang][n]["executor"] for lang in LANGUAGES},
            "open": row["open"],
        }
        for n, row in enumerate(table[LANGUAGES[0]])
    ]
    turn = public["turn"]
    return {
        "status": public["status"],
        "status_label": both(f"words.design_outcome.{public['status']}"),
        "turn": turn,
        "turn_label": _per_lang(
            translator,
            lambda tr: (
                tr("design.turn", role=tr(f"words.role.{turn}")) if turn else tr("design.turn_none")
            ),
        ),
        "minutes": public["minutes"],
        "minutes_left": public["minutes_left"],
        "moves": public["moves"],
        "clock_text": clock_text(translator, public),
        "open_text": _per_lang(
            translator,
            lambda tr: tr("design.open_count", n=len(public["open_items"]), total=len(ITEMS)),
        ),
        "conditions": [both(f"words.condition.{c}") for c in public["conditions"]],
        "words": {
            k: both(f"design.{k}")
            for k in ("table", "item", "gemeente", "start", "executor", "conditions", "none")
        },
        "items": items,
        "asked": offers["regisseur"] is not None,
        "plan": plan_rows(public["plan"], translator, both),
        "risks": risk_task(both) if hour == 0 else None,
        "prepare": prepare(public, role, translator, both),
    }


def prepare(public: dict, role: str | None, translator, both) -> dict | None:
    """The executor's plan to prepare before it is its move (from the reference plan):
    the page keeps the choices and fills them into the draft when the draft is asked."""
    plan = public["plan"]
    if role != "executor" or public["status"] != "open" or plan is None or plan["draft"]:
        return None
    fields = _fields(
        translator,
        PLAN_ITEMS,
        plan["reference"],
        None,
        lambda i: both(f"words.plan_item.{i}"),
        plan_text,
        plan_choices,
    )
    return {
        "nest": "plan",
        "title": both("design.prepare_title"),
        "intro": both("design.prepare_intro"),
        "fields": fields,
    }


def plan_rows(plan: dict | None, translator, both) -> dict | None:
    """The plan as everybody sees it: per item the reference, the executor's draft and
    what the gemeente asked (once drafted), and what the draft costs extra."""
    if plan is None or plan["draft"] is None:
        return None
    columns = [c for c in ("reference", "draft", "asked") if plan[c] is not None]
    rows_ = [
        {
            "key": item,
            "label": both(f"words.plan_item.{item}"),
            "values": [
                {lang: plan_text(translator(lang), item, plan[c][item]) for lang in LANGUAGES}
                for c in columns
            ],
            "changed": plan["asked"] is not None and plan["asked"][item] != plan["draft"][item],
        }
        for item in PLAN_ITEMS
    ]
    price = plan["price"]["asked"] or plan["price"]["draft"]
    return {
        "title": both("design.plan"),
        "columns": [both(f"design.plan_{c}") for c in columns],
        "rows": rows_,
        "adopted": plan["adopted"] is not None,
        "price_text": _per_lang(
            translator,
            lambda tr: tr(
                "design.plan_price",
                fee=tr.money(price["fee_eur"]),
                unit=tr.money(price["unit_eur"]),
            ),
        ),
    }


def risk_task(both) -> dict:
    """The risk list a person ticks while the contract is written (logged as a note)."""
    return {
        "title": both("design.risks_title"),
        "intro": both("design.risks_intro"),
        "send": both("design.risks_send"),
        "sent": both("design.risks_sent"),
        "options": [{"key": r, "label": both(f"design.risk.{r}")} for r in RISKS],
    }


def decision(point: dict, translator, both) -> dict | None:
    """A design point's form (None for any other point): the conditions to tick, the
    side's offer item by item, or the plan, with the moves the point allows."""
    kind, ctx = point["kind"], point["context"]
    if kind == "design_conditions":
        return {
            "form": "conditions",
            "conditions": [
                {"key": c, "label": both(f"words.condition.{c}")} for c in CONDITION_TERMS
            ],
            "action": {"type": "set_conditions", "design_id": point["ref"]},
            "send": both("design.set"),
        }
    if kind in TURN_KINDS:
        fee = ctx["start_fee_eur"]
        offer = next((o for o in point["options"] if o.get("move") == "offer"), None)
        own = ctx.get("own") or (offer["terms"] if offer else ctx["start"])
        other = ctx.get("other")
        side = "design.executor" if point["role"] == "regisseur" else "design.gemeente"
        fields = _fields(
            translator,
            ITEMS,
            own,
            other,
            lambda i: both(f"words.design_item.{i}"),
            lambda tr, i, v: term_text(tr, i, v, fee),
            choices,
        )
        return _form(point, translator, both, "terms", fields, side, "design.{move}")
    if kind in PLAN_KINDS:
        plan = ctx["plan"]
        with_plan = next((o for o in point["options"] if o.get("plan") is not None), None)
        fields = []
        if with_plan is not None:
            fields = _fields(
                translator,
                PLAN_ITEMS,
                with_plan["plan"],
                plan["reference"],
                lambda i: both(f"words.plan_item.{i}"),
                plan_text,
                plan_choices,
            )
        return _form(
            point,
            translator,
            both,
            "plan",
            fields,
            "design.plan_reference",
            "design.plan_move.{move}",
        )
    return None


def _fields(translator, items, own: dict, other: dict | None, label, text, values) -> list[dict]:
    """One choice field an item: the side's own value first chosen, the other's beside."""
    out = []
    for item in items:
        out.append(
            {
                "name": item,
                "kind": "choice",
                "label": label(item),
                "default": own[item],
                "open": other is not None and other[item] != own[item],
                "other": (
                    {lang: text(translator(lang), item, other[item]) for lang in LANGUAGES}
                    if other is not None
                    else None
                ),
                "choices": [
                    {
                        "value": v,
                        "label": {lang: text(translator(lang), item, v) for lang in LANGUAGES},
                    }
                    for v in values(item, own, other)
                ],
            }
        )
    return out


def _form(point, translator, both, nest: str, fields, other_label: str, move_key: str) -> dict:
    """The offer or plan form: fields, the moves (those that carry the terms or the plan
    send the fields under `nest`), and the table clock."""
    moves = [
        {
            "move": o["move"],
            "label": both(move_key.format(move=o["move"])),
            "action": {k: v for k, v in o.items() if k != nest},
            "with_fields": o.get(nest) is not None,
        }
        for o in point["options"]
    ]
    return {
        "form": "offer",
        "nest": nest,
        "clock_text": clock_text(translator, point["context"]),
        "your_offer": both("design.your_offer"),
        "other_label": both(other_label),
        "fields": fields,
        "moves": moves,
    }


def summary(public: dict | None) -> dict | None:
    """The phase at one table for the trainer's console: status, whose move, the clock."""
    if public is None:
        return None
    return {
        "status": public["status"],
        "turn": public["turn"],
        "minutes": public["minutes"],
        "minutes_left": public["minutes_left"],
        "moves": public["moves"],
        "open_items": len(public["open_items"]),
        "items": len(ITEMS),
    }
