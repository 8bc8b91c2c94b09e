"""The driver: the one way a model is stepped through its season(s), fed by its sources."""

from __future__ import annotations

from pathlib import Path

from sim.driver import Driver, EachHour, Source, Trainer, TrainerAct
from sim.model import RegieModel
from sim.session import SessionLog, read_log, state_hash
from tests.session.conftest import BASE_DIR, scenario

DAYS = 6


def _model(days: int = DAYS, seed: int = 3) -> RegieModel:
    return RegieModel(scenario(days), seed=seed, base_dir=BASE_DIR)


class _Hours(Source):
    """Notes every (season, hour) it is asked to act at, and the season hooks."""

    def __init__(self) -> None:
        self.seen: list[tuple[int, int]] = []
        self.over: list[int] = []
        self.begun: list[int] = []

    def before_hour(self, driver: Driver) -> None:
        self.seen.append(driver.here)

    def season_over(self, driver: Driver) -> None:
        self.over.append(driver.model.season)

    def season_begun(self, driver: Driver) -> None:
        self.begun.append(driver.model.season)


def test_a_run_without_sources_is_the_models_own_season() -> None:
    alone = _model()
    alone.run_season()
    driven = _model()
    assert Driver(driven).run() == "finished"
    assert driven.finished and state_hash(driven) == state_hash(alone)


def test_sources_act_at_every_hour_and_at_the_seasons_end() -> None:
    hours = _Hours()
    model = _model()
    Driver(model, sources=[hours]).run()
    assert hours.seen == [(0, h) for h in range(model.hours + 1)]


def test_until_a_position_stops_there_after_the_sources_acted() -> None:
    hours = _Hours()
    driver = Driver(_model(), sources=[hours])
    assert driver.run(until=(0, 50)) == "until"
    assert driver.here == (0, 50) and hours.seen[-1] == (0, 50)


def test_until_a_condition_stops_when_it_holds() -> None:
    driver = Driver(_model())
    assert driver.run(until=lambda d: d.model.day == 2) == "until"
    assert driver.model.hour == 48


def test_an_unanswered_person_stops_the_run_waiting() -> None:
    model = _model()
    model.set_controller("regisseur", None)
    driver = Driver(model)
    assert driver.run() == "waiting"
    assert model.waiting_for_humans() and not model.finished


def test_a_person_answering_each_hour_lets_the_season_finish() -> None:
    def answer(model: RegieModel) -> None:
        for p in model.observe("regisseur")["decisions"]:
            model.submit("regisseur", dict(p["options"][0]))

    model = _model()
    model.set_controller("regisseur", None)
    assert Driver(model, sources=[EachHour(answer)]).run() == "finished"


def test_trainer_acts_happen_at_their_hour_in_order() -> None:
    model = _model()
    acts = [TrainerAct(0, 30, "inject", {"name": "media_storm", "severity": 0.7}),
            TrainerAct(0, 30, "seat", {"role": "regisseur", "bot": "absent"})]
    Driver(model, sources=[Trainer(acts)]).run()
    done = [(e["tick"], e["kind"]) for e in model.governance.events
            if e["kind"] in ("inject", "controller")]
    assert done == [(30, "inject"), (30, "controller")]


def test_a_trainer_act_whose_hour_has_passed_is_done_at_once() -> None:
    driver = Driver(_model())
    driver.run(until=(0, 40))
    driver.sources.append(Trainer([TrainerAct(0, 10, "inject", {"name": "media_storm"})]))
    driver.run(until=(0, 41))
    injects = [e["tick"] for e in driver.model.governance.events if e["kind"] == "inject"]
    assert injects == [40]


def test_several_winters_tell_the_sources_when_a_season_ends_and_begins() -> None:
    hours = _Hours()
    driver = Driver(_model(days=3), sources=[hours], seasons=2)
    assert driver.run() == "finished"
    assert driver.model.season == 1 and driver.model.finished
    assert hours.over == [0] and hours.begun == [1]
    assert (1, 0) in hours.seen


def test_progress_counts_hours_of_all_winters_every_day() -> None:
    calls: list[tuple[int, int]] = []
    driver = Driver(_model(days=3), seasons=2, progress=lambda d, t: calls.append((d, t)))
    driver.run()
    total = 2 * 3 * 24
    assert calls == [(d, total) for d in range(24, total + 1, 24)]


def test_with_a_log_it_writes_daily_checkpoints_and_the_season_change(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log = SessionLog.create(path, scenario(2), 3, seasons=2, base_dir=BASE_DIR)
    driver = Driver(log.new_model(), log=log)
    assert driver.seasons == 2
    driver.run()
    log.close(driver.model)
    kinds = [e["kind"] for e in read_log(path).events]
    assert kinds.count("checkpoint") == 4 and kinds.count("next_season") == 1
