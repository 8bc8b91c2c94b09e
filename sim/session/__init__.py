"""The session log: one append-only JSONL file per session, for resume, replay and debrief.

The format is specified in ``docs/session-log.md``. The package is split by idea:
:mod:`~sim.session.format` (versions, header, event kinds), :mod:`~sim.session.statehash`,
:mod:`~sim.session.reader`, :mod:`~sim.session.writer`, :mod:`~sim.session.replay`
(replay and verify, one for every use), :mod:`~sim.session.runs` (logged bot runs) and
:mod:`~sim.session.export`. Nothing here prints, reads the clock or pickles: the header's
``created`` time is passed in by the caller, and the state is identified by
:func:`state_hash`. Every run steps through :class:`sim.driver.Driver`.

Writing a session (the game does exactly this; ``regie run --log`` does it with bots)::

    log = SessionLog.create(path, scenario, seed, controllers={
        "regisseur": {"type": "human", "name": "Anna"}}, created="2026-11-23T10:00:00Z",
        scenario_name="gladheid_gedwongen_winkelnering", language="nl")
    driver = Driver(log.new_model(), log=log)
    while not driver.model.finished:
        ...        # a person answers: driver.model.submit("regisseur", action)
        ...        # trainer acts: model.inject(...), model.set_controller(...),
        ...        #   log.log_trainer("bookmark", tag="...", note="...")
        driver.step_hour()  # model.step() + a checkpoint after hour 23
    # several winters: driver.next_season() once a season is finished
    log.close(driver.model)  # the `end` event with the KPIs and the state hash

Continuing after a crash: ``model, log = open_session(path)`` returns the model standing
where the log ends and a log that appends to the same file; carry on as above.
``resume(path)`` does that and runs the rest of the session with bots; ``replay(path)``
re-runs a log and reports the first divergence; ``export(path, out)`` anonymises it.
"""

from sim.session.export import ExportReport, export
from sim.session.format import (
    EVENT_KINDS,
    FORMAT,
    FORMAT_VERSION,
    MAX_LINE_BYTES,
    READABLE_VERSIONS,
    ControllerSpec,
    Header,
    ReplayDivergence,
    SessionLogError,
    is_input,
)
from sim.session.reader import SessionFile, iter_events, read_log
from sim.session.replay import LogInputs, ReplayReport, open_session, replay
from sim.session.runs import resume, run_logged
from sim.session.seam import state_hash
from sim.session.writer import SessionLog

__all__ = [
    "EVENT_KINDS",
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_LINE_BYTES",
    "READABLE_VERSIONS",
    "ControllerSpec",
    "ExportReport",
    "Header",
    "LogInputs",
    "ReplayDivergence",
    "ReplayReport",
    "SessionFile",
    "SessionLog",
    "SessionLogError",
    "export",
    "is_input",
    "iter_events",
    "open_session",
    "read_log",
    "replay",
    "resume",
    "run_logged",
    "state_hash",
]
