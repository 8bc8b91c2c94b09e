"""``--set dotted.key=VALUE`` overrides: reading one, and applying them to loaded data."""

from __future__ import annotations

import copy
from collections.abc import Mapping

import yaml

from sim.inputfile.problems import (
    OVERRIDE_SOURCE,
    InputFileError,
    Loc,
    Origin,
    Problem,
    RejectError,
    describe,
    dotted_path,
)
from sim.inputfile.strict_yaml import read_value


def parse_override(text: str) -> tuple[str, object]:
    """Split ``dotted.key=VALUE`` and read VALUE as a YAML scalar or flow collection.

    The value obeys the same safe rules as a file (no tags, no alias bombs); a block
    mapping such as ``a: b`` is refused because it is nearly always a forgotten quote.
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise InputFileError(
            [Problem(OVERRIDE_SOURCE, 0, "", f"expected KEY=VALUE, got {describe(text)}")]
        )
    parts = key.split(".")
    if any(not p.strip() or p != p.strip() for p in parts):
        raise InputFileError([Problem(OVERRIDE_SOURCE, 0, key, "malformed dotted key")])
    try:
        value, root, _ = read_value(raw, max_nodes=1_000)
    except RejectError as exc:
        message = exc.message.replace("a file holds", "a value holds")
        raise InputFileError([Problem(OVERRIDE_SOURCE, 0, key, message)]) from None
    if isinstance(root, yaml.MappingNode | yaml.SequenceNode) and not root.flow_style:
        raise InputFileError(
            [
                Problem(
                    OVERRIDE_SOURCE,
                    0,
                    key,
                    "value must be a single value or a flow list/mapping ([...] or {...});"
                    " quote text that contains ': ' or starts with '- '",
                )
            ]
        )
    return key, value


def apply_overrides(
    data: dict[str, object],
    overrides: Mapping[str, object],
    origins: dict[Loc, Origin] | None = None,
) -> list[Problem]:
    """Set each dotted key in ``data`` (in place), creating mappings or list items on the way.

    ``origins`` (location → (file, line)) is updated so that values set here point at
    ``--set``. Returns the overrides that could not be applied.
    """
    origins = origins if origins is not None else {}
    problems: list[Problem] = []
    for dotted, value in overrides.items():
        try:
            _apply_one(data, dotted, value, origins)
        except RejectError as exc:
            problems.append(Problem(OVERRIDE_SOURCE, 0, dotted, exc.message))
    return problems


def _apply_one(data: dict[str, object], dotted: str, value: object, origins: dict) -> None:
    parts = dotted.split(".")
    if any(not p for p in parts):
        raise RejectError(0, "malformed dotted key")
    node: object = data
    loc: Loc = ()
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        new_child: object = (
            copy.deepcopy(value) if last else ([] if _is_index(parts[i + 1]) else {})
        )
        step: str | int
        if isinstance(node, dict):
            step = part
            if last or step not in node:
                node[step] = new_child
                _mark_override(origins, (*loc, step))
        elif isinstance(node, list):
            if not _is_index(part):
                raise RejectError(0, f"{dotted_path(loc)} is a list; {part!r} is not an index")
            step = int(part)
            if step > len(node):
                raise RejectError(
                    0, f"index {step} out of range ({dotted_path(loc)} has {len(node)} items)"
                )
            if step == len(node):
                node.append(new_child)
                _mark_override(origins, (*loc, step))
            elif last:
                node[step] = new_child
                _mark_override(origins, (*loc, step))
        else:
            raise RejectError(
                0,
                f"cannot set {part!r} inside {dotted_path(loc) or 'the file'}:"
                f" it is {describe(node)}, not a mapping",
            )
        loc = (*loc, step)
        node = node[step]  # type: ignore[index]


def _is_index(part: str) -> bool:
    """Whether a dotted-key part is a list index (ASCII digits only)."""
    return part.isascii() and part.isdecimal()


def _mark_override(origins: dict[Loc, Origin], loc: Loc) -> None:
    """Point ``loc`` and everything below it at ``--set``."""
    n = len(loc)
    for known in [k for k in origins if k[:n] == loc]:
        del origins[known]
    origins[loc] = (OVERRIDE_SOURCE, 0)

