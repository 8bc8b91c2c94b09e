"""Pydantic validation errors as problems at the file line (or ``--set``) they come from."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from sim.inputfile.problems import OVERRIDE_SOURCE, Loc, Origin, Problem, describe, dotted_path


def _model_at(model_cls: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The pydantic model class that validates the mapping at ``loc``, if any."""
    current: object = model_cls
    for part in loc:
        current = unwrap_annotation(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            if typing.get_origin(current) in (list, tuple) and args:
                current = args[0]
                continue
            return None
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = field.annotation
    current = unwrap_annotation(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def unwrap_annotation(annotation: object) -> object:
    """Strip ``Optional``/``X | None`` and ``Annotated`` down to the one real type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            real = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(real) == 1:
                annotation = real[0]
                continue
        return annotation


def _message(error: Mapping[str, Any], model_cls: type[BaseModel]) -> str:
    """A clear one-line message for one pydantic error."""
    kind = error["type"]
    loc: Loc = tuple(error["loc"])
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        owner = _model_at(model_cls, loc[:-1])
        name = str(loc[-1])
        message = f"unknown key {name!r}"
        if owner is not None:
            allowed = list(owner.model_fields)
            close = difflib.get_close_matches(name, allowed, n=1)
            if close:
                message += f" (did you mean {close[0]!r}?)"
            else:
                message += f"; allowed here: {', '.join(allowed)}"
        return message
    msg = str(error["msg"])
    if kind == "value_error" and msg.startswith("Value error, "):
        return msg[len("Value error, ") :]
    if kind == "finite_number":
        return f"{msg}, not {describe(error.get('input'))} (NaN and infinity are not allowed)"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"Input should be a mapping of keys (got {describe(error.get('input'))})"
    if "input" in error:
        msg += f" (got {describe(error['input'])})"
    if kind == "date_type" and isinstance(error.get("input"), str):
        msg += "; write the date unquoted as YYYY-MM-DD"
    return msg


def _locate(loc: Loc, origins: Mapping[Loc, Origin]) -> Loc:
    """Longest prefix of ``loc`` with a known origin (a missing key → its parent)."""
    for n in range(len(loc), -1, -1):
        if loc[:n] in origins:
            return loc[:n]
    return ()


def problems_from_validation(
    exc: ValidationError,
    source: str,
    model_cls: type[BaseModel],
    origins: Mapping[Loc, Origin],
    overridden: list[Loc],
) -> list[Problem]:
    """One problem per pydantic error, at the line (or ``--set``) the value came from."""
    problems = []
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(error["loc"])
        found = _locate(loc, origins)
        file, line = origins.get(found, (source, 1))
        # Pydantic adds union-branch names to some locations; keep only real keys, but
        # keep the missing or unknown key's own name.
        key_loc = loc if error["type"] in ("missing", "extra_forbidden") else found
        if file == OVERRIDE_SOURCE and _plain_loc(loc):  # --set weather={days: -5}: weather.days
            key_loc = loc
        message = _message(error, model_cls)
        if file != OVERRIDE_SOURCE:
            below = [o for o in overridden if o[: len(found)] == found]
            if below:
                message += " (with --set " + ", ".join(dotted_path(o) for o in below) + ")"
        problems.append(Problem(file, line, dotted_path(key_loc), message))
    return problems


def _plain_loc(loc: Loc) -> bool:
    """Whether a pydantic location holds only keys and indices (no union-branch names)."""
    return all(isinstance(p, int) or p.isidentifier() for p in loc)
