"""Reading a session log: the validating reader every command and the debrief use."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sim.inputfile import Problem
from sim.session.format import (
    EVENT_MODELS,
    FORMAT,
    MAX_LINE_BYTES,
    READABLE_VERSIONS,
    Event,
    Header,
    SessionLogError,
    error,
)
from sim.session.seam import seam_of


@dataclass
class SessionFile:
    """A session log as read from disk: validated header and events.

    ``events`` are the parsed event dicts (line ``seq + 2`` of the file); ``valid_bytes``
    is the length of the complete part; ``dropped`` describes an incomplete last line
    that was left out (the writer was interrupted mid-line), or is None.
    """

    path: Path
    header: Header
    header_raw: dict
    scenario: Any
    events: list[dict]
    valid_bytes: int
    dropped: str | None = None

    @property
    def end(self) -> dict | None:
        """The `end` event, if the session was closed."""
        return self.events[-1] if self.events and self.events[-1]["kind"] == "end" else None

    @property
    def complete(self) -> bool:
        """Whether the log ends with an `end` event."""
        return self.end is not None

    @property
    def checkpoints(self) -> int:
        """Number of checkpoint events."""
        return sum(1 for e in self.events if e["kind"] == "checkpoint")

    def base_dir(self, override: Path | str | None = None) -> Path | None:
        """Directory relative paths in the scenario (a town file) start from."""
        if override is not None:
            return Path(override)
        return Path(self.header.base_dir) if self.header.base_dir else None


def read_log(path: Path | str) -> SessionFile:
    """Read and validate a session log; never modifies it.

    Checks the header (format, ``format_version``, the embedded scenario against its
    ``scenario_hash``, the controllers), every event (``seq`` 0, 1, 2, ... without gaps,
    ticks that never go back within a season, the payload of each known kind), and that
    nothing follows an `end` event. An incomplete last line (no newline: the writer was
    interrupted) is dropped and reported in ``dropped``. Raises :class:`SessionLogError`
    with ``FILE:LINE: key: message`` for anything else.
    """
    path = Path(path)
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        raise error(path, 0, "no such file") from None
    except IsADirectoryError:
        raise error(path, 0, "is a directory, not a session log") from None
    except OSError as err:
        raise error(path, 0, f"cannot read: {err.strerror or err}") from None
    with fh:
        return _read(path, fh)


def _read(path: Path, fh) -> SessionFile:
    header: Header | None = None
    header_raw: dict = {}
    scenario = None
    events: list[dict] = []
    valid = 0
    dropped = None
    lineno = 0
    season, last_tick = 0, 0
    while True:
        raw = fh.readline(MAX_LINE_BYTES + 1)
        if not raw:
            break
        lineno += 1
        if len(raw) > MAX_LINE_BYTES:
            raise error(path, lineno, f"line longer than {MAX_LINE_BYTES} bytes: damaged, "
                                       "or not a session log")
        if not raw.endswith(b"\n"):
            if lineno == 1:
                raise error(path, 1, "not a session log: no complete header line (the file "
                                      "was cut while it was being written, or is not JSONL)")
            dropped = (f"line {lineno}: incomplete last line ({len(raw)} bytes, no newline) "
                       "dropped: the writer was interrupted")
            break
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise error(path, lineno, "not UTF-8 text (binary data?)"
                         + (": not a session log" if lineno == 1 else "")) from None
        text = text.rstrip("\r\n")
        if not text.strip():
            raise error(path, lineno, "empty line")
        try:
            obj = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as err:
            what = "not a session log: " if lineno == 1 else ""
            msg = getattr(err, "msg", "nesting too deep")
            raise error(path, lineno, f"{what}not valid JSON ({msg})") from None
        if not isinstance(obj, dict):
            raise error(path, lineno, "expected a JSON object"
                         + (": not a session log" if lineno == 1 else ""))
        if lineno == 1:
            header, scenario = _check_header(path, obj)
            header_raw = obj
        else:
            seq = lineno - 2
            if events and events[-1]["kind"] == "end":
                raise error(path, lineno, "event after the `end` event")
            _check_event(path, lineno, seq, obj, header)
            if obj["kind"] == "next_season":
                if obj["season"] != season + 1:
                    raise error(path, lineno, f"next_season {obj['season']} after season "
                                               f"{season}", "season")
                season, last_tick = obj["season"], 0
            elif obj["tick"] < last_tick:
                raise error(path, lineno, f"tick {obj['tick']} comes after tick {last_tick}: "
                                           "lines reordered or edited", "tick")
            else:
                last_tick = obj["tick"]
            if obj["kind"] == "end" and obj["season"] != season:
                raise error(path, lineno, f"end of season {obj['season']} during season "
                                           f"{season}", "season")
            events.append(obj)
        valid += len(raw)
    if header is None:
        raise error(path, 0, "empty file: not a session log")
    return SessionFile(path=path, header=header, header_raw=header_raw, scenario=scenario,
                       events=events, valid_bytes=valid, dropped=dropped)


def _check_header(path: Path, obj: dict) -> tuple[Header, Any]:
    from sim import __version__
    from sim.families import scenario_class_of_data
    from sim.scenario.loader import scenario_hash

    if obj.get("kind") != "header" or obj.get("format") != FORMAT:
        raise error(path, 1, f"not a session log (line 1 is not a {FORMAT!r} header)")
    version = obj.get("format_version")
    if version not in READABLE_VERSIONS:
        readable = ", ".join(str(v) for v in READABLE_VERSIONS)
        raise error(path, 1, f"format version {version!r} is not supported: regiekamer "
                             f"{__version__} reads session logs of format version "
                             f"{readable}", "format_version")
    try:
        header = Header.model_validate(obj)
    except ValidationError as err:
        raise SessionLogError(_problems(path, 1, err, prefix="")) from None
    try:
        scenario = scenario_class_of_data(header.scenario).model_validate(header.scenario)
    except ValueError as err:  # pydantic's ValidationError, or an unknown family
        if not isinstance(err, ValidationError):
            raise error(path, 1, str(err).removeprefix("family: "), "scenario.family") from None
        raise SessionLogError(_problems(path, 1, err, prefix="scenario.")) from None
    if scenario_hash(scenario) != header.scenario_hash:
        raise error(path, 1, "does not match the embedded scenario: the scenario or its hash "
                              "was edited, or the log is damaged", "scenario_hash")
    _check_seats(path, header, scenario)
    return header, scenario


def _check_seats(path: Path, header: Header, scenario: Any) -> None:
    """Every seat of the scenario's family in the header, each bot one that may sit there."""
    seam = seam_of(scenario)
    roles = seam.roles(scenario)
    missing = [r for r in roles if r not in header.controllers]
    if missing:
        raise error(path, 1, f"missing role(s) {', '.join(missing)}", "controllers")
    for role, spec in header.controllers.items():
        if role not in roles:
            raise error(path, 1, f"no seat {role!r} in this scenario", f"controllers.{role}")
        if spec.bot is not None and spec.bot not in seam.bot_names(scenario, role):
            raise error(path, 1, f"no {role} bot named {spec.bot!r}", f"controllers.{role}")


