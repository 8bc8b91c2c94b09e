"""What a person can fill in for an action: fields read from the typed actions in sim.actions.

A field with a fixed set of values (``Literal``, or a small integer range) becomes a row of
choice buttons; a number becomes an entry box. Decision options already carry every value
except a free amount (an invoice's disputed sum), which is asked for the same way.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from pydantic import BaseModel

import sim.actions as actions_module

# Fields the game never asks for: the type tag, reference ids (set by the decision
# point), the free-text note (asked separately) and a meeting's outcomes (own screen).
HIDDEN = {"type", "note", "invoice_id", "request_id", "meeting_id", "question_id",
          "briefing_id", "report_id", "incident_id", "outcomes", "order_id", "posture_id",
          "moves"}
# Action fields that pick the variant of a decision option (the button label).
VARIANT_FIELDS = ("decision", "mode", "tone", "channel", "honesty", "response", "effort")
# The moves either side makes on a meeting's agenda item (the meeting screen's buttons):
# a new offer, accepting the other side's position, holding its own, taking it a level up.
MOVES = ("offer", "accept", "hold", "escalate")


@dataclass(frozen=True)
class FieldSpec:
    """One field to fill in."""

    name: str
    kind: str  # "choice" | "number"
    choices: tuple = ()
    default: object = None
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False


def action_classes() -> dict[str, type[BaseModel]]:
    """Action type -> pydantic class, from the Action union."""
    union = typing.get_args(actions_module.Action)[0]
    out = {}
    for cls in typing.get_args(union):
        out[cls.model_fields["type"].default] = cls
    return out


def fields_for(template: dict) -> list[FieldSpec]:
    """Fields a person fills in for an action, defaults taken from a legal template."""
    cls = action_classes()[template["type"]]
    out = []
    for name, info in cls.model_fields.items():
        if name in HIDDEN:
            continue
        default = template.get(name, info.default)
        lo = hi = None
        for meta in info.metadata:
            lo = getattr(meta, "ge", None) if getattr(meta, "ge", None) is not None else lo
            lo = getattr(meta, "gt", None) if getattr(meta, "gt", None) is not None else lo
            hi = getattr(meta, "le", None) if getattr(meta, "le", None) is not None else hi
        if typing.get_origin(info.annotation) is typing.Literal:
            out.append(FieldSpec(name, "choice", typing.get_args(info.annotation), default))
        elif info.annotation is int and lo is not None and hi is not None and hi - lo <= 5:
            out.append(FieldSpec(name, "choice", tuple(range(int(lo), int(hi) + 1)), default))
        else:
            out.append(FieldSpec(name, "number", (), default, lo, hi, info.annotation is int))
    return out


def variant(option: dict) -> str:
    """The value that tells a decision's options apart (approve, stand_down, ...)."""
    for name in VARIANT_FIELDS:
        if name in option:
            return str(option[name])
    return option["type"]


def answer_variants(action_type: str) -> tuple[str, ...]:
    """Every option a decision answered by `action_type` can offer (the values of its
    variant field, read from the typed action; a meeting: the moves on its items)."""
    for spec in fields_for({"type": action_type}):
        if spec.kind == "choice" and spec.name in VARIANT_FIELDS:
            return tuple(str(c) for c in spec.choices)
    if {"outcomes", "moves"} & set(action_classes()[action_type].model_fields):
        return MOVES
    return (action_type,)


def free_amount_fields(option: dict) -> list[FieldSpec]:
    """Number fields of a decision option a person must still fill in (disputed sum)."""
    return [f for f in fields_for(option) if f.kind == "number"]


def parse_number(text: str) -> float | None:
    """A number typed in Dutch or English style ('1.250,5', '1,250.5', '1250'); None if not."""
    text = text.strip().replace("€", "").replace(" ", "").replace("_", "")
    if not text:
        return None
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") \
            else text.replace(",", "")
    elif "," in text:
        head, _, tail = text.rpartition(",")
        text = f"{head.replace(',', '')}{'' if len(tail) == 3 else '.'}{tail}"
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.rpartition(".")[2]) == 3
                                 and len(text) > 4):
        text = text.replace(".", "")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
