"""Hostile-input-proof loading of user-facing YAML files into pydantic models.

Scenario, rubric and experiment files are written by trainers and students, so every
failure must come back as ``FILE:LINE: key: message`` lines, never as a traceback.
The YAML is composed into a node tree with PyYAML's safe loader and turned into plain
Python data here, so that we can (a) remember the line of every value for pydantic's
error locations, (b) reject duplicate keys, non-string keys, unknown tags and alias
bombs, and (c) apply ``--set dotted.key=VALUE`` overrides before validation.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import math
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "OVERRIDE_SOURCE",
    "InputFileError",
    "Problem",
    "apply_overrides",
    "load_yaml_model",
    "load_yaml_text",
    "parse_override",
]

MAX_BYTES = 1_000_000
"""Default size limit of an input file [bytes]."""
MAX_NODES = 10_000
"""Most YAML nodes a file may expand to, counting every alias expansion (alias bombs)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences accepted (deep nesting exhausts the stack)."""
OVERRIDE_SOURCE = "--set"
"""File name used in problems caused by a command-line override."""

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("null", "bool", "int", "float", "str", "timestamp")}
_MAP_TAG = _TAG + "map"
_SEQ_TAG = _TAG + "seq"
_MERGE_TAG = _TAG + "merge"

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]
Origin = tuple[str, int]  # (file, 1-based line; 0 = no line)


class Problem(NamedTuple):
    """One thing wrong with an input file, pointing at the line to fix."""

    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: "
        return where + (f"{self.key}: " if self.key else "") + self.message


class InputFileError(Exception):
    """An input file (or override) cannot be used; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class _RejectError(Exception):
    """Internal: stop reading at the first structural problem of a document."""

    def __init__(self, line: int, message: str, key: str = "") -> None:
        super().__init__(message)
        self.line, self.message, self.key = line, message, key


# --------------------------------------------------------------------------- YAML reading


class _AliasNode(yaml.Node):
    """Where an alias ``*name`` is used; ``target`` is the anchored node it stands for."""

    def __init__(self, target: yaml.Node, start_mark: Any, end_mark: Any) -> None:
        super().__init__(target.tag, target.value, start_mark, end_mark)
        self.target = target


def _real(node: yaml.Node) -> yaml.Node:
    """The anchored node behind an alias (or the node itself)."""
    return node.target if isinstance(node, _AliasNode) else node


class _Loader(yaml.SafeLoader):
    """SafeLoader whose composer refuses deep or huge trees and marks alias uses."""

    def __init__(self, stream: str, max_nodes: int) -> None:
        super().__init__(stream)
        self._depth = 0
        self._composed = 0
        self._max_nodes = max_nodes

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        line = event.start_mark.line + 1
        self._depth += 1
        self._composed += 1
        if self._depth > MAX_DEPTH:
            raise _RejectError(line, f"nesting deeper than {MAX_DEPTH} levels")
        if self._composed > self._max_nodes:
            raise _RejectError(line, f"too many nodes (more than {self._max_nodes})")
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if isinstance(event, yaml.AliasEvent):
            return _AliasNode(node, event.start_mark, event.end_mark)
        return node


