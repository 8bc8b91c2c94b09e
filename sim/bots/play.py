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
from sim.session import SessionLog

TrainerAct = tuple[int, dict]  # (tick, {"act": "bookmark", ...} or {"inject": name, ...})
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
                   names: dict[str, str] | None = None, trainer: Iterable[TrainerAct] = (),
                   scenario_name: str = "", created: str = "2026-01-12T09:00:00Z",
                   language: str = "nl", on_model: Callable | None = None) -> Path:
    """Play a session with scripted players in human seats and write its log (the same
    file the game writes). `names` are the players' names in the log header; `trainer`
    acts happen at their tick; `on_model` sees the model before the first hour."""
    path = Path(path)
    names = names or {}
    for player in players.values():
        if player.scenario is None:
            player.scenario = scenario
    acts = sorted(trainer, key=lambda a: a[0])
    controllers = {r: {"type": "human", "name": names.get(r, p.name)} for r, p in players.items()}
    log = SessionLog.create(path, scenario, seed, controllers=controllers, created=created,
                            scenario_name=scenario_name, language=language)
    with log:
        model = log.new_model()
        if on_model is not None:
            on_model(model)
        _play(model, dict(players), acts, log)
        log.close(model)
    return path


def _play(model, players: dict[str, ScriptedPlayer], acts: list[TrainerAct], log) -> None:
    """The season, hour by hour: trainer acts due, the players, then the step."""
    i = 0
    while not model.finished:
        while i < len(acts) and acts[i][0] <= model.hour:
            act = acts[i][1]
            if "inject" in act:
                model.inject(act["inject"], act.get("severity", 0.5), "trainer")
            elif "seat" in act:
                model.set_controller(act["seat"], act.get("bot"), act.get("name"))
                if act.get("bot") is not None:
                    players.pop(act["seat"], None)
            else:
                log.log_trainer(act["act"], tag=act.get("tag", ""), note=act.get("note", ""),
                                private=act.get("private", False))
            i += 1
        play_hour(model, players)
        log.step(model)
