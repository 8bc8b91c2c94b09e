"""The session log: one append-only JSONL file per session, for resume, replay and debrief.

The format is specified in ``docs/session-log.md``; this module writes it, reads it
(validating every line), rebuilds a model from it, checks it and exports it. Nothing here
prints, reads the clock or pickles: the header's ``created`` time is passed in by the
caller, and the state is identified by :func:`state_hash`.

Writing a session (the game does exactly this; ``regie run --log`` does it with bots)::

    log = SessionLog.create(path, scenario, seed, controllers={
        "regisseur": {"type": "human", "name": "Anna"}}, created="2026-11-23T10:00:00Z",
        scenario_name="gladheid_gedwongen_winkelnering", language="nl")
    model = log.new_model()  # or: model = RegieModel(...); log.attach(model)
    while not model.finished:
        ...        # a person answers: model.submit("regisseur", action)
        ...        # trainer acts: model.inject(...), model.set_controller(...),
        ...        #   log.log_trainer("bookmark", tag="...", note="...")
        log.step(model)  # model.step() + a checkpoint after hour 23
    # several winters: model = log.next_season(model) once a season is finished
    log.close(model)  # the `end` event with the KPIs and the state hash

Continuing after a crash: ``model, log = open_session(path)`` returns the model standing
where the log ends and a log that appends to the same file; carry on as above.
``resume(path)`` does that and runs the rest of the session with bots; ``replay(path)``
re-runs a log and reports the first divergence; ``export(path, out)`` anonymises it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sim.actions import ROLES
from sim.inputfile import InputFileError, Problem

if TYPE_CHECKING:
    from sim.model import RegieModel
    from sim.run import RunResult
    from sim.scenario.schema import Scenario

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ControllerSpec",
    "ExportReport",
    "Header",
    "ReplayDivergence",
    "ReplayReport",
    "SessionFile",
    "SessionLog",
    "SessionLogError",
    "export",
    "is_input",
    "open_session",
    "read_log",
    "replay",
    "resume",
    "run_logged",
    "state_hash",
]

FORMAT = "regiekamer-session"
FORMAT_VERSION = 1
MAX_LINE_BYTES = 16 * 1024 * 1024
"""Longest line a session log may have (the header embeds the scenario) [bytes]."""
TRAINER_ACTS: tuple[str, ...] = ("pause", "resume", "speed", "bookmark", "end_round", "note")
MAX_NOTE_CHARS = 2000  # free text of actions (sim.actions) and trainer events

_HEX64 = r"^[0-9a-f]{64}$"


# --------------------------------------------------------------------------- errors -----
class SessionLogError(InputFileError):
    """A session log cannot be used (or written); holds ``FILE:LINE: key: message`` problems.

    A subclass of :class:`~sim.inputfile.InputFileError`, so the ``regie`` command prints
    the problems and exits with code 2, as for any bad input file.
    """


def _error(path: Path | str, line: int, message: str, key: str = "") -> SessionLogError:
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
    format_version: Literal[1]
    package_version: str = Field(max_length=100)
    scenario_name: str = Field("", max_length=500)
    scenario: dict[str, Any]
    scenario_hash: str = Field(pattern=_HEX64)
    seed: int = Field(ge=0)
    seasons: int = Field(1, ge=1, le=1000)
    language: Literal["nl", "en"] = "nl"
    controllers: dict[Literal["regisseur", "executor", "wethouder"], ControllerSpec]
    created: str | None = Field(None, max_length=100)
    base_dir: str | None = Field(None, max_length=4096)
    town_file_sha256: str | None = Field(None, pattern=_HEX64)

    @model_validator(mode="after")
    def _all_roles(self) -> Header:
        missing = [r for r in ROLES if r not in self.controllers]
        if missing:
            raise ValueError(f"controllers: missing role(s) {', '.join(missing)}")
        from sim.bots import BOTS

        for role, spec in self.controllers.items():
            if spec.bot is not None and spec.bot not in BOTS[role]:
                raise ValueError(f"controllers.{role}: no {role} bot named {spec.bot!r}")
        return self


class _Event(BaseModel):
    """Fields every event has; model outcomes may carry more (extra keys allowed)."""

    model_config = ConfigDict(extra="allow")
    seq: int = Field(ge=0)
    tick: int = Field(ge=0)
    kind: str = Field(pattern=r"^[a-z_]{1,40}$")


class _ActionEvent(_Event):
    role: Literal["regisseur", "executor", "wethouder"]
    action: dict[str, Any]
    by: Literal["human", "bot", "rule"]


class _RejectedEvent(_Event):
    role: str = Field(max_length=200)
    action: Any
    reason: str
    by: Literal["human", "bot", "rule"] | None = None


class _InjectEvent(_Event):
    name: str = Field(max_length=100)
    severity: float = Field(ge=0.0, le=1.0)
    source: str = Field(max_length=100)


class _ControllerEvent(_Event):
    role: Literal["regisseur", "executor", "wethouder"]
    bot: str | None = Field(max_length=100)
    name: str | None = Field(None, max_length=200)


class _DecisionPointEvent(_Event):
    id: int = Field(ge=0)
    dp_kind: str
    role: str
    ref: int
    deadline: int


class _TrainerEvent(_Event):
    model_config = ConfigDict(extra="forbid")
    act: Literal["pause", "resume", "speed", "bookmark", "end_round", "note"]
    tag: str = Field("", max_length=200)
    note: str = Field("", max_length=MAX_NOTE_CHARS)
    private: bool = False
    value: float | None = None


class _CheckpointEvent(_Event):
    model_config = ConfigDict(extra="forbid")
    day: int = Field(ge=0)
    hash: str = Field(pattern=_HEX64)


class _NextSeasonEvent(_Event):
    model_config = ConfigDict(extra="forbid")
    season: int = Field(ge=1)
    kpis: dict[str, float | None]


class _EndEvent(_Event):
    model_config = ConfigDict(extra="forbid")
    season: int = Field(ge=0)
    finished: bool
    kpis: dict[str, float | None]
    hash: str = Field(pattern=_HEX64)


_EVENT_MODELS: dict[str, type[_Event]] = {
    "action": _ActionEvent,
    "rejected": _RejectedEvent,
    "inject": _InjectEvent,
    "controller": _ControllerEvent,
    "decision_point": _DecisionPointEvent,
    "trainer": _TrainerEvent,
    "checkpoint": _CheckpointEvent,
    "next_season": _NextSeasonEvent,
    "end": _EndEvent,
}


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


def _dumps(event: dict) -> str:
    """One line of the log (ASCII JSON; NaN/Infinity as Python's json writes them)."""
    return _LINE_ENCODER.encode(event)


def _canonical(event: dict) -> str:
    """Order-independent text of an event, for comparing a re-run with the log."""
    return json.dumps(event, ensure_ascii=True, separators=(",", ":"), sort_keys=True)


# ----------------------------------------------------------------------- state hash -----
# The road arrays that carry state from hour to hour. Left out: fixed arrays and caches,
# and the two recomputed every hour from hashed state (surface temperature from the
# weather; slipperiness from water, ice, snow, salt, grit and that temperature).
_ROAD_STATE = ("water_mm", "ice_mm", "snow_cm", "salt_g_m2", "grit_g_m2", "cleared_pavement")
_EXECUTOR_SKIP = frozenset({"_fc_key"})  # a cache keyed on id(weather): differs by process
_SCALAR_TYPES = frozenset({int, float, bool, str, type(None), np.float64, np.float32,
                           np.int64, np.int32, np.bool_})
_weather_digest: list = [None, ""]  # [the Weather object last digested, its digest]


def _json_scalar(obj: object) -> object:
    if isinstance(obj, np.generic):
        return obj.item()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [type(obj).__name__, *_scalars(obj)]
    return type(obj).__name__


_STATE_ENCODER = json.JSONEncoder(separators=(",", ":"), default=_json_scalar)


def _scalars(obj: object, skip: frozenset[str] = frozenset()) -> list:
    """The plain values (numbers, flags, text) among an object's attributes, in order.

    New counters or flags added to the model's classes are picked up without a change
    here; lists, arrays and sub-objects are hashed explicitly by :func:`state_hash`.
    """
    return [v for k, v in vars(obj).items() if type(v) in _SCALAR_TYPES and k not in skip]


def _rng_state(gen: np.random.Generator) -> list:
    bg = gen.bit_generator
    seq = getattr(bg, "seed_seq", None)
    state = bg.state
    inner = state["state"]
    return [state["bit_generator"], *(inner.values() if isinstance(inner, dict) else [inner]),
            state.get("has_uint32"), state.get("uinteger"),
            getattr(seq, "n_children_spawned", None)]


def state_hash(model: RegieModel) -> str:
    """sha256 (hex) of the model's state, cheap enough to take every simulated day.

    Covers the hour and season; the road-surface arrays that carry state (water, ice, snow,
    salt, grit, cleared pavements; not those recomputed from them); the weather as it now is
    (a trainer's inject changes it); depot, trucks, drivers, the newest action records and
    the number of actions; the executor's conduct and costs; citizens' counters and
    satisfaction (per route, which fixes every resident's, and per day); the wethouder; the
    KPI tracker; the governance ledger, trust, counts, flags, requests, disputes, reports,
    invoice and meeting states and the size of the decision board and event list; who sits
    in each seat; and the bit-generator states of ``model.rng`` and every generator in
    ``model.streams``. Left out: Mesa's step counter (a model waiting for a person is
    stepped without advancing, so it counts clicks, not hours) and Mesa's stdlib
    ``model.random``, which the model never draws from (it is seeded from ``model.rng``).
    Of fleet actions, the number and the newest two in full (an older action that still
    runs shows in the depot, roads and costs); of invoices, status and payment (their lines
    are fixed when the invoice is made). About 0.2-0.3 ms of CPU late in a default season.
    """
    h = hashlib.sha256(b"regiekamer-state/1\n")

    def array(a: np.ndarray) -> None:
        a = np.ascontiguousarray(a)
        h.update(f"{a.dtype.str}{a.shape}".encode())
        h.update(a.data)

    roads = model.roads
    for name in _ROAD_STATE:
        array(getattr(roads, name))
    cit, ex, gov = model.citizens, model.executor, model.governance
    fleet, depot, rel, ledger = ex.fleet, ex.depot, gov.rel, gov.ledger
    array(cit.route_satisfaction)  # residents on one route share it (CitizenPopulation)
    array(cit.injuries_by_mode)
    array(fleet.shift_h)
    array(fleet.rest_until)
    array(fleet.sick_until)
    array(ex.skipped)
    array(np.asarray(model.satisfaction_days, dtype=float))
    weather = model.weather
    if _weather_digest[0] is not weather:
        _weather_digest[:] = [weather, weather.digest()]
    board = gov.board
    doc = [
        model.hour, model.season, model.seed, model.season_day0, _weather_digest[1],
        [_rng_state(model.rng)] + [_rng_state(g) for g in model.streams.values()],
        model._injects, len(model.events),
        _scalars(cit), cit.today,
        _scalars(depot), depot.open_orders,
        [[*_scalars(t), t.route.id if t.route is not None else None,
          t.action.id if t.action is not None else None] for t in fleet.trucks],
        len(fleet.actions), [list(vars(a).values()) for a in fleet.actions[-2:]],
        fleet.crew_hours,
        _scalars(ex, _EXECUTOR_SKIP), ex.pending_call, ex._efficiency_hours,
        _scalars(model.wethouder), model.wethouder.interventions,
        _scalars(model.kpi),
        _scalars(gov), gov.counts, gov.last_contact_day,
        _scalars(ledger), [[ln.what, ln.fair_eur, ln.claimed_eur]
                           for ln in ledger.unbilled_lines],
        [list(vars(r).values()) for r in gov.requests],
        [list(vars(d).values()) for d in gov.disputes],
        [list(r.values()) for r in gov.reports],
        len(gov.council_questions), len(gov.incidents),
        [[i.id, i.hour, i.status, i.paid_eur, len(i.lines)] for i in gov.invoices],
        [[m.id, m.hour, m.level, m.held, len(m.agenda)] for m in gov.meetings],
        [rel.trust_g_in_e, rel.trust_e_in_g, rel.maturity, len(rel.history),
         rel.history[-1:]],
        len(board.points), [p.id for p in board.open_points()],
        len(gov.events),
        [None if gov.is_human(role) else gov.controllers[role].name for role in ROLES],
    ]
    h.update(_STATE_ENCODER.encode(doc).encode())
    return h.hexdigest()


# ------------------------------------------------------------------------- reading ------
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
    scenario: Scenario
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
        raise _error(path, 0, "no such file") from None
    except IsADirectoryError:
        raise _error(path, 0, "is a directory, not a session log") from None
    except OSError as err:
        raise _error(path, 0, f"cannot read: {err.strerror or err}") from None
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
            raise _error(path, lineno, f"line longer than {MAX_LINE_BYTES} bytes: damaged, "
                                       "or not a session log")
        if not raw.endswith(b"\n"):
            if lineno == 1:
                raise _error(path, 1, "not a session log: no complete header line (the file "
                                      "was cut while it was being written, or is not JSONL)")
            dropped = (f"line {lineno}: incomplete last line ({len(raw)} bytes, no newline) "
                       "dropped: the writer was interrupted")
            break
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _error(path, lineno, "not UTF-8 text (binary data?)"
                         + (": not a session log" if lineno == 1 else "")) from None
        text = text.rstrip("\r\n")
        if not text.strip():
            raise _error(path, lineno, "empty line")
        try:
            obj = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as err:
            what = "not a session log: " if lineno == 1 else ""
            msg = getattr(err, "msg", "nesting too deep")
            raise _error(path, lineno, f"{what}not valid JSON ({msg})") from None
        if not isinstance(obj, dict):
            raise _error(path, lineno, "expected a JSON object"
                         + (": not a session log" if lineno == 1 else ""))
        if lineno == 1:
            header, scenario = _check_header(path, obj)
            header_raw = obj
        else:
            seq = lineno - 2
            if events and events[-1]["kind"] == "end":
                raise _error(path, lineno, "event after the `end` event")
            _check_event(path, lineno, seq, obj, header)
            if obj["kind"] == "next_season":
                if obj["season"] != season + 1:
                    raise _error(path, lineno, f"next_season {obj['season']} after season "
                                               f"{season}", "season")
                season, last_tick = obj["season"], 0
            elif obj["tick"] < last_tick:
                raise _error(path, lineno, f"tick {obj['tick']} comes after tick {last_tick}: "
                                           "lines reordered or edited", "tick")
            else:
                last_tick = obj["tick"]
            if obj["kind"] == "end" and obj["season"] != season:
                raise _error(path, lineno, f"end of season {obj['season']} during season "
                                           f"{season}", "season")
            events.append(obj)
        valid += len(raw)
    if header is None:
        raise _error(path, 0, "empty file: not a session log")
    return SessionFile(path=path, header=header, header_raw=header_raw, scenario=scenario,
                       events=events, valid_bytes=valid, dropped=dropped)


def _check_header(path: Path, obj: dict) -> tuple[Header, Scenario]:
    from sim import __version__
    from sim.scenario.loader import scenario_hash
    from sim.scenario.schema import Scenario

    if obj.get("kind") != "header" or obj.get("format") != FORMAT:
        raise _error(path, 1, f"not a session log (line 1 is not a {FORMAT!r} header)")
    version = obj.get("format_version")
    if version != FORMAT_VERSION:
        raise _error(path, 1, f"format version {version!r} is not supported: regiekamer "
                              f"{__version__} reads session logs of format version "
                              f"{FORMAT_VERSION}", "format_version")
    try:
        header = Header.model_validate(obj)
    except ValidationError as err:
        raise SessionLogError(_problems(path, 1, err, prefix="")) from None
    try:
        scenario = Scenario.model_validate(header.scenario)
    except ValidationError as err:
        raise SessionLogError(_problems(path, 1, err, prefix="scenario.")) from None
    if scenario_hash(scenario) != header.scenario_hash:
        raise _error(path, 1, "does not match the embedded scenario: the scenario or its hash "
                              "was edited, or the log is damaged", "scenario_hash")
    return header, scenario


def _check_event(path: Path, lineno: int, seq: int, obj: dict, header: Header) -> None:
    got = obj.get("seq")
    if got != seq:
        raise _error(path, lineno, f"seq {got!r} where {seq} was expected: lines removed, "
                                   "duplicated or reordered", "seq")
    kind = obj.get("kind")
    model = _EVENT_MODELS.get(kind, _Event) if isinstance(kind, str) else _Event
    try:
        model.model_validate(obj)
    except ValidationError as err:
        raise SessionLogError(_problems(path, lineno, err, prefix="")) from None
    if kind == "next_season" and obj["season"] >= header.seasons:
        raise _error(path, lineno, f"season {obj['season']} but the session has "
                                   f"{header.seasons}", "season")


def _problems(path: Path, line: int, err: ValidationError, prefix: str) -> list[Problem]:
    out = []
    for e in err.errors()[:10]:
        key = prefix + ".".join(str(x) for x in e["loc"])
        out.append(Problem(str(path), line, key, e["msg"]))
    return out


# ------------------------------------------------------------------------- writing ------
def _controllers(scenario: Scenario,
                 given: dict[str, ControllerSpec | dict | str | None] | None
                 ) -> dict[str, ControllerSpec]:
    """Seats at the start: the scenario's bots, overridden per role by `given`.

    A value may be a :class:`ControllerSpec`, a dict (``{"type": "human", "name": "Anna"}``
    or ``{"type": "bot", "bot": "relational"}``), a bot archetype name, or None (a person).
    """
    given = dict(given or {})
    unknown = sorted(set(given) - set(ROLES))
    if unknown:
        raise ValueError(f"unknown role(s) {unknown}; roles are {list(ROLES)}")
    out = {}
    for role in ROLES:
        spec = given.get(role, getattr(scenario.roles, role).bot)
        if spec is None:
            spec = ControllerSpec(type="human")
        elif isinstance(spec, str):
            spec = ControllerSpec(type="bot", bot=spec)
        elif isinstance(spec, dict):
            spec = ControllerSpec.model_validate(spec)
        out[role] = spec
    return out


def _town_sha256(scenario: Scenario, base_dir: Path | None) -> str | None:
    if scenario.town.file is None:
        return None
    path = Path(scenario.town.file)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # building the town reports the problem


class SessionLog:
    """Writes (and, on resume or replay, re-checks) the events of one session.

    Make one with :meth:`create` (a new file) or get one from :func:`open_session`
    (continuing a file). Then :meth:`attach` a fresh model (or let :meth:`new_model`
    build one); from then on every governance event reaches the log through
    ``model.add_listener``. Call :meth:`step` instead of ``model.step()`` (it adds the
    daily checkpoint), :meth:`next_season` between winters, :meth:`log_trainer` for
    trainer acts that do not go through the model, and :meth:`close` at the end.

    Human actions, trainer injects and seat changes go through the model as usual
    (``model.submit``, ``model.inject``, ``model.set_controller``); the log sees them as
    events and flushes and fsyncs each one before the model acts on it. Only submit for a
    role a person holds: the log recognises inputs by ``by == "human"``.
    """

    def __init__(self, path: Path, header: Header, scenario: Scenario, *,
                 expected: list[dict] | None = None, verify: bool = True,
                 writable: bool = True, valid_bytes: int | None = None) -> None:
        """Internal: use :meth:`create` or :func:`open_session`."""
        self.path = path
        self.header = header
        self.scenario = scenario
        self.model: RegieModel | None = None
        self._expected = expected or []
        self._verify = verify
        self._writable = writable
        self._valid_bytes = valid_bytes  # resume: cut the file here before appending
        self._pending: list[tuple[str, bool]] = []
        self._fh = None
        self._seq = 0
        self._checkpoint_hour = 0
        self._earlier: dict[str, float] = {}
        self._names = {r: s.name for r, s in header.controllers.items() if s.type == "human"}
        self.extra = 0  # replay: events produced beyond the end of an incomplete log
        self.checkpoints_verified = 0
        self.dropped: str | None = None  # resume: the incomplete last line that was cut
        self.fsync_checkpoints = True  # False: checkpoints are flushed, not fsynced
        self._defer = False  # resume: hold new lines until the re-run has matched the log
        self.ended = False
        self.kpis: dict[str, float] | None = None

    # --- making ---------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, scenario: Scenario, seed: int,
               controllers: dict | None = None, created: str | None = None,
               scenario_name: str = "", language: str = "nl", *, seasons: int = 1,
               base_dir: Path | str | None = None,
               fsync_checkpoints: bool = True) -> SessionLog:
        """Start a new session log at `path` and write its header (never overwrites a file).

        `controllers` maps roles to seats at the start (see :func:`_controllers`; roles
        left out keep the scenario's bot); `created` is the caller's timestamp (ISO 8601);
        `seasons` is how many winters the session will run; `base_dir` is where relative
        paths in the scenario start (a town file). Human inputs, trainer events, season
        ends and the end are always fsynced; checkpoints too unless `fsync_checkpoints`
        is False (bot runs: a power cut then costs at most the bot events since the last
        input, which a resume recomputes; a crash or kill of the program costs nothing,
        as checkpoints are flushed to the OS). Raises :class:`SessionLogError` if the
        file exists or cannot be created, ValueError for bad arguments.
        """
        from sim import __version__
        from sim.scenario.loader import scenario_hash

        path = Path(path)
        base = Path(base_dir).absolute() if base_dir is not None else None
        header = Header(
            kind="header", format=FORMAT, format_version=FORMAT_VERSION,
            package_version=__version__, scenario_name=scenario_name,
            scenario=scenario.model_dump(mode="json"), scenario_hash=scenario_hash(scenario),
            seed=seed, seasons=seasons, language=language,
            controllers=_controllers(scenario, controllers), created=created,
            base_dir=str(base) if base is not None else None,
            town_file_sha256=_town_sha256(scenario, base))
        log = cls(path, header, scenario)
        log.fsync_checkpoints = fsync_checkpoints
        try:
            if path.parent and not path.parent.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
            fh = path.open("xb")
        except FileExistsError:
            raise _error(path, 0, "already exists: a session log is never overwritten; "
                                  "choose another file name") from None
        except OSError as err:
            raise _error(path, 0, f"cannot create: {err.strerror or err}") from None
        _lock(fh, path)
        log._fh = fh
        log._emit_line(_dumps(header.model_dump(mode="json", exclude_none=True)), sync=True)
        return log

    def new_model(self) -> RegieModel:
        """Build the session's first model from the header and attach it."""
        from sim.model import RegieModel

        base = Path(self.header.base_dir) if self.header.base_dir else None
        model = RegieModel(self.scenario, seed=self.header.seed, base_dir=base)
        self.attach(model)
        return model

    def attach(self, model: RegieModel) -> RegieModel:
        """Start logging a fresh model (hour 0 of the first season).

        The header's seats are applied to the model first (without logging: the header
        says so already); afterwards every event reaches the log.
        """
        from sim.scenario.loader import scenario_hash

        if self.model is not None:
            raise ValueError("this session log already has a model")
        if model.hour != 0 or model.season != 0 or model.governance.events:
            raise ValueError("attach a fresh model (hour 0 of the first season, no events "
                             "yet); give the starting seats to SessionLog.create")
        if scenario_hash(model.scenario) != self.header.scenario_hash or (
                model.seed != self.header.seed):
            raise ValueError("the model's scenario or seed differs from the log's header")
        self._apply_seats(model, {r: (s.bot, s.name) for r, s in self.header.controllers.items()})
        self._subscribe(model)
        return model

    # --- the session ----------------------------------------------------------------
    def step(self, model: RegieModel | None = None) -> None:
        """``model.step()``, then a checkpoint if a simulated day has just closed."""
        model = model or self.model
        model.step()
        self.after_step(model)

    def after_step(self, model: RegieModel | None = None) -> None:
        """Write the daily checkpoint when the model has just finished hour 23.

        :meth:`step` calls this; call it yourself only if you call ``model.step()``
        directly. Calling it again at the same hour does nothing.
        """
        model = model or self.model
        if model.hour % 24 == 0 and model.hour > self._checkpoint_hour:
            self._checkpoint_hour = model.hour
            self._record({"tick": model.hour, "kind": "checkpoint",
                          "day": model.hour // 24 - 1, "hash": state_hash(model)})

    def log_trainer(self, act: str, *, tag: str = "", note: str = "", private: bool = False,
                    value: float | None = None) -> None:
        """A trainer act that does not change the model: pause, resume, speed, bookmark,
        end_round or note. `note` is free text; `private` notes are dropped by
        ``regie export --anonymise``; `value` is e.g. the speed factor. Fsynced at once.
        """
        if act not in TRAINER_ACTS:
            raise ValueError(f"unknown trainer act {act!r}; choose from {TRAINER_ACTS}")
        if len(note) > MAX_NOTE_CHARS or len(tag) > 200:
            raise ValueError(f"note at most {MAX_NOTE_CHARS} characters, tag at most 200")
        if self.model is None:
            raise ValueError("attach a model first")
        event = {"tick": self.model.hour, "kind": "trainer", "act": act, "tag": tag,
                 "note": note, "private": bool(private)}
        if value is not None:
            event["value"] = float(value)
        self._record(event)

    def next_season(self, model: RegieModel | None = None) -> RegieModel:
        """The following winter: logs `next_season` (with the finished season's KPIs),
        builds the next model with the relationship carried over, keeps every seat as it
        was, and attaches it. Use the returned model from then on.
        """
        from sim.kpi import summary

        model = model or self.model
        if not model.finished:
            raise ValueError("the season is not finished")
        if model.season + 1 >= self.header.seasons:
            raise ValueError(f"the session has {self.header.seasons} season(s)")
        kpis = summary(model)
        self._earlier.update({f"season_{model.season + 1}_{k}": v for k, v in kpis.items()})
        self._record({"tick": model.hour, "kind": "next_season", "season": model.season + 1,
                      "kpis": kpis})
        seats = self._seats(model)
        model.governance.listeners.remove(self._on_event)
        new = model.next_season()
        for event in list(new.governance.events):  # e.g. a tender, decided at the start
            self._record(dict(event))
        self._apply_seats(new, seats)
        self._checkpoint_hour = 0
        self._subscribe(new)
        return new

    def close(self, model: RegieModel | None = None) -> None:
        """End the session: the `end` event (KPIs, state hash, whether the season
        finished), then flush, fsync and close. Closing an ended log does nothing."""
        if self.ended:
            return
        model = model or self.model
        if model is not None:
            from sim.kpi import summary

            kpis = summary(model)
            kpis.update(self._earlier)
            self._record({"tick": model.hour, "kind": "end", "season": model.season,
                          "finished": model.finished, "kpis": kpis,
                          "hash": state_hash(model)})
            self.kpis = kpis
        self.ended = True
        self._close_file()

    def abandon(self) -> None:
        """Stop writing without an `end` event (the session can be resumed later)."""
        self._close_file()
        if self.model is not None and self._on_event in self.model.governance.listeners:
            self.model.governance.listeners.remove(self._on_event)

    def flush(self) -> None:
        """Write out and fsync everything recorded so far (e.g. when the trainer pauses)."""
        if self._pending and self._writable and not self._defer:
            line, _ = self._pending.pop()
            self._emit_line(line, sync=True)
        elif self._fh is not None:
            self._fh.flush()
            _fsync(self._fh)

    def result(self, model: RegieModel | None = None) -> RunResult:
        """The run's outcomes, as ``regie run`` reports them (KPIs of the `end` event)."""
        from sim.run import result_of

        result = result_of(model or self.model)
        if self.kpis is not None:
            result.kpis = dict(self.kpis)
        else:
            result.kpis.update(self._earlier)
        return result

    @property
    def caught_up(self) -> bool:
        """Whether every event of the log being continued has been produced again."""
        return self._seq >= len(self._expected)

    @property
    def seq(self) -> int:
        """The seq the next event will get."""
        return self._seq

    def __enter__(self) -> SessionLog:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abandon()

    # --- internals ------------------------------------------------------------------
    def _subscribe(self, model: RegieModel) -> None:
        self.model = model
        model.add_listener(self._on_event)

    def _on_event(self, event: dict) -> None:
        self._record(event)
        if event.get("kind") == "controller":
            self._names[event["role"]] = event.get("name") if event.get("bot") is None else None

    def _seats(self, model: RegieModel) -> dict[str, tuple[object, str | None]]:
        """Each seat: a bot archetype name, or the person's seat (None: at the UI) + name."""
        gov = model.governance
        return {r: (gov.controllers[r], self._names.get(r)) if gov.is_human(r)
                else (gov.controllers[r].name, None) for r in ROLES}

    @staticmethod
    def _apply_seats(model: RegieModel, seats: dict[str, tuple[object, str | None]]) -> None:
        gov = model.governance
        for role in ROLES:
            want, name = seats[role]
            now = gov.controllers[role]
            if isinstance(want, str):
                if gov.is_human(role) or now.name != want:
                    model.set_controller(role, want, None)
            elif now is not want:
                model.set_controller(role, want, name)

    def _record(self, event: dict) -> None:
        if self.ended:
            raise ValueError("the session log is closed")
        seq = self._seq
        full = {"seq": seq, **event}
        line = _dumps(full)
        self._seq += 1
        if seq < len(self._expected):
            if self._verify:
                self._compare(seq, line)
            return
        if not self._writable:
            self.extra += 1
            return
        kind = full["kind"]
        sync = is_input(full) or kind in ("next_season", "end") or (
            kind == "checkpoint" and self.fsync_checkpoints)
        if self._defer:
            self._pending.append((line, sync))
            return
        self._emit_line(line, sync, flush=kind == "checkpoint")

    def _compare(self, seq: int, line: str) -> None:
        want = self._expected[seq]
        got = json.loads(line)
        if _canonical(want) == _canonical(got):
            if want["kind"] == "checkpoint":
                self.checkpoints_verified += 1
            return
        raise ReplayDivergence(self.path, seq, want.get("tick", -1), _difference(want, got))

    def _emit_line(self, line: str, sync: bool, flush: bool = False) -> None:
        if self._fh is None:
            self._open_for_append()
        for text in ([line] if not self._pending else [*(t for t, _ in self._pending), line]):
            self._fh.write(text.encode("ascii") + b"\n")
        self._pending = []
        if sync or flush:
            self._fh.flush()  # in the OS: survives a crash or kill of this program
        if sync:
            _fsync(self._fh)  # on the disk: survives a power cut

    def _open_for_append(self) -> None:
        """Resume: cut an incomplete last line, then append."""
        try:
            fh = self.path.open("r+b")
        except OSError as err:
            raise _error(self.path, 0, f"cannot open for writing: {err.strerror or err}") from None
        _lock(fh, self.path)
        if self._valid_bytes is not None:
            fh.truncate(self._valid_bytes)
        fh.seek(0, os.SEEK_END)
        self._fh = fh

    def _close_file(self) -> None:
        if self._fh is not None:
            try:
                self._fh.flush()
                _fsync(self._fh)
            finally:
                self._fh.close()
                self._fh = None


def _fsync(fh) -> None:
    (getattr(os, "fdatasync", None) or os.fsync)(fh.fileno())


def _check_unlocked(path: Path) -> None:
    """Refuse early if another process is still writing this log."""
    try:
        fh = path.open("rb")
    except OSError:
        return
    with fh:
        _lock(fh, path, close=False)


def _lock(fh, path: Path, close: bool = True) -> None:
    """One writer per file: a second process writing the same log gets a clean error."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here
        return
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        if close:
            fh.close()
        raise _error(path, 0, "is being written by another process") from None


def _describe(event: dict) -> str:
    kind = event.get("kind", "?")
    if kind in ("action", "rejected"):
        action = event.get("action")
        typ = action.get("type", "?") if isinstance(action, dict) else "?"
        return f"{kind} {event.get('role', '?')} {typ} (by {event.get('by', '?')})"
    if kind == "decision_point":
        return f"decision_point {event.get('dp_kind', '?')} for {event.get('role', '?')}"
    if kind == "checkpoint":
        return f"checkpoint of day {event.get('day', '?')}"
    return kind


def _first_difference(a: object, b: object, where: str = "") -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            if key not in b:
                return f"{where}{key}: logged {_short(a[key])}, re-run has none"
            if key not in a:
                return f"{where}{key}: not logged, re-run has {_short(b[key])}"
            diff = _first_difference(a[key], b[key], f"{where}{key}.")
            if diff:
                return diff
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            diff = _first_difference(x, y, f"{where}{i}.")
            if diff:
                return diff
        if len(a) != len(b):
            return f"{where.rstrip('.')}: {len(a)} items logged, {len(b)} in the re-run"
        return None
    if _canonical({"v": a}) != _canonical({"v": b}):
        return f"{where.rstrip('.')}: logged {_short(a)}, re-run {_short(b)}"
    return None


def _short(value: object, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=True, default=repr)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _difference(want: dict, got: dict) -> str:
    if want.get("kind") == "checkpoint" and got.get("kind") == "checkpoint" and (
            want.get("day") == got.get("day")):
        return (f"checkpoint of day {want.get('day')}: state hash differs (logged "
                f"{str(want.get('hash'))[:12]}..., re-run {got['hash'][:12]}...)")
    if want.get("kind") == "end" and got.get("kind") == "end":
        return "end: " + (_first_difference(want, got) or "differs")
    if want.get("kind") != got.get("kind") or want.get("tick") != got.get("tick"):
        return (f"logged {_describe(want)} at tick {want.get('tick')}, the re-run produced "
                f"{_describe(got)} at tick {got.get('tick')}")
    return f"{_describe(want)}: " + (_first_difference(want, got) or "differs")


# ---------------------------------------------------------------- rebuilding a run ------
def _apply_input(model: RegieModel, log: SessionLog, event: dict) -> None:
    kind = event["kind"]
    if kind in ("action", "rejected"):
        model.governance.submit(event["role"], event["action"], by="human")
    elif kind == "inject":
        model.inject(event["name"], event["severity"], event["source"])
    elif kind == "controller":
        model.set_controller(event["role"], event["bot"], event.get("name"))
    elif kind == "trainer":
        log._record({k: v for k, v in event.items() if k != "seq"})


def _inputs(events: list[dict]) -> list[tuple[int, dict]]:
    out, season = [], 0
    for e in events:
        if e["kind"] == "next_season":
            season = e["season"]
        elif is_input(e):
            out.append((season, e))
    return out


def _rebuild(sf: SessionFile, log: SessionLog, *, base_dir: Path | None,
             progress: Callable[[int, int], None] | None) -> RegieModel:
    """Re-run the log's inputs until the log is used up (or its `end` position)."""
    from sim.model import RegieModel

    header, path = sf.header, sf.path
    if header.town_file_sha256 is not None:
        current = _town_sha256(sf.scenario, base_dir)
        if current is not None and current != header.town_file_sha256:
            raise _error(path, 1, "the town file changed since the session was recorded",
                         "town_file_sha256")
    model = RegieModel(sf.scenario, seed=header.seed, base_dir=base_dir)
    log.attach(model)
    inputs = _inputs(sf.events)
    end = sf.end
    end_at = (end["season"], end["tick"]) if end is not None else None
    last = header.seasons - 1
    total = model.hours * header.seasons
    i = 0
    while True:
        here = (model.season, model.hour)
        while i < len(inputs) and (inputs[i][0], inputs[i][1]["tick"]) == here:
            event = inputs[i][1]
            try:
                _apply_input(model, log, event)
            except ReplayDivergence:
                raise
            except Exception as err:  # log content reaches the model here
                raise _error(path, event["seq"] + 2, f"cannot re-apply this {event['kind']}: "
                             f"{type(err).__name__}: {err}") from None
            i += 1
        if i < len(inputs) and (inputs[i][0], inputs[i][1]["tick"]) < here:
            event = inputs[i][1]
            raise ReplayDivergence(path, event["seq"], event["tick"],
                                   f"{_describe(event)} at tick {event['tick']} cannot be "
                                   f"applied: the re-run is already at tick {model.hour}")
        if end_at is None and log.caught_up:
            return model
        if end_at == here and i == len(inputs):
            return model
        if model.finished:
            if model.season < last and not log.caught_up:
                model = log.next_season(model)
                continue
            raise _beyond(log, path, "the season is over")
        if model.waiting_for_humans():
            raise _beyond(log, path, "the model waits for a person to answer a decision point")
        model.step()
        log.after_step(model)
        if progress is not None and model.hour % 24 == 0:
            progress(model.season * model.hours + model.hour, total)


def _beyond(log: SessionLog, path: Path, why: str) -> ReplayDivergence:
    if log.caught_up:
        return ReplayDivergence(path, log.seq, -1, f"the log ends, but {why}")
    want = log._expected[log.seq]
    return ReplayDivergence(path, log.seq, want.get("tick", -1),
                            f"logged {_describe(want)}, but {why}")


def open_session(path: Path | str, *, base_dir: Path | str | None = None,
                 progress: Callable[[int, int], None] | None = None
                 ) -> tuple[RegieModel, SessionLog]:
    """Rebuild a session from its log and get ready to continue it in the same file.

    Reads and validates the log, re-runs the scenario from its header re-applying every
    input in ``seq`` order before stepping its tick and checking every logged event and
    checkpoint on the way, and returns ``(model, log)``: the model standing where the log
    ends, and a :class:`SessionLog` that appends to the file (an incomplete last line is
    cut first, when the first new line is written). Nothing is written before the re-run
    has matched the whole log. If the log has an `end` event, ``log.ended`` is True.

    Raises :class:`SessionLogError` (damaged or unusable log; also when the re-run does
    not reproduce it) without touching the file.
    """
    sf = read_log(path)
    if not sf.complete:
        _check_unlocked(sf.path)
    log = SessionLog(sf.path, sf.header, sf.scenario, expected=sf.events,
                     valid_bytes=sf.valid_bytes)
    log.dropped = sf.dropped
    log._defer = True
    base = sf.base_dir(base_dir)
    try:
        model = _rebuild(sf, log, base_dir=base, progress=progress)
        if sf.complete:
            log.close(model)  # checks the end event's KPIs and state hash; writes nothing
    except ReplayDivergence as div:
        raise _error(sf.path, div.line, "cannot resume: the re-run does not reproduce the "
                     f"log (seq {div.seq}): {div.message}"
                     + _version_note(sf.header)) from None
    log._defer = False
    return model, log


def _version_note(header: Header) -> str:
    from sim import __version__

    if header.package_version != __version__:
        return (f" (the log was written by regiekamer {header.package_version}, "
                f"this is {__version__})")
    return ""


def _run_live(log: SessionLog, model: RegieModel,
              progress: Callable[[int, int], None] | None) -> RegieModel:
    """Run bots to the end of the last season, logging everything."""
    total = model.hours * log.header.seasons
    while True:
        if model.finished:
            if model.season + 1 < log.header.seasons:
                model = log.next_season(model)
                continue
            return model
        hour = model.hour
        log.step(model)
        if model.hour == hour:  # the clock stands still: a person must answer first
            roles = sorted({p.role for p in model.governance.board.open_points()
                            if model.governance.is_human(p.role)})
            raise _error(log.path, 0, f"waiting for a person ({', '.join(roles)}) at tick "
                                      f"{model.hour}")
        if progress is not None and model.hour % 24 == 0:
            progress(model.season * model.hours + model.hour, total)


def run_logged(scenario: Scenario, seed: int, path: Path | str, *,
               base_dir: Path | None = None, seasons: int = 1,
               progress: Callable[[int, int], None] | None = None,
               controllers: dict | None = None, created: str | None = None,
               scenario_name: str = "", fsync_checkpoints: bool = False) -> RunResult:
    """``regie run --log FILE``: a bot run (one or more winters) that writes a session log.

    Same outcomes as :func:`sim.seasons.run_seasons` for the same scenario and seed.
    `controllers` may give other bot archetypes than the scenario's (not people: nobody
    would answer). A ``{seed}`` in `path` is replaced by the seed, so ``--seeds`` can write
    one log per seed. Checkpoints are flushed but not fsynced unless `fsync_checkpoints`
    (nothing in a bot run is lost for good: see :meth:`SessionLog.create`).
    Raises :class:`SessionLogError` if the file exists.
    """
    specs = _controllers(scenario, controllers)
    humans = [r for r, s in specs.items() if s.type == "human"]
    if humans:
        raise ValueError(f"run_logged runs bots only; {', '.join(humans)} has no bot")
    path = Path(str(path).replace("{seed}", str(seed)))
    log = SessionLog.create(path, scenario, seed, specs, created, scenario_name,
                            seasons=seasons, base_dir=base_dir,
                            fsync_checkpoints=fsync_checkpoints)
    with log:
        model = log.new_model()
        model = _run_live(log, model, progress)
        log.close(model)
    return log.result(model)


def resume(path: Path | str, *, bots: bool = False, base_dir: Path | str | None = None,
           progress: Callable[[int, int], None] | None = None) -> RunResult:
    """``regie resume FILE``: rebuild a crashed session and run it to its end with bots.

    Seats held by people stay theirs unless `bots` is True, which hands them to the
    scenario's bot archetypes (logged as `controller` events); a session with people in
    it otherwise belongs in the game (:func:`open_session`). A complete log is checked
    and left alone. Returns the run's outcomes; raises :class:`SessionLogError`.
    """
    model, log = open_session(path, base_dir=base_dir, progress=progress)
    if log.ended:
        return log.result(model)
    humans = [r for r in ROLES if model.governance.is_human(r)]
    if humans and not bots:
        names = ", ".join(f"{r} ({log._names.get(r) or 'a person'})" for r in humans)
        raise _error(log.path, 0, f"people hold seats: {names}; continue it in the game, or "
                                  "pass --bots to hand their seats to the scenario's bots")
    log.fsync_checkpoints = False  # bots from here on: nothing that cannot be recomputed
    try:
        for role in humans:
            model.set_controller(role, getattr(log.scenario.roles, role).bot, None)
        model = _run_live(log, model, progress)
        log.close(model)
    except BaseException:
        log.abandon()
        raise
    return log.result(model)


@dataclass
class ReplayReport:
    """What :func:`replay` found."""

    path: Path
    events: int  # events in the log
    checked: int  # events compared with the re-run
    checkpoints: int  # checkpoints verified
    complete: bool  # the log has an `end` event
    tick: int  # where the re-run stopped
    season: int
    kpis: dict[str, float]
    state_hash: str
    dropped: str | None = None  # an incomplete last line that was left out
    divergence: ReplayDivergence | None = None
    verified: bool = True

    @property
    def ok(self) -> bool:
        """Verified, complete and without divergence."""
        return self.divergence is None and self.complete


def replay(path: Path | str, verify: bool = True, *, base_dir: Path | str | None = None,
           progress: Callable[[int, int], None] | None = None) -> ReplayReport:
    """Re-run a session log without writing anything.

    With `verify`, every event the re-run produces is compared with the log (checkpoint
    hashes and the end KPIs included); the first difference stops the re-run and is
    returned in ``divergence`` (seq, tick, line, message). Without `verify`, the inputs
    are re-applied and the outcomes reported. Raises :class:`SessionLogError` for a
    log that cannot be read.
    """
    sf = read_log(path)
    log = SessionLog(sf.path, sf.header, sf.scenario, expected=sf.events, verify=verify,
                     writable=False)
    base = sf.base_dir(base_dir)
    divergence = None
    model = None
    try:
        model = _rebuild(sf, log, base_dir=base, progress=progress)
        if sf.complete:
            log.close(model)
    except ReplayDivergence as div:
        divergence = div
        model = log.model
    from sim.kpi import summary

    kpis = log.kpis or (summary(model) if model is not None else {})
    checked = divergence.seq if divergence is not None else min(log.seq, len(sf.events))
    return ReplayReport(path=sf.path, events=len(sf.events), checked=checked,
                        checkpoints=log.checkpoints_verified, complete=sf.complete,
                        tick=model.hour if model is not None else 0,
                        season=model.season if model is not None else 0, kpis=kpis,
                        state_hash=state_hash(model) if model is not None else "",
                        dropped=sf.dropped, divergence=divergence, verified=verify)


# -------------------------------------------------------------------------- export ------
@dataclass
class ExportReport:
    """What :func:`export` did."""

    out: Path
    events: int
    names: dict[str, str] = field(default_factory=dict)  # player name -> role label
    private_dropped: int = 0
    dropped: str | None = None


def _labels(sf: SessionFile) -> dict[str, str]:
    """Player name -> role label ('regisseur', or 'regisseur 2' for a second player)."""
    seen: dict[str, list[str]] = {r: [] for r in ROLES}
    order: list[tuple[str, str]] = []
    for role, spec in sf.header.controllers.items():
        if spec.name:
            order.append((role, spec.name))
    for e in sf.events:
        if e["kind"] == "controller" and e.get("name"):
            order.append((e["role"], e["name"]))
    labels: dict[str, str] = {}
    for role, name in order:
        if name not in labels:
            seen[role].append(name)
            labels[name] = role
    for role, names in seen.items():
        if len(names) > 1:
            for k, name in enumerate(names, start=1):
                labels[name] = f"{role} {k}"
    return labels


def _scrubber(labels: dict[str, str]) -> Callable[[str], str]:
    if not labels:
        return lambda s: s
    names = sorted(labels, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)",
                         re.IGNORECASE)
    lower = {n.lower(): labels[n] for n in names}

    def scrub(text: str) -> str:
        return pattern.sub(lambda m: lower.get(m.group(0).lower(), m.group(0)), text)[
            :MAX_NOTE_CHARS]

    return scrub


def _scrub_notes(value: object, scrub: Callable[[str], str]) -> object:
    """Apply `scrub` to every free-text `note` (and trainer `tag`) inside a payload."""
    if isinstance(value, dict):
        return {k: (scrub(v) if k in ("note", "tag") and isinstance(v, str)
                    else _scrub_notes(v, scrub)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_notes(v, scrub) for v in value]
    return value


def export(path: Path | str, out: Path | str, anonymise: bool = True) -> ExportReport:
    """Write a copy of a session log, anonymised, that every other command accepts.

    Anonymising replaces player names with role labels (in the header, in `controller`
    events and wherever a name occurs in free text) and empties the note of every event
    marked ``private`` (trainer notes). Nothing the model reads changes, so the copy
    replays to the same checkpoints. An incomplete last line is left out. Never
    overwrites a file; raises :class:`SessionLogError`.
    """
    sf = read_log(path)
    out = Path(out)
    if out.exists():
        same = out.resolve() == sf.path.resolve()
        raise _error(out, 0, "is the input file" if same else
                     "already exists: choose another --out file (exports never overwrite)")
    header = json.loads(json.dumps(sf.header_raw))
    events = sf.events
    report = ExportReport(out=out, events=len(events), dropped=sf.dropped)
    if anonymise:
        labels = _labels(sf)
        report.names = dict(labels)
        scrub = _scrubber(labels)
        for spec in header["controllers"].values():
            if spec.get("name"):
                spec["name"] = labels.get(spec["name"], spec["name"])
        new_events = []
        for e in events:
            e = _scrub_notes(e, scrub)
            if e["kind"] == "controller" and e.get("name"):
                e["name"] = labels.get(e["name"], e["name"])
            if e.get("private") is True and e.get("note"):
                e["note"] = ""
                report.private_dropped += 1
            new_events.append(e)
        events = new_events
    lines = [_dumps(header)] + [_dumps(e) for e in events]
    try:
        if out.parent and not out.parent.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("xb") as fh:
            for line in lines:
                fh.write(line.encode("ascii") + b"\n")
            fh.flush()
            _fsync(fh)
    except FileExistsError:
        raise _error(out, 0, "already exists: choose another --out file") from None
    except OSError as err:
        raise _error(out, 0, f"cannot write: {err.strerror or err}") from None
    return report


def iter_events(path: Path | str) -> Iterator[dict]:
    """The events of a valid log, in order (for the debrief)."""
    yield from read_log(path).events
