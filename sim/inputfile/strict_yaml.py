"""The strict YAML reader: one document of plain values, lists and mappings, with the
line of every value; refuses duplicate and non-string keys, tags, deep nesting and alias
bombs (every alias expansion counts against a node budget)."""

from __future__ import annotations

from typing import Any

import yaml

from sim.inputfile.problems import Loc, RejectError, describe, dotted_path

MAX_NODES = 10_000
"""Most YAML nodes a file may expand to, counting every alias expansion (alias bombs)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences accepted (deep nesting exhausts the stack)."""

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("null", "bool", "int", "float", "str", "timestamp")}
_MAP_TAG = _TAG + "map"
_SEQ_TAG = _TAG + "seq"
_MERGE_TAG = _TAG + "merge"


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
            raise RejectError(line, f"nesting deeper than {MAX_DEPTH} levels")
        if self._composed > self._max_nodes:
            raise RejectError(line, f"too many nodes (more than {self._max_nodes})")
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
        raise RejectError(1, "nesting too deep") from None
    except yaml.YAMLError as exc:
        line, message = _yaml_error(exc, text)
        raise RejectError(line, message) from None
    finally:
        if loader is not None:
            loader.dispose()


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
                raise RejectError(
                    here, "recursive alias (a node that contains itself)", dotted_path(loc)
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
            raise RejectError(
                where,
                f"too many aliases/nodes (more than {self.max_nodes} after alias expansion)",
                dotted_path(at),
            )
        if len(loc) > MAX_DEPTH:
            raise RejectError(here, f"nesting deeper than {MAX_DEPTH} levels", dotted_path(loc))
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
            raise RejectError(
                node.start_mark.line + 1,
                f"YAML tag {_short_tag(node.tag)} is not allowed"
                " (only plain values, lists and mappings)",
                dotted_path(loc),
            )

    def _scalar(self, node: yaml.Node, loc: Loc) -> object:
        line = node.start_mark.line + 1
        if node.tag not in _SCALAR_TAGS:
            raise RejectError(
                line,
                f"YAML tag {_short_tag(node.tag)} is not allowed"
                " (only plain values, lists and mappings)",
                dotted_path(loc),
            )
        try:
            return self.loader.yaml_constructors[node.tag](self.loader, node)
        except Exception:  # e.g. '!!int abc', '!!timestamp x', a 5000-digit integer
            raise RejectError(
                line,
                f"cannot read {describe(node.value)} as {_short_tag(node.tag)}",
                dotted_path(loc),
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
            raise RejectError(
                line,
                f"key {key_node.value!r} is not a string (YAML reads it as {kind});"
                " put it in quotes",
                dotted_path(loc),
            )
        raise RejectError(line, "keys must be plain strings", dotted_path(loc))

    def _merge_sources(self, value_node: yaml.Node, loc: Loc) -> list[yaml.MappingNode]:
        real = _real(value_node)
        if isinstance(real, yaml.MappingNode):
            return [real]
        if isinstance(real, yaml.SequenceNode) and all(
            isinstance(_real(n), yaml.MappingNode) for n in real.value
        ):
            return [_real(n) for n in real.value]
        raise RejectError(
            value_node.start_mark.line + 1,
            "a merge key '<<' needs a mapping or a list of mappings",
            dotted_path(loc),
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
                        raise RejectError(
                            value_node.start_mark.line + 1,
                            "recursive alias (a mapping that merges itself)",
                            dotted_path(loc),
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
                raise RejectError(
                    key_line,
                    f"duplicate key {key!r} (first at line {first_line[key]})",
                    dotted_path((*loc, key)),
                )
            first_line[key] = key_line
            own.append((key, key_line, value_node))
        self.count += len(own)
        if self.count > self.max_nodes:
            raise RejectError(
                node.start_mark.line + 1,
                f"too many aliases/nodes (more than {self.max_nodes} after alias expansion)",
                dotted_path(loc),
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


def decode_utf8(data: bytes) -> str:
    """UTF-8 text of ``data`` (a leading byte-order mark is dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RejectError(
            line, f"not UTF-8 text (bad byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None


def read_value(text: str, max_nodes: int = MAX_NODES) -> tuple[object, yaml.Node | None, dict]:
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
            raise RejectError(1, "nesting too deep") from None
        return data, root, builder.lines
    finally:
        loader.dispose()

