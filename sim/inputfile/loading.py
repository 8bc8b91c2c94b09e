"""Loading a YAML file or text into a pydantic model: read, override, validate."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from sim.inputfile.overrides import apply_overrides
from sim.inputfile.problems import (
    OVERRIDE_SOURCE,
    InputFileError,
    Loc,
    Origin,
    Problem,
    RejectError,
    describe,
)
from sim.inputfile.strict_yaml import MAX_NODES, decode_utf8, read_value
from sim.inputfile.validation import problems_from_validation

MAX_BYTES = 1_000_000
"""Default size limit of an input file [bytes]."""

M = TypeVar("M", bound=BaseModel)


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
            text = decode_utf8(bytes(text_or_bytes))
        else:
            text = text_or_bytes
        data, root, lines = read_value(text, max_nodes)
        if root is None:
            raise RejectError(1, "file is empty; expected a mapping of keys")
        if not isinstance(data, dict):
            raise RejectError(
                root.start_mark.line + 1,
                f"expected a mapping of keys at the top of the file, got {describe(data)}",
            )
    except RejectError as exc:
        raise InputFileError([Problem(source, exc.line, exc.key, exc.message)]) from None
    origins: dict[Loc, Origin] = {loc: (source, line) for loc, line in lines.items()}
    override_problems = apply_overrides(data, overrides or {}, origins)
    if override_problems:
        raise InputFileError(override_problems)
    overridden = [loc for loc, (file, _) in origins.items() if file == OVERRIDE_SOURCE]
    try:
        return model_cls.model_validate(data, strict=strict)
    except ValidationError as exc:
        problems = problems_from_validation(exc, source, model_cls, origins, overridden)
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
