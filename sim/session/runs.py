"""Logged runs with bots: ``regie run --log`` and ``regie resume`` (finishing a session)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sim.driver import Driver
from sim.session.format import error
from sim.session.replay import open_session
from sim.session.seam import seam_of
from sim.session.seats import controllers_from
from sim.session.writer import AnyScenario, Model, SessionLog

if TYPE_CHECKING:
    from sim.run import RunResult


def run_bots(log: SessionLog, model: Model,
             progress: Callable[[int, int], None] | None) -> Model:
    """Run bots to the end of the log's last season, logging everything; returns the
    last model. Raises :class:`SessionLogError` if a person must answer first."""
    driver = Driver(model, log=log, progress=progress)
    if driver.run() == "waiting":
        model = driver.model
        roles = seam_of(model).waiting_roles(model)
        raise error(log.path, 0, f"waiting for a person ({', '.join(roles)}) at tick "
                                 f"{model.hour}")
    return driver.model


def run_logged(scenario: AnyScenario, seed: int, path: Path | str, *,
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
    specs = controllers_from(scenario, controllers)
    humans = [r for r, s in specs.items() if s.type == "human"]
    if humans:
        raise ValueError(f"run_logged runs bots only; {', '.join(humans)} has no bot")
    path = Path(str(path).replace("{seed}", str(seed)))
    log = SessionLog.create(path, scenario, seed, specs, created, scenario_name,
                            seasons=seasons, base_dir=base_dir,
                            fsync_checkpoints=fsync_checkpoints)
    with log:
        model = log.new_model()
        model = run_bots(log, model, progress)
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
    seam = seam_of(model)
    humans = [r for r in log.header.controllers if seam.is_human(model, r)]
    if humans and not bots:
        names = ", ".join(f"{r} ({log.player_name(r) or 'a person'})" for r in humans)
        raise error(log.path, 0, f"people hold seats: {names}; continue it in the game, or "
                                 "pass --bots to hand their seats to the scenario's bots")
    log.fsync_checkpoints = False  # bots from here on: nothing that cannot be recomputed
    try:
        for role in humans:
            model.set_controller(role, seam.default_bot(log.scenario, role), None)
        model = run_bots(log, model, progress)
        log.close(model)
    except BaseException:
        log.abandon()
        raise
    return log.result(model)
