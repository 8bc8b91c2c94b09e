"""A person in the regisseur's seat (scripted), a trainer, and the session log: replay
reproduces the state hash, inputs are fsynced before the model continues, a crashed game
continues in the same file, and the anonymised export stays valid for every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sim.session.writer as writer
from sim.cli import main
from sim.session import SessionLog, export, is_input, open_session, read_log, replay, state_hash
from tests.session.conftest import ScriptedPerson, play, scenario

DAYS = 33
SEED = 6


def _new(path: Path) -> tuple[SessionLog, object]:
    log = SessionLog.create(path, scenario(DAYS), SEED,
                            controllers={"regisseur": {"type": "human", "name": "Anna"}},
                            created="2026-11-23T10:00:00Z", scenario_name="test", language="nl")
    return log, log.new_model()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str]:
    path = tmp_path_factory.mktemp("human") / "anna.jsonl"
    log, model = _new(path)
    play(log, model, ScriptedPerson())
    return path.read_bytes(), state_hash(model)


def _events(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.splitlines()[1:]]


def test_session_with_a_person_replays_to_the_same_state(tmp_path: Path,
                                                          recorded: tuple[bytes, str]) -> None:
    data, final_hash = recorded
    events = _events(data)
    kinds = {(e["kind"], e.get("by")) for e in events}
    assert {("action", "human"), ("rejected", "human"), ("action", "bot"), ("trainer", None),
            ("controller", None), ("inject", None)} <= kinds
    reasons = {e["reason"].split(":")[0] for e in events if e["kind"] == "rejected"}
    assert {"bad value", "no open decision point for review_invoice 99",
            "buy_salt is not an action of the regisseur"} <= reasons
    assert any(e.get("action", {}).get("decision") == "dispute" for e in events
               if e.get("by") == "human")  # the person disputed an invoice
    assert events[-1]["kind"] == "end" and events[-1]["hash"] == final_hash
    path = tmp_path / "anna.jsonl"
    path.write_bytes(data)
    report = replay(path)
    assert report.ok, report.divergence
    assert report.state_hash == final_hash
    assert report.checkpoints == DAYS


def test_every_input_is_fsynced_before_the_model_continues(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    path = tmp_path / "anna.jsonl"
    synced_lines: list[int] = []
    real = writer.fsync

    def spy(fh) -> None:
        real(fh)
        synced_lines.append(path.read_bytes().count(b"\n"))

    monkeypatch.setattr(writer, "fsync", spy)
    log, model = _new(path)
    play(log, model, ScriptedPerson())
    events = read_log(path).events
    inputs = [e["seq"] for e in events if is_input(e)]
    assert len(inputs) > 20
    for seq in inputs:  # synced with the input as the last line: nothing after it yet
        assert seq + 2 in synced_lines, f"input seq {seq} was not fsynced at once"
    checkpoints = [e["seq"] for e in events if e["kind"] == "checkpoint"]
    assert all(seq + 2 in synced_lines for seq in checkpoints)  # the game fsyncs them too


@pytest.mark.parametrize("day", [3, 8, 19])
def test_crashed_game_continues_in_the_same_file(tmp_path: Path, recorded: tuple[bytes, str],
                                                 day: int,
                                                 capsys: pytest.CaptureFixture) -> None:
    data, final_hash = recorded
    lines = data.splitlines(keepends=True)
    events = _events(data)
    cut = next(i for i, e in enumerate(events) if e["kind"] == "checkpoint" and e["day"] == day)
    # The crash came after the checkpoint, in the middle of writing the next line.
    crashed = b"".join(lines[:cut + 2]) + lines[cut + 2][:17]
    path = tmp_path / "anna.jsonl"
    path.write_bytes(crashed)

    seats = [e for e in events[:cut] if e["kind"] == "controller"]
    person_seated = not seats or seats[-1]["bot"] is None
    if person_seated:  # `regie resume` will not play for a person: refused, file untouched
        assert main(["resume", str(path), "--quiet"]) == 2
        err = capsys.readouterr().err
        assert "people hold seats" in err and "regisseur (" in err
        assert path.read_bytes() == crashed
    else:  # the trainer had given the seat to a bot: bots may finish it
        bots = tmp_path / "bots.jsonl"
        bots.write_bytes(crashed)
        assert main(["resume", str(bots), "--quiet"]) == 0
        assert replay(bots).ok

    # The game opens the session, the same person carries on: the identical log.
    model, log = open_session(path)
    assert log.dropped and "incomplete last line" in log.dropped
    assert model.hour == 24 * (day + 1) and not log.ended
    assert path.read_bytes() == crashed  # nothing written yet
    play(log, model, ScriptedPerson())
    assert path.read_bytes() == data
    assert state_hash(model) == final_hash


def test_resume_with_bots_takes_over_the_seats(tmp_path: Path,
                                               recorded: tuple[bytes, str]) -> None:
    data, _ = recorded
    lines = data.splitlines(keepends=True)
    path = tmp_path / "anna.jsonl"
    path.write_bytes(b"".join(lines[: len(lines) // 2]))
    assert main(["resume", str(path), "--bots", "--quiet"]) == 0
    events = read_log(path).events
    takeover = [e for e in events[len(lines) // 2 - 1:] if e["kind"] == "controller"]
    assert takeover and takeover[0]["bot"] == "controller" and takeover[0]["role"] == "regisseur"
    assert events[-1]["kind"] == "end"
    assert replay(path).ok


def test_anonymised_export_is_valid_for_every_command(tmp_path: Path,
                                                      recorded: tuple[bytes, str],
                                                      capsys: pytest.CaptureFixture) -> None:
    data, final_hash = recorded
    path = tmp_path / "anna.jsonl"
    path.write_bytes(data)
    out = tmp_path / "anon.jsonl"
    assert main(["export", str(path), "--anonymise", "--out", str(out)]) == 0
    assert "2 player name(s) replaced" in capsys.readouterr().out
    text = out.read_text()
    assert "Anna" not in text and "Bob" not in text
    header = json.loads(text.splitlines()[0])
    assert header["controllers"]["regisseur"] == {"type": "human", "name": "regisseur 1"}
    events = _events(out.read_bytes())
    assert any(e["kind"] == "controller" and e["name"] == "regisseur 2" for e in events)
    private = [e for e in events if e.get("private")]
    assert private and all(e["note"] == "" for e in private)
    public = [e for e in events if e["kind"] == "trainer" and e["act"] == "bookmark"]
    assert public[0]["note"] == "regisseur 1 reageert goed"
    assert len(events) == len(_events(data))
    assert [e["hash"] for e in events if "hash" in e] == \
        [e["hash"] for e in _events(data) if "hash" in e]
    # Every other command accepts it.
    before = out.read_bytes()
    assert main(["replay", str(out), "--verify", "--quiet"]) == 0
    assert main(["resume", str(out), "--quiet"]) == 0  # complete: checked, left alone
    assert out.read_bytes() == before
    assert main(["export", str(out), "--anonymise", "--out", str(tmp_path / "again.jsonl")]) == 0
    assert replay(out).state_hash == final_hash
    # An export never overwrites, not even its input.
    assert main(["export", str(path), "--out", str(out)]) == 2
    assert main(["export", str(path), "--out", str(path)]) == 2
    assert "is the input file" in capsys.readouterr().err
    assert path.read_bytes() == data


def test_export_of_a_crashed_session_can_be_resumed(tmp_path: Path,
                                                    recorded: tuple[bytes, str]) -> None:
    data, _ = recorded
    lines = data.splitlines(keepends=True)
    path = tmp_path / "anna.jsonl"
    path.write_bytes(b"".join(lines[:40]) + lines[40][:5])
    report = export(path, tmp_path / "anon.jsonl")
    assert report.dropped and report.names == {"Anna": "regisseur"}  # one player so far
    assert main(["resume", str(tmp_path / "anon.jsonl"), "--bots", "--quiet"]) == 0
    assert replay(tmp_path / "anon.jsonl").ok
