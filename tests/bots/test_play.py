"""The session recorder: scripted players in human seats, played through the driver, leave
the log a classroom leaves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim.bots import make_player
from sim.bots.play import play_season, record_session
from sim.model import RegieModel
from sim.scenario.loader import load_scenario, resolve_scenario
from sim.session import replay, state_hash

SEED = 3
MEDIA = (40, {"inject": "media_storm", "severity": 1.0})


def short():
    return load_scenario(resolve_scenario(None), ["weather.days=6"])


def events(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def record(path: Path, players: dict, trainer=()) -> Path:
    return record_session(path, short(), SEED, players, trainer=trainer)


def test_a_recorded_session_replays_to_its_end(tmp_path: Path) -> None:
    log = record(tmp_path / "s.jsonl", {"regisseur": make_player("regisseur", "outcome")},
                 [MEDIA])
    report = replay(log)
    assert report.complete and report.divergence is None
    assert report.state_hash == events(log)[-1]["hash"]


def test_recording_twice_gives_the_same_log(tmp_path: Path) -> None:
    logs = [record(tmp_path / f"{i}.jsonl", {"executor": make_player("executor", "honest")})
            for i in range(2)]
    assert logs[0].read_bytes() == logs[1].read_bytes()


def test_the_log_changes_nothing_in_the_season(tmp_path: Path) -> None:
    log = record(tmp_path / "s.jsonl", {"wethouder": make_player("wethouder", "meddling")},
                 [MEDIA])
    model = RegieModel(short(), seed=SEED)
    play_season(model, {"wethouder": make_player("wethouder", "meddling")}, [MEDIA])
    assert state_hash(model) == events(log)[-1]["hash"]


def test_the_players_act_as_a_person(tmp_path: Path) -> None:
    log = record(tmp_path / "s.jsonl", {"regisseur": make_player("regisseur", "micromanager")})
    header = events(log)[0]
    assert header["controllers"]["regisseur"] == {"type": "human", "name": "micromanager"}
    by = [e["by"] for e in events(log) if e["kind"] == "action" and e["role"] == "regisseur"]
    assert "human" in by and "bot" not in by  # (a beslisregel may act for the role too)


def test_a_seat_handed_to_a_bot_leaves_its_player_out(tmp_path: Path) -> None:
    log = record(tmp_path / "s.jsonl", {"regisseur": make_player("regisseur", "micromanager")},
                 [(50, {"seat": "regisseur", "bot": "absent"})])
    ticks = [e["tick"] for e in events(log) if e["kind"] == "action"
             and e["role"] == "regisseur" and e["by"] == "human"]
    assert ticks and max(ticks) < 50


def test_a_persons_seat_without_a_player_is_refused_not_waited_for(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no scripted player"):
        record(tmp_path / "s.jsonl", {}, [(10, {"seat": "executor", "bot": None})])


def test_a_trainer_act_at_the_seasons_end_is_never_done(tmp_path: Path) -> None:
    hours = short().weather.days * 24
    log = record(tmp_path / "s.jsonl", {}, [(hours, {"act": "bookmark", "tag": "late"})])
    assert not [e for e in events(log) if e["kind"] == "trainer"]
