"""The one way to step a model through its season(s), fed by input sources.

Every run goes through :class:`Driver`: ``regie run``, several winters, a session log's
resume and replay, the debrief's re-run and ghost runs, scripted players and the game's
clock. The bots act inside the model; everything from outside (a log's inputs, a person,
a trainer) arrives through a :class:`Source`, called at each hour before it is stepped.

API::

    driver = Driver(model, log=None, sources=[...], seasons=1, progress=None)
    status = driver.run(until=None)   # "until" | "finished" | "waiting"
    driver.step_hour()                # one hour (+ the log's daily checkpoint); True if it moved
    driver.next_season()              # the next winter (logged if there is a log)
    driver.model                      # the current model (a new one after next_season)

``run(until)`` loops: call every source's ``before_hour`` -> stop if `until` holds ->
at the end of a season, go to the next winter while ``model.season + 1 < seasons``, else
stop ("finished") -> stop if a person must answer and nobody did ("waiting") -> step.
`until` is None (to the end of the last season), a ``(season, hour)`` to stop at (the
sources still get that hour), or a callable ``until(driver) -> bool``.

With a :class:`~sim.session.SessionLog` as `log`, the driver steps through ``log.step``
(daily checkpoints), moves winters through ``log.next_season`` and takes the number of
winters from the log's header; without one, ``model.next_season()``. `progress(done,
total)` gets simulated hours done and the hours of all winters, every 24 hours and at a
season's end.

Sources (subclass :class:`Source`; every hook is optional)::

    before_hour(driver)   # act on driver.model now: submit, inject, set_controller, ...
    season_over(driver)   # the season has ended; driver.model is still the finished one
    season_begun(driver)  # driver.model is the new winter

Ready-made: :class:`Trainer` (injects, seat changes and logged trainer acts at given
hours), :class:`EachHour` (a callable for people or scripted players in human seats), and
``sim.session.LogInputs`` (the inputs of a session log: replay, resume, debrief re-run).

Example: scripted players in human seats, a trainer inject, two winters, logged
(``sim.bots.play.play_season`` does this for the recorder)::

    from sim.bots.play import play_hour

    log = SessionLog.create(path, scenario, seed, controllers={"regisseur": None},
                            seasons=2)
    trainer = Trainer([TrainerAct(0, 80, "inject", {"name": "media_storm",
                                                     "severity": 0.7})])
    driver = Driver(log.new_model(), log=log,
                    sources=[trainer, EachHour(lambda m: play_hour(m, players))])
    driver.run()
    log.close(driver.model)

The game steps hour by hour instead: ``driver.step_hour()`` while its clock runs
(people act between frames through ``model.submit``, so they need no source).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from sim.session import SessionLog

RegieModel = Any
"""A model of any family (sim.families): the Driver reads ``step()``, ``hour`` (its tick:
an hour in gladheid, a week in procesregie), ``hours``, ``season``, ``finished``,
``waiting_for_humans()`` and ``next_season()``, and nothing else."""

Status = Literal["until", "finished", "waiting"]
Until = Callable[["Driver"], bool] | tuple[int, int] | None
Progress = Callable[[int, int], None]


class Source:
    """Something that acts on the model from outside: a log, a person, a trainer.

    Also the place for observers (a ghost run collecting each season's figures): every
    hook is optional and does nothing here.
    """

    def before_hour(self, driver: Driver) -> None:
        """Act at ``driver.model.hour`` before it is stepped (may be called again at the
        same hour while the clock stands still, and once at a season's last position)."""

    def season_over(self, driver: Driver) -> None:
        """The season ended; ``driver.model`` is the finished model (before the next)."""

    def season_begun(self, driver: Driver) -> None:
        """``driver.model`` is a new winter (after :meth:`Driver.next_season`)."""


class Driver:
    """Steps a model until a condition holds, feeding it its sources (module docstring)."""

    def __init__(self, model: RegieModel, *, log: SessionLog | None = None,
                 sources: Iterable[Source] = (), seasons: int | None = None,
                 progress: Progress | None = None) -> None:
        self.model = model
        self.log = log
        self.sources: list[Source] = list(sources)
        if seasons is None:
            seasons = log.header.seasons if log is not None else model.season + 1
        self.seasons = seasons
        self.progress = progress

    @property
    def here(self) -> tuple[int, int]:
        """(season, hour) the model stands at."""
        return self.model.season, self.model.hour

    @property
    def total_hours(self) -> int:
        """Hours of all winters of the run (the `total` given to `progress`)."""
        return self.model.hours * self.seasons

    def feed(self) -> None:
        """Let every source act at the current hour."""
        for source in self.sources:
            source.before_hour(self)

    def step_hour(self) -> bool:
        """Step one hour (with the log's daily checkpoint); False if the clock stood still
        (a person must answer first, or the season is over)."""
        model = self.model
        hour = model.hour
        if self.log is not None:
            self.log.step(model)
        else:
            model.step()
        moved = model.hour != hour
        if moved and self.progress is not None and (model.hour % 24 == 0 or model.finished):
            self.progress(model.season * model.hours + model.hour, self.total_hours)
        return moved

    def next_season(self) -> RegieModel:
        """Tell the sources the season is over, start the next winter (through the log if
        there is one), tell them it has begun; returns the new model."""
        for source in self.sources:
            source.season_over(self)
        if self.log is not None:
            self.model = self.log.next_season(self.model)
        else:
            self.model = self.model.next_season()
        for source in self.sources:
            source.season_begun(self)
        return self.model

    def run(self, until: Until = None) -> Status:
        """Step until `until` holds ("until"), the last season ends ("finished"), or a
        person must answer a decision point that no source answered ("waiting")."""
        done = _until(until)
        while True:
            self.feed()
            if done is not None and done(self):
                return "until"
            model = self.model
            if model.finished:
                if model.season + 1 < self.seasons:
                    self.next_season()
                    continue
                return "finished"
            if model.waiting_for_humans():
                return "waiting"
            self.step_hour()


def _until(until: Until) -> Callable[[Driver], bool] | None:
    if until is None or callable(until):
        return until
    stop = (int(until[0]), int(until[1]))
    return lambda d: d.here >= stop


# ----------------------------------------------------------------- sources ----------
@dataclass(frozen=True)
class TrainerAct:
    """One trainer act at (season, tick): ``what`` is "inject" (name, severity, source),
    "seat" (role, bot, name: None bot = a person) or "log" (act, tag, note, private,
    value: an act that does not change the model, written to the session log)."""

    season: int
    tick: int
    what: Literal["inject", "seat", "log"]
    args: dict[str, Any] = field(default_factory=dict)


class Trainer(Source):
    """Trainer acts at given hours, in the given order; an act whose hour has passed is
    done at the first hour the driver reaches after it. `on_act(driver, act)` is told
    after each act (e.g. to note who held a seat when)."""

    def __init__(self, acts: Sequence[TrainerAct],
                 on_act: Callable[[Driver, TrainerAct], None] | None = None) -> None:
        self.acts = list(acts)
        self.next = 0
        self.on_act = on_act

    def before_hour(self, driver: Driver) -> None:
        here = driver.here
        while self.next < len(self.acts) and (
                (self.acts[self.next].season, self.acts[self.next].tick) <= here):
            act = self.acts[self.next]
            self.next += 1
            apply_trainer_act(driver, act)
            if self.on_act is not None:
                self.on_act(driver, act)


def apply_trainer_act(driver: Driver, act: TrainerAct) -> None:
    """Do one trainer act on the driver's model (and log)."""
    a, model = act.args, driver.model
    if act.what == "inject":
        model.inject(a["name"], a.get("severity", 0.5), a.get("source", "trainer"))
    elif act.what == "seat":
        model.set_controller(a["role"], a.get("bot"), a.get("name"))
    elif act.what == "log":
        if driver.log is not None:
            driver.log.log_trainer(a["act"], tag=a.get("tag", ""), note=a.get("note", ""),
                                   private=a.get("private", False), value=a.get("value"))
    else:
        raise ValueError(f"unknown trainer act {act.what!r}")


class EachHour(Source):
    """`act(model)` at every hour before it is stepped, not once the season is over:
    people or scripted players in human seats (they act through ``model.submit``)."""

    def __init__(self, act: Callable[[RegieModel], None]) -> None:
        self.act = act

    def before_hour(self, driver: Driver) -> None:
        if not driver.model.finished:
            self.act(driver.model)
