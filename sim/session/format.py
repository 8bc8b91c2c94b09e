"""The session-log format: versions, the header, the event kinds and how a line is written.

Specified in ``docs/session-log.md``. Version 2 added the `trust` event (an output: the
model makes it again on replay); version 3 a cheaper state hash (its checkpoints hold
hash version 2). Logs of versions 1 and 2 still resume, replay and debrief, each with the
hash its checkpoints hold.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from sim.inputfile import InputFileError, Problem

FORMAT = "regiekamer-session"
FORMAT_VERSION = 3
READABLE_VERSIONS: tuple[int, ...] = (1, 2, 3)
"""Format versions this package reads, resumes and replays (it writes FORMAT_VERSION, or
an older one on request: ``SessionLog.create(format_version=...)``)."""
STATE_HASH_VERSION: dict[int, int] = {1: 1, 2: 1, 3: 2}
"""The version of the state hash (``sim.session.statehash``) each format's checkpoints hold."""
MAX_LINE_BYTES = 16 * 1024 * 1024
"""Longest line a session log may have (the header embeds the scenario) [bytes]."""
TRAINER_ACTS: tuple[str, ...] = ("pause", "resume", "speed", "bookmark", "end_round", "note",
                                 "design_close", "design_extend")
MAX_NOTE_CHARS = 2000  # free text of actions (sim.actions) and trainer events

HEX64 = r"^[0-9a-f]{64}$"
Seat = Annotated[str, Field(pattern=r"^[a-z_]{2,30}$")]
"""A seat's name: a role (gladheid) or a party's key (procesregie); the reader checks it
against the seats of the header's scenario (sim.session.seam)."""


# --------------------------------------------------------------------------- errors -----
class SessionLogError(InputFileError):
    """A session log cannot be used (or written); holds ``FILE:LINE: key: message`` problems.

    A subclass of :class:`~sim.inputfile.InputFileError`, so the ``regie`` command prints
    the problems and exits with code 2, as for any bad input file.
    """


def error(path: Path | str, line: int, message: str, key: str = "") -> SessionLogError:
    """A :class:`SessionLogError` with one ``FILE:LINE: key: message`` problem."""
    return SessionLogError([Problem(str(path), line, key, message)])


class ReplayDivergence(Exception):  # noqa: N818 (a finding, not an error of the program)
    """A re-run did not reproduce the log: the first event that differs."""

    def __init__(self, path: Path | str, seq: int, tick: int, message: str) -> None:
        self.path, self.seq, self.tick, self.message = str(path), seq, tick, message
        super().__init__(str(self))

    @property
    def line(self) -> int:
        """Line of the file holding the event (the header is line 1)."""
        return self.seq + 2

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: seq {self.seq}, tick {self.tick}: {self.message}"


# --------------------------------------------------------------------------- format -----
class ControllerSpec(BaseModel):
    """Who controls a role: a person (optional name) or a bot archetype."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["human", "bot"]
    bot: str | None = Field(None, max_length=100)
    name: str | None = Field(None, max_length=200)

    @model_validator(mode="after")
    def _bot_iff_bot(self) -> ControllerSpec:
        if (self.type == "bot") != (self.bot is not None):
            raise ValueError("a bot seat needs `bot` (the archetype); a human seat has none")
        return self


class Header(BaseModel):
    """Line 1 of a session log."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Literal["header"]
    format: Literal["regiekamer-session"]
    format_version: Literal[1, 2, 3]
    package_version: str = Field(max_length=100)
    scenario_name: str = Field("", max_length=500)
    scenario: dict[str, Any]
    scenario_hash: str = Field(pattern=HEX64)
    seed: int = Field(ge=0)
    seasons: int = Field(1, ge=1, le=1000)
    language: Literal["nl", "en"] = "nl"
    controllers: dict[Seat, ControllerSpec]
    created: str | None = Field(None, max_length=100)
    base_dir: str | None = Field(None, max_length=4096)
    town_file_sha256: str | None = Field(None, pattern=HEX64)


