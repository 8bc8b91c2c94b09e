"""Trust changes in the session log (format version 2 on): written as outputs, never fsynced
on their own, checked on replay; logs of version 1 (without them) still replay, resume and
debrief."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sim.session.writer as writer
from debrief.logread import read_session
from debrief.rerun import rerun_session
from sim.cli import main
from sim.session import (
    EVENT_KINDS,
    FORMAT_VERSION,
    SessionLog,
    is_input,
    read_log,
    replay,
    resume,
)
from tests.session.conftest import ScriptedPerson, play, scenario

DAYS = 12
SEED = 6


def _play(path: Path, format_version: int = FORMAT_VERSION) -> None:
    log = SessionLog.create(path, scenario(DAYS), SEED,
                            controllers={"regisseur": {"type": "human", "name": "Anna"}},
                            created="2026-11-23T10:00:00Z", format_version=format_version)
    play(log, log.new_model(), ScriptedPerson())


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("trust") / "anna.jsonl"
    _play(path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def recorded_v2(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The same session in format 2 (its checkpoints hold state hash version 1, as those
    of format 1 do): the source of the version-1 logs below."""
    path = tmp_path_factory.mktemp("trust") / "anna-v2.jsonl"
    _play(path, format_version=2)
    return path.read_bytes()


def _lines(data: bytes) -> tuple[dict, list[dict]]:
    rows = [json.loads(line) for line in data.splitlines()]
    return rows[0], rows[1:]


def _write(path: Path, header: dict, events: list[dict]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in [header, *events]), encoding="ascii")
    return path


def _as_version_1(data: bytes) -> tuple[dict, list[dict]]:
    """The same session as the previous format wrote it: no trust events."""
    header, events = _lines(data)
    header["format_version"] = 1
    kept = [e for e in events if e["kind"] != "trust"]
    for seq, e in enumerate(kept):
        e["seq"] = seq
    return header, kept


def test_every_trust_change_is_logged_as_an_output(recorded: bytes) -> None:
    header, events = _lines(recorded)
    assert header["format_version"] == FORMAT_VERSION >= 2
    trust = [e for e in events if e["kind"] == "trust"]
    assert trust, "the model reported no trust change"
    assert {e["who"] for e in trust} == {"gemeente", "executor"}
    assert all(0.0 <= e["before"] <= 1.0 and 0.0 <= e["after"] <= 1.0 for e in trust)
    assert not any(is_input(e) for e in trust)


def test_every_event_kind_in_a_log_is_listed(recorded: bytes) -> None:
    _, events = _lines(recorded)
    assert {e["kind"] for e in events} <= set(EVENT_KINDS)


def test_trust_events_cause_no_fsync_of_their_own(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "anna.jsonl"
    last_kinds: list[str] = []
    real = writer.fsync

    def spy(fh) -> None:
        real(fh)
        last_kinds.append(json.loads(path.read_bytes().splitlines()[-1])["kind"])

    monkeypatch.setattr(writer, "fsync", spy)
    _play(path)
    assert "trust" in {e["kind"] for e in read_log(path).events}
    assert "trust" not in last_kinds


def test_replay_checks_trust_events(tmp_path: Path, recorded: bytes) -> None:
    header, events = _lines(recorded)
    edited = next(e for e in events if e["kind"] == "trust")
    edited["after"] = edited["before"] + 0.125
    report = replay(_write(tmp_path / "edited.jsonl", header, events))
    assert report.divergence is not None and report.divergence.seq == edited["seq"]
    assert "after" in report.divergence.message


def test_a_version_1_log_replays_without_trust_events(tmp_path: Path, recorded_v2: bytes) -> None:
    report = replay(_write(tmp_path / "v1.jsonl", *_as_version_1(recorded_v2)))
    assert report.ok, report.divergence
    assert report.checkpoints == DAYS


def test_regie_replay_says_a_log_is_of_version_1(tmp_path: Path, recorded_v2: bytes,
                                                 capsys: pytest.CaptureFixture) -> None:
    path = _write(tmp_path / "v1.jsonl", *_as_version_1(recorded_v2))
    assert main(["replay", str(path), "--verify"]) == 0
    assert "format version 1" in capsys.readouterr().out


def test_a_version_1_log_resumes_and_stays_without_trust_events(tmp_path: Path,
                                                                 recorded_v2: bytes) -> None:
    header, events = _as_version_1(recorded_v2)
    cut = next(i for i, e in enumerate(events) if e["kind"] == "controller"
               and e.get("bot") is not None)  # from here the seat is a bot's
    path = _write(tmp_path / "v1.jsonl", header, events[:cut + 1])
    resume(path)
    sf = read_log(path)
    assert sf.header.format_version == 1 and sf.complete
    assert "trust" not in {e["kind"] for e in sf.events}
    assert replay(path).ok


def test_a_version_1_log_debriefs_with_trust_history_from_the_rerun(tmp_path: Path,
                                                                     recorded_v2: bytes) -> None:
    path = _write(tmp_path / "v1.jsonl", *_as_version_1(recorded_v2))
    trace = rerun_session(read_session(path))
    assert trace.divergence is None
    assert trace.extras["trust_history"]


def test_the_debrief_reads_trust_history_from_the_log(tmp_path: Path, recorded: bytes) -> None:
    header, events = _lines(recorded)
    trust = [e for e in events if e["kind"] == "trust"]
    trace = rerun_session(read_session(_write(tmp_path / "v2.jsonl", header, events)))
    history = trace.extras["trust_history"]
    assert [(t, reason) for t, reason, _, _ in history] == [
        (e["tick"], e["reason"]) for e in trust]
    first = trust[0]
    change = first["after"] - first["before"]
    assert history[0][2:] == ((change, 0.0) if first["who"] == "gemeente" else (0.0, change))
