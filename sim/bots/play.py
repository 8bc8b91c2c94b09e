"""Playing scripted players in human seats, and recording the session they play.

The players act before each hour is stepped, through `model.submit`, so the log they leave
is the one a classroom leaves (`sim.session.SessionLog`). Tests, the benchmarks, sweeps of
debriefs and the screenshots use it as "a learner":

    record_session("s.jsonl", scenario, seed, {"regisseur": make_player("regisseur", "relational")})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from sim.bots.scripted import ScriptedPlayer
from sim.driver import Driver, EachHour, Trainer, TrainerAct
from sim.model import RegieModel
from sim.session import SessionLog

Act = tuple[int, dict]  # (tick, {"act": "bookmark", ...} or {"inject": name, ...})
PASSES = 6  # answering rounds per hour: an answer may raise a new point (a meeting)


def play_hour(model, players: dict[str, ScriptedPlayer]) -> None:
    """Let the scripted players act at the current hour (answering until nobody waits)."""
    gov = model.governance
    hod = model.hour % 24
    for _ in range(PASSES):
        acted = False
        for role, player in players.items():
            if not (gov.board.open_for(role) or hod in player.active_hours):
                continue
            for action in player.decide(model.observe(role)):
                model.submit(role, action)
                acted = True
            if not gov.board.open_for(role):
                continue
            for p in gov.board.open_for(role):  # a point the script left open: first option
                model.submit(role, dict(p.options[0]))
        if not model.waiting_for_humans() or not acted:
            break
        hod = -1  # further passes only answer points


def record_session(path: str | Path, scenario, seed: int,
                   players: dict[str, ScriptedPlayer], *,
                   names: dict[str, str] | None = None, trainer: Iterable[Act] = (),
                   scenario_name: str = "", created: str = "2026-01-12T09:00:00Z",
                   language: str = "nl", on_model: Callable | None = None,
                   base_dir: Path | str | None = None,
                   format_version: int | None = None) -> Path:
    """Play a session with scripted players in human seats and write its log (the same
    file the game writes). `names` are the players' names in the log header; `trainer`
    acts happen at their tick; `on_model` sees the model before the first hour;
    `base_dir` is where the scenario's relative paths start; `format_version` an older
    log format (None: the newest)."""
    path = Path(path)
    names = names or {}
    for player in players.values():
        if player.scenario is None:
            player.scenario = scenario
    controllers = {r: {"type": "human", "name": names.get(r, p.name)} for r, p in players.items()}
    log = SessionLog.create(path, scenario, seed, controllers=controllers, created=created,
                            scenario_name=scenario_name, language=language,
                            base_dir=base_dir,
                            **({} if format_version is None else
                               {"format_version": format_version}))
    with log:
        model = log.new_model()
        if on_model is not None:
            on_model(model)
        play_season(model, players, trainer, log=log)
        log.close(model)
    return path


def play_season(model: RegieModel, players: dict[str, ScriptedPlayer],
                trainer: Iterable[Act] = (), log: SessionLog | None = None) -> RegieModel:
    """Play the model's season to its end through the driver: the trainer's acts at their
    tick (an act at or after the season's end is never done), then the players, then the
    step; written to `log` if given. Each player's seat goes to a person first if a bot
    holds it; a seat the trainer hands to a bot leaves its player out. Returns the model."""
    players = dict(players)
    for role, player in players.items():
        if player.scenario is None:
            player.scenario = model.scenario
        if not model.governance.awaits_ui(role):
            model.set_controller(role, None, player.name)
    acts = [_trainer_act(tick, act) for tick, act in sorted(trainer, key=lambda a: a[0])
            if tick < model.hours]
    trainer_source = Trainer(acts, on_act=lambda _d, act: _seat_taken(players, act))
    driver = Driver(model, log=log,
                    sources=[trainer_source, EachHour(lambda m: play_hour(m, players))])
    while driver.run() == "waiting":  # points raised by the last answers: play again
        if not _awaited(model) <= set(players):
            raise ValueError("a person's seat with no scripted player must answer: "
                             f"{sorted(_awaited(model) - set(players))}")
    return model


def _awaited(model) -> set[str]:
    """Roles whose open decision points wait for a person."""
    gov = model.governance
    return {p.role for p in gov.board.open_points() if gov.awaits_ui(p.role)}


def _trainer_act(tick: int, act: dict) -> TrainerAct:
    """A recorder trainer act (`{"inject": name}`, `{"seat": role}` or `{"act": what}`)
    as the driver's."""
    if "inject" in act:
        return TrainerAct(0, tick, "inject", {"name": act["inject"],
                                              "severity": act.get("severity", 0.5)})
    if "seat" in act:
        return TrainerAct(0, tick, "seat", {"role": act["seat"], "bot": act.get("bot"),
                                            "name": act.get("name")})
    return TrainerAct(0, tick, "log", {k: act[k] for k in ("act", "tag", "note", "private")
                                       if k in act})


def _seat_taken(players: dict[str, ScriptedPlayer], act: TrainerAct) -> None:
    """A seat given to a bot archetype is no longer the scripted player's."""
    if act.what == "seat" and act.args.get("bot") is not None:
        players.pop(act.args["role"], None)