class Event(BaseModel):
    """Fields every event has; model outcomes may carry more (extra keys allowed)."""

    model_config = ConfigDict(extra="allow")
    seq: int = Field(ge=0)
    tick: int = Field(ge=0)
    kind: str = Field(pattern=r"^[a-z_]{1,40}$")


class _ActionEvent(Event):
    role: Seat
    action: dict[str, Any]
    by: Literal["human", "bot", "rule"]


class _RejectedEvent(Event):
    role: str = Field(max_length=200)
    action: Any
    reason: str
    by: Literal["human", "bot", "rule"] | None = None


class _InjectEvent(Event):
    name: str = Field(max_length=100)
    severity: float = Field(ge=0.0, le=1.0)
    source: str = Field(max_length=100)


class _ControllerEvent(Event):
    role: Seat
    bot: str | None = Field(max_length=100)
    name: str | None = Field(None, max_length=200)


class _DecisionPointEvent(Event):
    id: int = Field(ge=0)
    dp_kind: str
    role: str
    ref: int
    deadline: int


class _TrainerEvent(Event):
    model_config = ConfigDict(extra="forbid")
    act: Literal["pause", "resume", "speed", "bookmark", "end_round", "note", "design_close",
                 "design_extend"]
    tag: str = Field("", max_length=200)
    note: str = Field("", max_length=MAX_NOTE_CHARS)
    private: bool = False
    value: float | None = None


class _CheckpointEvent(Event):
    model_config = ConfigDict(extra="forbid")
    day: int = Field(ge=0)
    hash: str = Field(pattern=HEX64)


class _TrustEvent(Event):
    model_config = ConfigDict(extra="forbid")
    who: Literal["gemeente", "executor"]  # whose trust in the other moved
    reason: str = Field(max_length=100)  # as in the relationship's history ("reversion")
    before: float
    after: float


class _NextSeasonEvent(Event):
    model_config = ConfigDict(extra="forbid")
    season: int = Field(ge=1)
    kpis: dict[str, float | None]


class _EndEvent(Event):
    model_config = ConfigDict(extra="forbid")
    season: int = Field(ge=0)
    finished: bool
    kpis: dict[str, float | None]
    hash: str = Field(pattern=HEX64)


EVENT_MODELS: dict[str, type[Event]] = {
    "action": _ActionEvent,
    "rejected": _RejectedEvent,
    "inject": _InjectEvent,
    "controller": _ControllerEvent,
    "decision_point": _DecisionPointEvent,
    "trainer": _TrainerEvent,
    "trust": _TrustEvent,
    "checkpoint": _CheckpointEvent,
    "next_season": _NextSeasonEvent,
    "end": _EndEvent,
}


MODEL_OUTCOME_KINDS: tuple[str, ...] = (
    "meeting_outcome", "dispute", "bypass", "rule_applied", "rule_not_applied", "tender", "media",
    "targeted_job", "committee_decision", "contract_agreed", "rule_changed")
"""Kinds of the model's own outcome events (payload as the model writes it)."""
EVENT_KINDS: tuple[str, ...] = (*EVENT_MODELS, *MODEL_OUTCOME_KINDS)
"""Every event kind a session log may hold."""


def is_input(event: dict) -> bool:
    """Whether an event is an input a replay must re-apply (not something the model made).

    Inputs: human actions and rejections, trainer injects, controller switches and
    trainer events. Bot and rule actions, decision points and outcomes are not: the same
    scenario, seed and inputs produce them again.
    """
    kind = event.get("kind")
    if kind in ("action", "rejected"):
        return event.get("by", "human") == "human"
    if kind == "inject":
        return event.get("source") != "scenario"
    return kind in ("controller", "trainer")


def _json_default(obj: object) -> object:
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=repr)
    return repr(obj)


_LINE_ENCODER = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"),
                                default=_json_default)


def dumps(event: dict) -> str:
    """One line of the log (ASCII JSON; NaN/Infinity as Python's json writes them)."""
    return _LINE_ENCODER.encode(event)


def canonical(event: dict) -> str:
    """Order-independent text of an event, for comparing a re-run with the log."""
    return json.dumps(event, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
