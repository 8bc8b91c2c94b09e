"""Replay: rebuilding a run from a session log's inputs, checking every event on the way.

One replay for every use: :func:`open_session` (continue a session in the same file),
:func:`replay` (``regie replay``: re-run and report the first divergence) and the
debrief's re-run all feed the log's inputs to a :class:`~sim.driver.Driver` through
:class:`LogInputs`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sim.driver import Driver, Source
from sim.session.compare import describe
from sim.session.format import (
    FORMAT_VERSION,
    Header,
    ReplayDivergence,
    error,
    is_input,
)
from sim.session.reader import SessionFile, read_log
from sim.session.seam import state_hash, summary, town_sha256
from sim.session.writer import Model, SessionLog, check_unlocked


def log_inputs(events: list[dict]) -> list[tuple[int, dict]]:
    """The log's inputs with their season, in seq order (docs/session-log.md)."""
    out, season = [], 0
    for e in events:
        if e["kind"] == "next_season":
            season = e["season"]
        elif is_input(e):
            out.append((season, e))
    return out


class LogInputs(Source):
    """The inputs of a session log, each re-applied at its (season, tick) in seq order.

    Human actions and rejections are submitted again, injects injected, seats handed
    over; trainer events are recorded again in the driver's log (if it has one). An input
    whose hour has passed raises :class:`ReplayDivergence`; one the model refuses raises
    :class:`SessionLogError` naming its line.
    """

    def __init__(self, events: list[dict], path: Path | str) -> None:
        self.inputs = log_inputs(events)
        self.next = 0
        self.path = Path(path)

    @property
    def done(self) -> bool:
        """Whether every input has been applied."""
        return self.next >= len(self.inputs)

    def before_hour(self, driver: Driver) -> None:
        here = driver.here
        while not self.done and (self.inputs[self.next][0],
                                 self.inputs[self.next][1]["tick"]) == here:
            event = self.inputs[self.next][1]
            try:
                _apply(driver, event)
            except ReplayDivergence:
                raise
            except Exception as err:  # log content reaches the model here
                raise error(self.path, event["seq"] + 2, f"cannot re-apply this "
                            f"{event['kind']}: {type(err).__name__}: {err}") from None
            self.next += 1
        if not self.done and (self.inputs[self.next][0],
                              self.inputs[self.next][1]["tick"]) < here:
            event = self.inputs[self.next][1]
            raise ReplayDivergence(self.path, event["seq"], event["tick"],
                                   f"{describe(event)} at tick {event['tick']} cannot be "
                                   f"applied: the re-run is already at tick {here[1]}")


def _apply(driver: Driver, event: dict) -> None:
    model, kind = driver.model, event["kind"]
    if kind in ("action", "rejected"):
        model.submit(event["role"], event["action"])
    elif kind == "inject":
        model.inject(event["name"], event["severity"], event["source"])
    elif kind == "controller":
        model.set_controller(event["role"], event["bot"], event.get("name"))
    elif kind == "trainer":
        if driver.log is not None:
            driver.log.replay_trainer(event)
        if event["act"].startswith("design_"):  # the trainer closed or extended the phase
            from sim.design.classroom import replay

            replay(model, event)


def check_town(sf: SessionFile, base_dir: Path | None) -> None:
    """Refuse a log whose town file changed since the session was recorded."""
    if sf.header.town_file_sha256 is not None:
        current = town_sha256(sf.scenario, base_dir)
        if current is not None and current != sf.header.town_file_sha256:
            raise error(sf.path, 1, "the town file changed since the session was recorded",
                        "town_file_sha256")


def rebuild(sf: SessionFile, log: SessionLog, *, base_dir: Path | None,
            progress: Callable[[int, int], None] | None) -> Model:
    """Re-run the log's inputs until the log is used up (or its `end` position)."""
    from sim.families import make_model

    check_town(sf, base_dir)
    model = make_model(sf.scenario, seed=sf.header.seed, base_dir=base_dir)
    log.attach(model)
    inputs = LogInputs(sf.events, sf.path)
    end = sf.end
    end_at = (end["season"], end["tick"]) if end is not None else None

    def until(driver: Driver) -> bool:
        if end_at is None:
            return log.caught_up
        return driver.here == end_at and inputs.done

    driver = Driver(model, log=log, sources=[inputs], progress=progress)
    status = driver.run(until)
    if status == "finished":
        raise _beyond(log, sf.path, "the season is over")
    if status == "waiting":
        raise _beyond(log, sf.path, "the model waits for a person to answer a decision point")
    return driver.model


def _beyond(log: SessionLog, path: Path, why: str) -> ReplayDivergence:
    if log.caught_up:
        return ReplayDivergence(path, log.seq, -1, f"the log ends, but {why}")
    want = log.expected(log.seq) or {}
    return ReplayDivergence(path, log.seq, want.get("tick", -1),
                            f"logged {describe(want)}, but {why}")


def open_session(path: Path | str, *, base_dir: Path | str | None = None,
                 progress: Callable[[int, int], None] | None = None
                 ) -> tuple[Model, SessionLog]:
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
        check_unlocked(sf.path)
    log = SessionLog(sf.path, sf.header, sf.scenario, expected=sf.events,
                     valid_bytes=sf.valid_bytes)
    log.dropped = sf.dropped
    log.hold_writes(True)
    base = sf.base_dir(base_dir)
    try:
        model = rebuild(sf, log, base_dir=base, progress=progress)
        if sf.complete:
            log.close(model)  # checks the end event's KPIs and state hash; writes nothing
    except ReplayDivergence as div:
        raise error(sf.path, div.line, "cannot resume: the re-run does not reproduce the "
                     f"log (seq {div.seq}): {div.message}"
                     + _version_note(sf.header)) from None
    log.hold_writes(False)
    return model, log


def _version_note(header: Header) -> str:
    from sim import __version__

    if header.package_version != __version__:
        return (f" (the log was written by regiekamer {header.package_version} in format "
                f"version {header.format_version}, this is {__version__})")
    return ""


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
    format_version: int = FORMAT_VERSION  # of the log (1: no trust events; 1-2: hash 1)

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
        model = rebuild(sf, log, base_dir=base, progress=progress)
        if sf.complete:
            log.close(model)
    except ReplayDivergence as div:
        divergence = div
        model = log.model
    kpis = log.kpis or (summary(model) if model is not None else {})
    checked = divergence.seq if divergence is not None else min(log.seq, len(sf.events))
    return ReplayReport(path=sf.path, events=len(sf.events), checked=checked,
                        checkpoints=log.checkpoints_verified, complete=sf.complete,
                        tick=model.hour if model is not None else 0,
                        season=model.season if model is not None else 0, kpis=kpis,
                        state_hash=state_hash(model, sf.header.format_version)
                        if model is not None else "",
                        dropped=sf.dropped, divergence=divergence, verified=verify,
                        format_version=sf.header.format_version)
