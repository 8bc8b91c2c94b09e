"""``regie keys [PREFIX]``: every scenario key ``--set`` accepts, with unit, default and range.

Read from the schema of the family (sim/scenario/schema.py for gladheid; each family's
in sim.families), so the list cannot drift from what the loader checks. A unit is the
``[...]`` at the end of a key's description.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

_UNIT = re.compile(r"\[([^\[\]]+)\]")
_SUFFIX_UNIT = {"_eur": "EUR", "_pct": "%", "_h": "h", "_t": "t", "_cm": "cm", "_days": "days",
                "_c": "degC", "_m": "m", "_kmh": "km/h"}
"""Unit read from a key's name when its description gives none (``route_norm_h`` -> h)."""


@dataclass(frozen=True)
class KeyInfo:
    """One settable key: dotted name, unit ("" if none), default, allowed range or values."""

    key: str
    unit: str
    default: str
    allowed: str
    description: str


def scenario_keys(prefix: str = "", family: str = "gladheid") -> list[KeyInfo]:
    """Every leaf key of the family's scenario schema whose dotted name starts with
    ``prefix``; an unknown family is an InputFileError naming the known ones.

    List items are shown with ``N`` for the index (``contract.decision_rules.N.rule``).
    """
    from sim.families import family_named
    from sim.inputfile import InputFileError, Problem

    try:
        schema = family_named(family).part("scenario")
    except ValueError as err:
        raise InputFileError([Problem("--family", 0, "", str(err))]) from None
    keys = list(_walk(schema, ""))
    return [k for k in keys if k.key.startswith(prefix) or k.key == prefix.rstrip(".")]


def format_keys(keys: list[KeyInfo]) -> list[str]:
    """Aligned lines: key, unit, default, range; the description below, indented."""
    if not keys:
        return []
    width = max(len(k.key) for k in keys)
    lines = []
    for k in keys:
        unit = f"[{k.unit}]" if k.unit and k.unit != "-" else ""
        line = f"{k.key:<{width}}  {unit:<12} default {k.default}"
        if k.allowed:
            line += f"; {k.allowed}"
        lines.append(line.rstrip())
        if k.description:
            lines.append(" " * 4 + k.description)
    return lines


def _walk(model: type[BaseModel], prefix: str) -> typing.Iterator[KeyInfo]:
    for name, field in model.model_fields.items():
        key = f"{prefix}{name}"
        annotation = field.annotation
        sub = _model_in(annotation)
        if sub is not None:
            yield from _walk(sub, f"{key}.")
            continue
        item = _list_item_model(annotation)
        if item is not None:
            yield from _walk(item, f"{key}.N.")
            continue
        description = " ".join((field.description or "").split())
        match = _UNIT.search(description)
        unit = match.group(1) if match else _suffix_unit(name)
        yield KeyInfo(key=key, unit=unit, default=_default(field),
                      allowed=_allowed(annotation, field.metadata), description=description)


def _suffix_unit(name: str) -> str:
    for suffix, unit in _SUFFIX_UNIT.items():
        if name.endswith(suffix):
            return unit
    return ""


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The model class of a nested section (``weather: WeatherConfig``), else None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _list_item_model(annotation: object) -> type[BaseModel] | None:
    """The item model of a ``list[Model]`` field, else None."""
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation) or (None,)
        return _model_in(item)
    return None


def _default(field: typing.Any) -> str:
    if field.default_factory is not None:
        value = field.default_factory()
    elif field.default is PydanticUndefined:
        return "(required)"
    else:
        value = field.default
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value == []:
        return "[]"
    if isinstance(value, float):  # as --set reads it back: 0.00006, not 6e-05
        text = f"{value:.12f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    return str(value)


def _allowed(annotation: object, metadata: list) -> str:
    """``choices a|b|c`` for a Literal; ``>= 0, <= 1`` from the bounds; or ""."""
    choices = _literal_choices(annotation)
    if choices:
        return "one of " + "|".join(str(c) for c in choices)
    bounds = []
    for attr, sign in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
        for item in metadata:
            value = getattr(item, attr, None)
            if value is not None:
                bounds.append(f"{sign} {value:g}" if isinstance(value, float) else
                              f"{sign} {value}")
    return ", ".join(bounds)


def _literal_choices(annotation: object) -> tuple:
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _literal_choices(arg)
            if found:
                return found
    return ()