def _check_event(path: Path, lineno: int, seq: int, obj: dict, header: Header) -> None:
    got = obj.get("seq")
    if got != seq:
        raise error(path, lineno, f"seq {got!r} where {seq} was expected: lines removed, "
                                   "duplicated or reordered", "seq")
    kind = obj.get("kind")
    model = EVENT_MODELS.get(kind, Event) if isinstance(kind, str) else Event
    try:
        model.model_validate(obj)
    except ValidationError as err:
        raise SessionLogError(_problems(path, lineno, err, prefix="")) from None
    if kind in ("action", "controller") and obj["role"] not in header.controllers:
        raise error(path, lineno, f"no seat {obj['role']!r} in this session", "role")
    if kind == "next_season" and obj["season"] >= header.seasons:
        raise error(path, lineno, f"season {obj['season']} but the session has "
                                   f"{header.seasons}", "season")


def _problems(path: Path, line: int, err: ValidationError, prefix: str) -> list[Problem]:
    out = []
    for e in err.errors()[:10]:
        key = prefix + ".".join(str(x) for x in e["loc"])
        out.append(Problem(str(path), line, key, e["msg"]))
    return out


def iter_events(path: Path | str) -> Iterator[dict]:
    """The events of a valid log, in order (for the debrief)."""
    yield from read_log(path).events
