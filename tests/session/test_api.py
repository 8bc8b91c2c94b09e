"""The session-log API: same outcomes with and without a log, several winters, the header,
no overwriting, one writer per file, and what the state hash responds to."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from sim.cli import main
from sim.model import RegieModel
from sim.seasons import run_seasons
from sim.session import (
    SessionLog,
    SessionLogError,
    open_session,
    read_log,
    replay,
    resume,
    run_logged,
    state_hash,
)
from tests.session.conftest import scenario


def test_logged_run_has_the_outcomes_of_a_plain_run(tmp_path: Path) -> None:
    sc = scenario(10)
    logged = run_logged(sc, 4, tmp_path / "log-{seed}.jsonl")
    plain = run_seasons(sc, 4)
    assert logged.kpis == plain.kpis
    pd.testing.assert_frame_equal(logged.daily, plain.daily)
    sf = read_log(tmp_path / "log-4.jsonl")  # {seed} filled in
    assert sf.end["kpis"] == plain.kpis and sf.complete
    header = sf.header_raw
    assert header["seed"] == 4 and header["seasons"] == 1 and "created" not in header
    assert header["controllers"]["executor"] == {"type": "bot", "bot": "cooperative"}


def test_several_winters(tmp_path: Path) -> None:
    sc = scenario(8, "contract.sourcing=market", "contract.period_years=1")
    path = tmp_path / "s.jsonl"
    logged = run_logged(sc, 9, path, seasons=2)
    assert logged.kpis == run_seasons(sc, 9, 2).kpis
    events = read_log(path).events
    starts = [e for e in events if e["kind"] == "next_season"]
    assert [e["season"] for e in starts] == [1]
    assert any(e["kind"] == "tender" for e in events)  # raised while the winter is built
    assert replay(path).ok
    data = path.read_bytes()
    lines = data.splitlines(keepends=True)
    second = next(i for i, e in enumerate(events) if e["kind"] == "next_season")
    for cut in (second + 2, len(lines) - 3):
        crashed = tmp_path / f"cut{cut}.jsonl"
        crashed.write_bytes(b"".join(lines[:cut]))
        assert resume(crashed).kpis == logged.kpis
        assert crashed.read_bytes() == data


def test_header_only_log_resumes_from_the_start(tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    run_logged(scenario(5), 1, full)
    path = tmp_path / "h.jsonl"
    path.write_bytes(full.read_bytes().splitlines(keepends=True)[0])
    assert main(["resume", str(path), "--quiet"]) == 0
    assert path.read_bytes() == full.read_bytes()


def test_a_log_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(b"precious\n")
    code = main(["run", "--days", "3", "--log", str(path), "--quiet"])
    assert code == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == b"precious\n"


def test_one_writer_per_log(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log = SessionLog.create(path, scenario(3), 1)
    model = log.new_model()
    log.step(model)
    with pytest.raises(SessionLogError, match="being written by another process"):
        open_session(path)
    log.abandon()
    model2, log2 = open_session(path)  # free again
    assert model2.hour == 0 and not log2.ended
    log2.abandon()


def test_attach_and_trainer_checks(tmp_path: Path) -> None:
    log = SessionLog.create(tmp_path / "s.jsonl", scenario(3), 1,
                            controllers={"wethouder": None})
    used = RegieModel(scenario(3), seed=1)
    used.step()
    with pytest.raises(ValueError, match="fresh model"):
        log.attach(used)
    other = RegieModel(scenario(3), seed=2)
    with pytest.raises(ValueError, match="seed"):
        log.attach(other)
    model = log.new_model()
    assert model.governance.is_human("wethouder")
    with pytest.raises(ValueError, match="trainer act"):
        log.log_trainer("dance")
    with pytest.raises(ValueError, match="runs bots only"):
        run_logged(scenario(3), 1, tmp_path / "x.jsonl", controllers={"regisseur": None})
    log.abandon()


def test_early_end_replays(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log = SessionLog.create(path, scenario(6), 2)
    model = log.new_model()
    for _ in range(50):
        log.step(model)
    log.log_trainer("end_round", tag="tijd op")
    log.close(model)
    end = read_log(path).end
    assert end["finished"] is False and end["tick"] == 50
    report = replay(path)
    assert report.ok and report.tick == 50
    assert resume(path).kpis == end["kpis"]  # nothing to resume


def test_state_hash_responds_to_state_and_randomness() -> None:
    sc = scenario(3)
    a, b = RegieModel(sc, seed=1), RegieModel(sc, seed=1)
    assert state_hash(a) == state_hash(b)
    assert state_hash(a) != state_hash(RegieModel(sc, seed=2))
    a.streams["governance"].random()  # one draw nobody asked for
    assert state_hash(a) != state_hash(b)
    b.streams["governance"].random()
    assert state_hash(a) == state_hash(b)
    for _ in range(30):
        a.step()
        b.step()
    assert state_hash(a) == state_hash(b)
    b.governance.rel.trust_g_in_e += 1e-12
    assert state_hash(a) != state_hash(b)
    b.governance.rel.trust_g_in_e = a.governance.rel.trust_g_in_e
    assert state_hash(a) == state_hash(b)
    a.steps += 5  # Mesa's step counter counts clicks while a person thinks: left out
    assert state_hash(a) == state_hash(b)


def test_checkpoint_per_day_and_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    run_logged(scenario(7), 3, path)
    lines = path.read_bytes().splitlines()
    assert all(line.isascii() for line in lines)
    events = [json.loads(line) for line in lines[1:]]
    checkpoints = [e for e in events if e["kind"] == "checkpoint"]
    assert [c["day"] for c in checkpoints] == list(range(7))
    assert [c["tick"] for c in checkpoints] == [24 * (d + 1) for d in range(7)]
    assert [e["seq"] for e in events] == list(range(len(events)))


def test_weather_injects_keep_object_ids_unique() -> None:
    """Forecast caches key on id(weather): a replaced winter must never lend its id to a new
    one (two freezing-rain injects in one hour, e.g. the scenario's and the trainer's)."""
    model = RegieModel(scenario(3), seed=1)
    for _ in range(30):
        model.step()
    ids = {id(model.weather)}
    for _ in range(3):
        model.inject("unforecast_freezing_rain", 0.5)
        ids.add(id(model.weather))
    assert len(ids) == 4 and len(model.replaced_weather) == 3
    model.step()  # the executor reads the newest winter's forecast
