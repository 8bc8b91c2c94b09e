"""`regie replay --verify`: passes for sessions of every bot archetype, fails loudly on
tampered logs (changed payload, removed line, reordered lines), and never writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim.bots import BOTS
from sim.cli import main
from sim.session import SessionLog, replay, run_logged
from tests.session.conftest import WINTER, ScriptedPerson, play, scenario

# Three sessions cover the nine archetypes, each role's three once.
CASTS = [("controller", "cooperative", "hands_off"),
         ("relational", "opportunistic", "incident_driven"),
         ("absent", "bureaucratic", "procedural")]
DAYS = 33  # past day 30: monthly report, invoice, their decisions


def test_casts_cover_every_archetype() -> None:
    for i, role in enumerate(("regisseur", "executor", "wethouder")):
        assert {cast[i] for cast in CASTS} == set(BOTS[role])


@pytest.mark.parametrize("cast", CASTS, ids=["-".join(c) for c in CASTS])
def test_replay_verifies_every_archetype(tmp_path: Path, cast: tuple[str, str, str],
                                         capsys: pytest.CaptureFixture) -> None:
    log = tmp_path / "s.jsonl"
    sets = [a for w in [*WINTER, f"roles.regisseur.bot={cast[0]}",
                        f"roles.executor.bot={cast[1]}", f"roles.wethouder.bot={cast[2]}",
                        "injects=[{name: truck_breakdown, day: 2}, {name: salt_supplier_fails, "
                        "day: 3}, {name: unforecast_freezing_rain, day: 5, hour: 3}]"]
            for a in ("--set", w)]
    assert main(["run", "--days", str(DAYS), "--seed", "5", *sets, "--log", str(log),
                 "--quiet"]) == 0
    before = log.read_bytes()
    header = json.loads(before.splitlines()[0])
    assert [header["controllers"][r]["bot"] for r in ("regisseur", "executor", "wethouder")] \
        == list(cast)
    events = [json.loads(line) for line in before.splitlines()[1:]]
    kinds = {e["kind"] for e in events}
    assert {"action", "decision_point", "checkpoint", "end", "inject"} <= kinds
    assert main(["replay", str(log), "--verify"]) == 0
    out = capsys.readouterr().out
    assert f"{DAYS} checkpoints match" in out
    assert log.read_bytes() == before


# --- tampering ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bot_log(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("bot") / "bot.jsonl"
    run_logged(scenario(DAYS), 8, path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def human_log(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("human") / "human.jsonl"
    log = SessionLog.create(path, scenario(DAYS), 8,
                            controllers={"regisseur": {"type": "human", "name": "Anna"}})
    play(log, log.new_model(), ScriptedPerson())
    return path.read_bytes()


def _events(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.splitlines()[1:]]


def _write(path: Path, header: bytes, events: list[dict], renumber: bool = False) -> bytes:
    if renumber:
        events = [{**e, "seq": i} for i, e in enumerate(events)]
    data = header + b"".join(json.dumps(e).encode() + b"\n" for e in events)
    path.write_bytes(data)
    return data


def _first(events: list[dict], pred) -> int:
    return next(i for i, e in enumerate(events) if pred(e))


def _first_in_hour(events: list[dict], pred) -> int:
    """The first event that `pred` holds for and that the next event shares its tick with
    (swapping the two keeps the ticks in order)."""
    return next(i for i, e in enumerate(events[:-1])
                if pred(e) and events[i + 1]["tick"] == e["tick"])


def _verify(path: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    code = main(["replay", str(path), "--verify", "--quiet"])
    return code, capsys.readouterr().err


def _bot_action(e: dict) -> bool:
    return e["kind"] == "action" and e["by"] == "bot"


def _flip(e: dict) -> dict:
    action = dict(e["action"])
    if action["type"] == "review_invoice":
        action["decision"] = "dispute" if action["decision"] == "approve" else "approve"
    else:
        action["note"] = "tampered"
    return {**e, "action": action}


TAMPERS = {
    # name: (which log, change the events, renumber seq?, exit code, message part)
    "bot payload": ("bot", lambda ev: _replace(ev, _first(ev, _bot_action), _flip), False, 1,
                    "diverged"),
    "decision point payload": ("bot", lambda ev: _replace(
        ev, _first(ev, lambda e: e["kind"] == "decision_point"),
        lambda e: {**e, "deadline": e["deadline"] + 1}), False, 1, "deadline: logged"),
    "checkpoint hash": ("bot", lambda ev: _replace(
        ev, _first(ev, lambda e: e["kind"] == "checkpoint"),
        lambda e: {**e, "hash": "0" * 64}), False, 1, "state hash differs"),
    "end KPI": ("bot", lambda ev: _replace(ev, len(ev) - 1, lambda e: {
        **e, "kpis": {**e["kpis"], "complaints": e["kpis"]["complaints"] + 1}}), False, 1,
        "end: kpis.complaints"),
    "human decision": ("human", lambda ev: _replace(
        ev, _first(ev, lambda e: e.get("by") == "human" and e["kind"] == "action"
                   and e["action"]["type"] == "review_invoice"),
        lambda e: {**e, "action": {**e["action"], "decision": "approve",
                                   "disputed_eur": 0.0}}), False, 1, "diverged"),
    "trainer inject severity": ("human", lambda ev: _replace(
        ev, _first(ev, lambda e: e["kind"] == "inject" and e["source"] == "trainer"),
        lambda e: {**e, "name": "truck_breakdown"}), False, 1, "diverged"),
    "line removed": ("bot", lambda ev: ev[:5] + ev[6:], False, 2, "seq 6 where 5 was expected"),
    "line removed, renumbered": ("bot", lambda ev: ev[:5] + ev[6:], True, 1, "diverged"),
    "human input removed, renumbered": ("human", lambda ev: _without(
        ev, _first(ev, lambda e: e.get("by") == "human")), True, 1, "diverged"),
    "lines reordered": ("bot", lambda ev: _swapped(ev, 3), False, 2, "where 3 was expected"),
    "lines reordered, renumbered": ("bot", lambda ev: _swapped(ev, _first_in_hour(
        ev, lambda e: e["kind"] == "decision_point")), True, 1, "diverged"),
    "seat change removed, renumbered": ("human", lambda ev: _without(
        ev, _first(ev, lambda e: e["kind"] == "controller")), True, 1, "diverged"),
}


def _replace(events: list[dict], i: int, fn) -> list[dict]:
    return events[:i] + [fn(events[i])] + events[i + 1:]


def _without(events: list[dict], i: int) -> list[dict]:
    return events[:i] + events[i + 1:]


def _swapped(events: list[dict], i: int) -> list[dict]:
    out = list(events)
    out[i], out[i + 1] = out[i + 1], out[i]
    return out


@pytest.mark.parametrize("name", list(TAMPERS))
def test_tampered_log_fails_loudly(tmp_path: Path, bot_log: bytes, human_log: bytes,
                                   name: str, capsys: pytest.CaptureFixture) -> None:
    which, change, renumber, want_code, message = TAMPERS[name]
    original = bot_log if which == "bot" else human_log
    header = original.splitlines(keepends=True)[0]
    path = tmp_path / "tampered.jsonl"
    data = _write(path, header, change(_events(original)), renumber)
    code, err = _verify(path, capsys)
    assert code == want_code, err
    assert message in err and str(path) in err and "Traceback" not in err
    assert path.read_bytes() == data
    # The first line of the report names the line of the first difference.
    assert err.splitlines()[0].startswith(f"{path}:")


def test_untampered_logs_verify(tmp_path: Path, bot_log: bytes, human_log: bytes,
                                capsys: pytest.CaptureFixture) -> None:
    for name, data in (("bot", bot_log), ("human", human_log)):
        path = tmp_path / f"{name}.jsonl"
        path.write_bytes(data)
        assert _verify(path, capsys)[0] == 0


def test_replay_report(tmp_path: Path, bot_log: bytes) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(bot_log)
    report = replay(path)
    events = _events(bot_log)
    assert report.ok and report.complete and report.divergence is None
    assert report.checked == report.events == len(events)
    assert report.checkpoints == DAYS
    assert report.kpis == events[-1]["kpis"] and report.state_hash == events[-1]["hash"]
    unverified = replay(path, verify=False)
    assert unverified.kpis == report.kpis and unverified.state_hash == report.state_hash


def test_input_for_a_seat_a_bot_holds_is_logged_as_input_and_replays(tmp_path: Path) -> None:
    """The front door used for a role a bot holds: the action is input from outside the
    model (`by: human`), so a replay submits it again and ends in the same state."""
    path = tmp_path / "s.jsonl"
    log = SessionLog.create(path, scenario(4), 2)
    model = log.new_model()
    assert not model.governance.is_human("regisseur")
    while not model.finished:
        if model.hour == 30:
            assert model.submit("regisseur", {"type": "direct_contact"}).ok
        log.step(model)
    log.close(model)
    [event] = [e for e in _events(path.read_bytes()) if e["kind"] == "action"
               and e["action"]["type"] == "direct_contact" and e["tick"] == 30]
    assert event["by"] == "human"
    report = replay(path)
    assert report.ok and report.divergence is None
