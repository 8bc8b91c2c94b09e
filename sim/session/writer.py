"""Writing a session log: :class:`SessionLog` appends one line per event, fsyncing inputs.

The same class checks a re-run against the log it continues (resume) or replays, so that
nothing is written before the re-run has matched the whole log.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.session.compare import difference
from sim.session.format import (
    FORMAT,
    FORMAT_VERSION,
    MAX_NOTE_CHARS,
    TRAINER_ACTS,
    Header,
    ReplayDivergence,
    canonical,
    dumps,
    error,
    is_input,
)
from sim.session.seam import seam_of, state_hash, summary, town_sha256
from sim.session.seats import apply_seats, controllers_from, header_seats

if TYPE_CHECKING:
    from sim.run import RunResult

Model = Any  # a model of any family (sim.families)
AnyScenario = Any


class SessionLog:
    """Writes (and, on resume or replay, re-checks) the events of one session.

    Make one with :meth:`create` (a new file) or get one from :func:`open_session`
    (continuing a file). Then :meth:`attach` a fresh model (or let :meth:`new_model`
    build one); from then on every governance event and trust change reaches the log
    through ``model.add_listener``. Step the model with ``sim.driver.Driver(model,
    log=log)``: it calls :meth:`step` (``model.step()`` plus the daily checkpoint) and
    :meth:`next_season` between winters. :meth:`log_trainer` writes trainer acts that do
    not go through the model, and :meth:`close` the end.

    Human actions, trainer injects and seat changes go through the model as usual
    (``model.submit``, ``model.inject``, ``model.set_controller``); the log sees them as
    events and flushes and fsyncs each one before the model acts on it. Only submit for a
    role a person holds: the log recognises inputs by ``by == "human"``.
    """

    def __init__(self, path: Path, header: Header, scenario: AnyScenario, *,
                 expected: list[dict] | None = None, verify: bool = True,
                 writable: bool = True, valid_bytes: int | None = None) -> None:
        """Internal: use :meth:`create` or :func:`open_session`."""
        self.path = path
        self.header = header
        self.scenario = scenario
        self.seam = seam_of(scenario)
        self.model: Model | None = None
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
        # Version 1 logs have no trust events: continuing or replaying one leaves them out.
        self._trust_events = header.format_version >= 2
        self.format_version = header.format_version  # its checkpoints' state hash

    # --- making ---------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, scenario: AnyScenario, seed: int,
               controllers: dict | None = None, created: str | None = None,
               scenario_name: str = "", language: str = "nl", *, seasons: int = 1,
               base_dir: Path | str | None = None,
               fsync_checkpoints: bool = True,
               format_version: int = FORMAT_VERSION) -> SessionLog:
        """Start a new session log at `path` and write its header (never overwrites a file).

        `controllers` maps roles to seats at the start (see :func:`_controllers`; roles
        left out keep the scenario's bot); `created` is the caller's timestamp (ISO 8601);
        `seasons` is how many winters the session will run; `base_dir` is where relative
        paths in the scenario start (a town file). Human inputs, trainer events, season
        ends and the end are always fsynced; checkpoints too unless `fsync_checkpoints`
        is False (bot runs: a power cut then costs at most the bot events since the last
        input, which a resume recomputes; a crash or kill of the program costs nothing,
        as checkpoints are flushed to the OS). `format_version` writes an older format
        that an earlier release can read (one of READABLE_VERSIONS). Raises
        :class:`SessionLogError` if the file exists or cannot be created, ValueError for
        bad arguments.
        """
        from sim import __version__
        from sim.scenario.loader import scenario_hash

        path = Path(path)
        base = Path(base_dir).absolute() if base_dir is not None else None
        header = Header(
            kind="header", format=FORMAT, format_version=format_version,
            package_version=__version__, scenario_name=scenario_name,
            scenario=scenario.model_dump(mode="json"), scenario_hash=scenario_hash(scenario),
            seed=seed, seasons=seasons, language=language,
            controllers=controllers_from(scenario, controllers), created=created,
            base_dir=str(base) if base is not None else None,
            town_file_sha256=town_sha256(scenario, base))
        log = cls(path, header, scenario)
        log.fsync_checkpoints = fsync_checkpoints
        try:
            if path.parent and not path.parent.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
            fh = path.open("xb")
        except FileExistsError:
            raise error(path, 0, "already exists: a session log is never overwritten; "
                                  "choose another file name") from None
        except OSError as err:
            raise error(path, 0, f"cannot create: {err.strerror or err}") from None
        _lock(fh, path)
        log._fh = fh
        log._emit_line(dumps(header.model_dump(mode="json", exclude_none=True)), sync=True)
        return log

    def new_model(self) -> Model:
        """Build the session's first model (of the scenario's family) and attach it."""
        from sim.families import make_model

        base = Path(self.header.base_dir) if self.header.base_dir else None
        model = make_model(self.scenario, seed=self.header.seed, base_dir=base)
        self.attach(model)
        return model

    def attach(self, model: Model) -> Model:
        """Start logging a fresh model (hour 0 of the first season).

        The header's seats are applied to the model first (without logging: the header
        says so already); afterwards every event reaches the log.
        """
        from sim.scenario.loader import scenario_hash

        if self.model is not None:
            raise ValueError("this session log already has a model")
        if model.hour != 0 or model.season != 0 or self.seam.events(model):
            raise ValueError("attach a fresh model (hour 0 of the first season, no events "
                             "yet); give the starting seats to SessionLog.create")
        if scenario_hash(model.scenario) != self.header.scenario_hash or (
                model.seed != self.header.seed):
            raise ValueError("the model's scenario or seed differs from the log's header")
        apply_seats(model, header_seats(self.header))
        self._subscribe(model)
        return model

    # --- the session ----------------------------------------------------------------
    def step(self, model: Model | None = None) -> None:
        """``model.step()``, then a checkpoint if a simulated day has just closed."""
        model = model or self.model
        model.step()
        self.after_step(model)

    def after_step(self, model: Model | None = None) -> None:
        """Write the daily checkpoint when the model has just finished hour 23.

        :meth:`step` calls this; call it yourself only if you call ``model.step()``
        directly. Calling it again at the same hour does nothing.
        """
        model = model or self.model
        every = self.seam.checkpoint_ticks
        if model.hour % every == 0 and model.hour > self._checkpoint_hour:
            self._checkpoint_hour = model.hour
            self._record({"tick": model.hour, "kind": "checkpoint",
                          "day": model.hour // every - 1,
                          "hash": state_hash(model, self.format_version)})

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

    def next_season(self, model: Model | None = None) -> Model:
        """The following winter: logs `next_season` (with the finished season's KPIs),
        builds the next model with the relationship carried over, keeps every seat as it
        was, and attaches it. Use the returned model from then on.
        """
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
        self.seam.remove_listener(model, self._on_event)
        new = model.next_season()
        for event in list(self.seam.events(new)):  # e.g. a tender, decided at the start
            self._record(dict(event))
        apply_seats(new, seats)
        self._checkpoint_hour = 0
        self._subscribe(new)
        return new

    def close(self, model: Model | None = None) -> None:
        """End the session: the `end` event (KPIs, state hash, whether the season
        finished), then flush, fsync and close. Closing an ended log does nothing."""
        if self.ended:
            return
        model = model or self.model
        if model is not None:
            kpis = summary(model)
            kpis.update(self._earlier)
            self._record({"tick": model.hour, "kind": "end", "season": model.season,
                          "finished": model.finished, "kpis": kpis,
                          "hash": state_hash(model, self.format_version)})
            self.kpis = kpis
        self.ended = True
        self._close_file()

    def abandon(self) -> None:
        """Stop writing without an `end` event (the session can be resumed later)."""
        self._close_file()
        if self.model is not None:
            self.seam.remove_listener(self.model, self._on_event)

    def flush(self) -> None:
        """Write out and fsync everything recorded so far (e.g. when the trainer pauses)."""
        if self._pending and self._writable and not self._defer:
            line, _ = self._pending.pop()
            self._emit_line(line, sync=True)
        elif self._fh is not None:
            self._fh.flush()
            fsync(self._fh)

    def result(self, model: Model | None = None) -> RunResult:
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

    def hold_writes(self, hold: bool) -> None:
        """Resume: keep new lines back (True) until the re-run has matched the log."""
        self._defer = hold

    def expected(self, seq: int) -> dict | None:
        """The logged event with this seq, of the log being continued or replayed."""
        return self._expected[seq] if 0 <= seq < len(self._expected) else None

    def player_name(self, role: str) -> str | None:
        """The name of the person in a role now (None: a bot, or no name given)."""
        return self._names.get(role)

    def replay_trainer(self, event: dict) -> None:
        """Record a logged trainer event again (replay: it takes its seq in the re-run)."""
        self._record({k: v for k, v in event.items() if k != "seq"})

    def __enter__(self) -> SessionLog:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abandon()

    # --- internals ------------------------------------------------------------------
    def _subscribe(self, model: Model) -> None:
        self.model = model
        model.add_listener(self._on_event)

    def _on_event(self, event: dict) -> None:
        if event.get("kind") == "trust":
            if self._trust_events:
                self._record(event)  # Governance adds the tick, as to its own events
            return
        self._record(event)
        if event.get("kind") == "controller":
            self._names[event["role"]] = event.get("name") if event.get("bot") is None else None

    def _seats(self, model: Model) -> dict[str, tuple[object, str | None]]:
        """Each seat: a bot archetype name, or the person's seat (None: at the UI) + name."""
        seam = self.seam
        return {r: (seam.controller(model, r), self._names.get(r)) if seam.is_human(model, r)
                else (seam.controller(model, r).name, None) for r in self.header.controllers}

    def _record(self, event: dict) -> None:
        if self.ended:
            raise ValueError("the session log is closed")
        seq = self._seq
        full = {"seq": seq, **event}
        line = dumps(full)
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
        if canonical(want) == canonical(got):
            if want["kind"] == "checkpoint":
                self.checkpoints_verified += 1
            return
        raise ReplayDivergence(self.path, seq, want.get("tick", -1), difference(want, got))

    def _emit_line(self, line: str, sync: bool, flush: bool = False) -> None:
        if self._fh is None:
            self._open_for_append()
        for text in ([line] if not self._pending else [*(t for t, _ in self._pending), line]):
            self._fh.write(text.encode("ascii") + b"\n")
        self._pending = []
        if sync or flush:
            self._fh.flush()  # in the OS: survives a crash or kill of this program
        if sync:
            fsync(self._fh)  # on the disk: survives a power cut

    def _open_for_append(self) -> None:
        """Resume: cut an incomplete last line, then append."""
        try:
            fh = self.path.open("r+b")
        except OSError as err:
            raise error(self.path, 0, f"cannot open for writing: {err.strerror or err}") from None
        _lock(fh, self.path)
        if self._valid_bytes is not None:
            fh.truncate(self._valid_bytes)
        fh.seek(0, os.SEEK_END)
        self._fh = fh

    def _close_file(self) -> None:
        if self._fh is not None:
            try:
                self._fh.flush()
                fsync(self._fh)
            finally:
                self._fh.close()
                self._fh = None


def fsync(fh) -> None:
    """Put what was written to `fh` on the disk (survives a power cut)."""
    (getattr(os, "fdatasync", None) or os.fsync)(fh.fileno())


def check_unlocked(path: Path) -> None:
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
        raise error(path, 0, "is being written by another process") from None