def _yaml_error(exc: yaml.YAMLError, text: str) -> tuple[int, str]:
    """Line and message of a PyYAML error, without PyYAML's multi-line layout."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        char = exc.character
        code = f"#x{char:04x}" if isinstance(char, int) else repr(char)
        return line, f"invalid character {code}: control characters are not allowed"
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or "invalid YAML"
        if "expected a single document" in f"{exc.context} {exc.problem}":
            return line, "more than one YAML document ('---'); a file holds exactly one"
        if problem.startswith("found undefined alias"):
            return line, f"{problem} (an alias *name needs an anchor &name before it)"
        message = f"invalid YAML: {problem}"
        if exc.context and exc.context_mark is not None:
            message += f" ({exc.context} at line {exc.context_mark.line + 1})"
        elif exc.context:
            message += f" ({exc.context})"
        return line, message
    return 1, f"invalid YAML: {exc}"


def _compose(text: str, max_nodes: int) -> yaml.Node | None:
    """Compose exactly one YAML document into a node tree (None for an empty stream)."""
    loader = None
    try:
        loader = _Loader(text, max_nodes)  # the reader checks characters right here
        return loader.get_single_node()
    except RecursionError:  # belt and braces; MAX_DEPTH should stop this first
        raise _RejectError(1, "nesting too deep") from None
    except yaml.YAMLError as exc:
        line, message = _yaml_error(exc, text)
        raise _RejectError(line, message) from None
    finally:
        if loader is not None:
            loader.dispose()


def _describe(value: object) -> str:
    """Short YAML-ish rendering of a value for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, int):
        text = str(value) if value.bit_length() < 200 else "a huge integer"
        return text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _dotted(loc: Loc) -> str:
    """``a.b.0.c`` for a location; unprintable characters are escaped (terminal safety)."""
    text = ".".join(str(part) for part in loc)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, recording lines.

    Aliases are expanded by building the anchored node again, so every expansion
    counts against the node budget (alias bombs) and a node met again on its own
    path is a recursive alias.
    """

    def __init__(self, loader: yaml.SafeLoader, max_nodes: int) -> None:
        self.loader = loader
        self.max_nodes = max_nodes
        self.count = 0
        self.lines: dict[Loc, int] = {}
        self._active: set[int] = set()
        self._outer_alias: tuple[int, Loc] | None = None

    def build(self, node: yaml.Node, loc: Loc, line: int | None = None) -> object:
        """Build ``node`` found at ``loc``; ``line`` is where its key stands, if any."""
        here = node.start_mark.line + 1
        self.lines[loc] = line if line is not None else here
        if isinstance(node, _AliasNode):
            if id(node.target) in self._active:
                raise _RejectError(
                    here, "recursive alias (a node that contains itself)", _dotted(loc)
                )
            if self._outer_alias is not None:
                return self.build(node.target, loc, self.lines[loc])
            self._outer_alias = (here, loc)
            try:
                return self.build(node.target, loc, self.lines[loc])
            finally:
                self._outer_alias = None
        self.count += 1
        if self.count > self.max_nodes:
            where, at = self._outer_alias or (here, loc)
            raise _RejectError(
                where,
                f"too many aliases/nodes (more than {self.max_nodes} after alias expansion)",
                _dotted(at),
            )
        if len(loc) > MAX_DEPTH:
            raise _RejectError(here, f"nesting deeper than {MAX_DEPTH} levels", _dotted(loc))
        self._active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, loc)
            if isinstance(node, yaml.SequenceNode):
                self._check_tag(node, _SEQ_TAG, loc)
                return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
            return self._scalar(node, loc)
        finally:
            self._active.discard(id(node))

    def _check_tag(self, node: yaml.Node, expected: str, loc: Loc) -> None:
        if node.tag != expected:
            raise _RejectError(
                node.start_mark.line + 1,
                f"YAML tag {_short_tag(node.tag)} is not allowed"
                " (only plain values, lists and mappings)",
                _dotted(loc),
            )

    def _scalar(self, node: yaml.Node, loc: Loc) -> object:
        line = node.start_mark.line + 1
        if node.tag not in _SCALAR_TAGS:
            raise _RejectError(
                line,
                f"YAML tag {_short_tag(node.tag)} is not allowed"
                " (only plain values, lists and mappings)",
                _dotted(loc),
            )
        try:
            return self.loader.yaml_constructors[node.tag](self.loader, node)
        except Exception:  # e.g. '!!int abc', '!!timestamp x', a 5000-digit integer
            raise _RejectError(
                line,
                f"cannot read {_describe(node.value)} as {_short_tag(node.tag)}",
                _dotted(loc),
            ) from None

    def _key(self, key_node: yaml.Node, loc: Loc) -> str:
        line = key_node.start_mark.line + 1
        key_node = _real(key_node)
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _TAG + "str":
            return str(key_node.value)
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag in _SCALAR_TAGS:
            try:
                value = self.loader.yaml_constructors[key_node.tag](self.loader, key_node)
            except Exception:
                value = key_node.value
            kind = type(value).__name__ if value is not None else "null"
            raise _RejectError(
                line,
                f"key {key_node.value!r} is not a string (YAML reads it as {kind});"
                " put it in quotes",
                _dotted(loc),
            )
        raise _RejectError(line, "keys must be plain strings", _dotted(loc))

    def _merge_sources(self, value_node: yaml.Node, loc: Loc) -> list[yaml.MappingNode]:
        real = _real(value_node)
        if isinstance(real, yaml.MappingNode):
            return [real]
        if isinstance(real, yaml.SequenceNode) and all(
            isinstance(_real(n), yaml.MappingNode) for n in real.value
        ):
            return [_real(n) for n in real.value]
        raise _RejectError(
            value_node.start_mark.line + 1,
            "a merge key '<<' needs a mapping or a list of mappings",
            _dotted(loc),
        )

    def _pairs(self, node: yaml.MappingNode, loc: Loc) -> list[tuple[str, int, yaml.Node]]:
        """(key, key line, value node) of a mapping, own keys first, then merged ones.

        The first occurrence of a key wins, which gives YAML's merge rules: own keys
        override merged ones, and earlier merge sources override later ones.
        """
        self._check_tag(node, _MAP_TAG, loc)
        own: list[tuple[str, int, yaml.Node]] = []
        merged: list[tuple[str, int, yaml.Node]] = []
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                for source in self._merge_sources(value_node, loc):
                    if id(source) in self._active:
                        raise _RejectError(
                            value_node.start_mark.line + 1,
                            "recursive alias (a mapping that merges itself)",
                            _dotted(loc),
                        )
                    self._active.add(id(source))
                    try:
                        merged.extend(self._pairs(source, loc))
                    finally:
                        self._active.discard(id(source))
                continue
            key = self._key(key_node, loc)
            key_line = key_node.start_mark.line + 1
            if key in first_line:
                raise _RejectError(
                    key_line,
                    f"duplicate key {key!r} (first at line {first_line[key]})",
                    _dotted((*loc, key)),
                )
            first_line[key] = key_line
            own.append((key, key_line, value_node))
        self.count += len(own)
        if self.count > self.max_nodes:
            raise _RejectError(
                node.start_mark.line + 1,
                f"too many aliases/nodes (more than {self.max_nodes} after alias expansion)",
                _dotted(loc),
            )
        return own + merged

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, key_line, value_node in self._pairs(node, loc):
            if key not in result:
                result[key] = self.build(value_node, (*loc, key), key_line)
        return result


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _decode(data: bytes) -> str:
    """UTF-8 text of ``data`` (a leading byte-order mark is dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _RejectError(
            line, f"not UTF-8 text (bad byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None


def _read_value(text: str, max_nodes: int = MAX_NODES) -> tuple[object, yaml.Node | None, dict]:
    """Compose and build one YAML document; returns data, root node and line map."""
    root = _compose(text, max_nodes)
    if root is None:
        return None, None, {}
    loader = yaml.SafeLoader("")
    try:
        builder = _Builder(loader, max_nodes)
        try:
            data = builder.build(root, ())
        except RecursionError:
            raise _RejectError(1, "nesting too deep") from None
        return data, root, builder.lines
    finally:
        loader.dispose()


# --------------------------------------------------------------------------- overrides


def parse_override(text: str) -> tuple[str, object]:
    """Split ``dotted.key=VALUE`` and read VALUE as a YAML scalar or flow collection.

    The value obeys the same safe rules as a file (no tags, no alias bombs); a block
    mapping such as ``a: b`` is refused because it is nearly always a forgotten quote.
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise InputFileError(
            [Problem(OVERRIDE_SOURCE, 0, "", f"expected KEY=VALUE, got {_describe(text)}")]
        )
    parts = key.split(".")
    if any(not p.strip() or p != p.strip() for p in parts):
        raise InputFileError([Problem(OVERRIDE_SOURCE, 0, key, "malformed dotted key")])
    try:
        value, root, _ = _read_value(raw, max_nodes=1_000)
    except _RejectError as exc:
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
        except _RejectError as exc:
            problems.append(Problem(OVERRIDE_SOURCE, 0, dotted, exc.message))
    return problems


def _apply_one(data: dict[str, object], dotted: str, value: object, origins: dict) -> None:
    parts = dotted.split(".")
    if any(not p for p in parts):
        raise _RejectError(0, "malformed dotted key")
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
                raise _RejectError(0, f"{_dotted(loc)} is a list; {part!r} is not an index")
            step = int(part)
            if step > len(node):
                raise _RejectError(
                    0, f"index {step} out of range ({_dotted(loc)} has {len(node)} items)"
                )
            if step == len(node):
                node.append(new_child)
                _mark_override(origins, (*loc, step))
            elif last:
                node[step] = new_child
                _mark_override(origins, (*loc, step))
        else:
            raise _RejectError(
                0,
                f"cannot set {part!r} inside {_dotted(loc) or 'the file'}:"
                f" it is {_describe(node)}, not a mapping",
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


# --------------------------------------------------------------------------- validation


def _model_at(model_cls: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The pydantic model class that validates the mapping at ``loc``, if any."""
    current: object = model_cls
    for part in loc:
        current = _unwrap(current)
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
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: object) -> object:
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
        return f"{msg}, not {_describe(error.get('input'))} (NaN and infinity are not allowed)"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"Input should be a mapping of keys (got {_describe(error.get('input'))})"
    if "input" in error:
        msg += f" (got {_describe(error['input'])})"
    if kind == "date_type" and isinstance(error.get("input"), str):
        msg += "; write the date unquoted as YYYY-MM-DD"
    return msg


def _locate(loc: Loc, origins: Mapping[Loc, Origin]) -> Loc:
    """Longest prefix of ``loc`` with a known origin (a missing key → its parent)."""
    for n in range(len(loc), -1, -1):
        if loc[:n] in origins:
            return loc[:n]
    return ()


def _problems_from_validation(
    exc: ValidationError,
    source: str,
    model_cls: type[BaseModel],
    origins: Mapping[Loc, Origin],
    overridden: list[Loc],
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(error["loc"])
        found = _locate(loc, origins)
        file, line = origins.get(found, (source, 1))
        # Pydantic adds union-branch names to some locations; keep only real keys, but
        # keep the missing or unknown key's own name.
        key_loc = loc if error["type"] in ("missing", "extra_forbidden") else found
        message = _message(error, model_cls)
        if file != OVERRIDE_SOURCE:
            below = [o for o in overridden if o[: len(found)] == found]
            if below:
                message += " (with --set " + ", ".join(_dotted(o) for o in below) + ")"
        problems.append(Problem(file, line, _dotted(key_loc), message))
    return problems


# --------------------------------------------------------------------------- public API


def load_yaml_text(
    text_or_bytes: str | bytes | bytearray,
    source: str,
    model_cls: type[M],
    *,
    overrides: Mapping[str, object] | None = None,
    strict: bool = False,
    max_nodes: int = MAX_NODES,
) -> M:
    """Validate one YAML document (text or raw bytes named ``source``) as ``model_cls``.

    ``overrides`` maps dotted keys to values (see :func:`parse_override`) and is applied
    before validation. ``strict`` makes pydantic refuse conversions such as ``true`` or
    ``"7"`` for a number. Raises :class:`InputFileError` listing every problem.
    """
    try:
        if isinstance(text_or_bytes, bytes | bytearray | memoryview):
            text = _decode(bytes(text_or_bytes))
        else:
            text = text_or_bytes
        data, root, lines = _read_value(text, max_nodes)
        if root is None:
            raise _RejectError(1, "file is empty; expected a mapping of keys")
        if not isinstance(data, dict):
            raise _RejectError(
                root.start_mark.line + 1,
                f"expected a mapping of keys at the top of the file, got {_describe(data)}",
            )
    except _RejectError as exc:
        raise InputFileError([Problem(source, exc.line, exc.key, exc.message)]) from None
    origins: dict[Loc, Origin] = {loc: (source, line) for loc, line in lines.items()}
    override_problems = apply_overrides(data, overrides or {}, origins)
    if override_problems:
        raise InputFileError(override_problems)
    overridden = [loc for loc, (file, _) in origins.items() if file == OVERRIDE_SOURCE]
    try:
        return model_cls.model_validate(data, strict=strict)
    except ValidationError as exc:
        problems = _problems_from_validation(exc, source, model_cls, origins, overridden)
        raise InputFileError(problems) from None


def load_yaml_model(
    path: str | Path,
    model_cls: type[M],
    *,
    max_bytes: int = MAX_BYTES,
    overrides: Mapping[str, object] | None = None,
    strict: bool = False,
) -> M:
    """Read the YAML file at ``path`` and validate it as ``model_cls``.

    Refuses missing files, directories, special files and files over ``max_bytes``
    before reading them fully. Raises :class:`InputFileError`.
    """
    source = str(path)
    data = _read_bytes(Path(path), source, max_bytes)
    return load_yaml_text(data, source, model_cls, overrides=overrides, strict=strict)


def _read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    def fail(message: str) -> InputFileError:
        return InputFileError([Problem(source, 0, "", message)])

    try:
        if path.is_dir():
            raise fail("is a directory, not a file")
        if not path.exists():
            raise fail("file not found")
        if not path.is_file():
            raise fail("not a regular file")
        if path.stat().st_size > max_bytes:
            raise fail(f"file is larger than {max_bytes:,} bytes")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except InputFileError:
        raise
    except OSError as exc:
        raise fail(f"cannot read file: {exc.strerror or exc}") from None
    except ValueError:  # e.g. an embedded NUL byte in the name
        raise fail("not a usable file name") from None
    if len(data) > max_bytes:
        raise fail(f"file is larger than {max_bytes:,} bytes")
    return data
