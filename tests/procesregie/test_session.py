"""Session logs of a bestuursproces: written, resumed after a crash, replayed, exported.

One classroom session is played once (module fixture): a person in the regisseur's seat
(named Anna) who agrees rules, talks one-to-one, keeps divergeren open a round and closes
it; a person in the bewonersinitiatief's seat; a trainer's issue of the day. The process
is cut off mid-way (a crash: no `end` event) and every test reads that log or a copy.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sim.cli import EXIT_BAD_INPUT, main
from sim.driver import Driver, Trainer, TrainerAct
from sim.session import SessionLog, open_session, read_log, replay, state_hash
from tests.procesregie.helpers import SCENARIO, scenario

pytestmark = pytest.mark.xdist_group(name="procesregie_session")
SEATS = {
    "regisseur": {"type": "human", "name": "Anna"},
    "bewonersinitiatief": {"type": "human", "name": "Bram"},
}


def play(model, rounds: int) -> None:
    """The people's turn at a round of divergeren: Anna acts, then continues or closes."""
    if not model.rules.agreed:
        model.submit("regisseur", {"type": "agree_process_rules"})
    model.submit("regisseur", {"type": "talk_one_to_one", "party": "netbeheerder"})
    model.submit("regisseur", {"type": "talk_one_to_one", "party": "provincie"})  # refused
    model.submit("bewonersinitiatief", {"type": "choose_role", "role": "initieren"})
    ready = model.rounds_in_phase >= model.scenario.process.divergence_min_rounds + rounds
    model.submit("regisseur", {"type": "close_phase" if ready else "continue_phase"})


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """A session cut off at week 20: (log, the state hash there, the events written)."""
    path = tmp_path_factory.mktemp("proces") / "klas.jsonl"
    log = SessionLog.create(
        path, scenario(), 4, controllers=SEATS, created="2026-12-06", scenario_name=SCENARIO.stem
    )
    trainer = Trainer([TrainerAct(0, 6, "inject", {"name": "issue_of_the_day", "severity": 0.8})])
    driver = Driver(log.new_model(), log=log, sources=[trainer])
    while driver.run((0, 20)) == "waiting":
        play(driver.model, rounds=1)
    log.abandon()  # the laptop dies: no `end` event
    return path, state_hash(driver.model), log.seq


def test_a_person_s_actions_refusals_and_the_trainer_s_inject_are_logged(crashed) -> None:
    events = read_log(crashed[0]).events
    mine = [e for e in events if e.get("by") == "human"]
    assert {e["kind"] for e in mine} == {"action", "rejected"}
    assert {e["role"] for e in mine} == {"regisseur", "bewonersinitiatief"}
    assert any(e["kind"] == "inject" and e["name"] == "issue_of_the_day" for e in events)
    assert [e["tick"] for e in events if e["kind"] == "checkpoint"] == list(range(1, 21))


def test_the_log_tells_the_process_round_by_round(crashed) -> None:
    kinds = {e["kind"] for e in read_log(crashed[0]).events}
    assert {"round", "shortlist", "consolidated", "pair_trust"} <= kinds


def test_a_crashed_session_reopens_where_it_stood(crashed, tmp_path: Path) -> None:
    path = tmp_path / "copy.jsonl"
    shutil.copy(crashed[0], path)
    model, log = open_session(path)
    assert (model.week, state_hash(model), log.seq) == (20, crashed[1], crashed[2])
    assert model.is_human("regisseur") and log.player_name("regisseur") == "Anna"
    log.abandon()


def test_resume_with_bots_finishes_it_and_replay_verifies_every_checkpoint(
    crashed, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tmp_path / "copy.jsonl"
    shutil.copy(crashed[0], path)
    assert main(["resume", str(path), "--quiet"]) == EXIT_BAD_INPUT  # people hold seats
    assert "Anna" in capsys.readouterr().err
    assert main(["resume", str(path), "--bots", "--quiet"]) == 0
    report = replay(path)
    assert report.ok and report.checkpoints == read_log(path).checkpoints > 20
    assert main(["replay", str(path), "--verify", "--quiet"]) == 0


def test_an_edited_input_makes_the_replay_diverge(crashed, tmp_path: Path) -> None:
    lines = crashed[0].read_text("ascii").splitlines()
    for i, line in enumerate(lines):
        event = json.loads(line)
        if event.get("action", {}).get("party") == "netbeheerder":
            event["action"]["party"] = "ondernemers"
            lines[i] = json.dumps(event, separators=(",", ":"))
            break
    path = tmp_path / "edited.jsonl"
    path.write_text("\n".join(lines) + "\n", "ascii")
    assert replay(path).divergence is not None


def test_export_replaces_the_players_names_and_still_replays(crashed, tmp_path: Path) -> None:
    out = tmp_path / "anon.jsonl"
    assert main(["export", str(crashed[0]), "--anonymise", "--out", str(out), "--quiet"]) == 0
    text = out.read_text("ascii")
    assert "Anna" not in text and "Bram" not in text
    report = replay(out)
    assert report.divergence is None and report.checkpoints == 20


def _seats_gone(header: dict) -> None:
    del header["controllers"]["netbeheerder"]


def _regisseur_bot_in_a_party_seat(header: dict) -> None:
    header["controllers"]["provincie"] = {"type": "bot", "bot": "open"}


def _a_third_party(header: dict) -> None:
    header["controllers"]["executor"] = {"type": "bot", "bot": "cooperative"}


def _unknown_family(header: dict) -> None:
    header["scenario"]["family"] = "jeugdzorg"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_seats_gone, ":1: controllers: missing role(s) netbeheerder"),
        (_regisseur_bot_in_a_party_seat, ":1: controllers.provincie: no provincie bot named"),
        (_a_third_party, ":1: controllers.executor: no seat 'executor'"),
        (_unknown_family, ":1: scenario.family: unknown family 'jeugdzorg'"),
    ],
)
def test_a_header_that_does_not_fit_its_scenario_is_refused(
    crashed, tmp_path: Path, capsys: pytest.CaptureFixture, edit, message: str
) -> None:
    lines = crashed[0].read_text("ascii").splitlines()
    header = json.loads(lines[0])
    edit(header)
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", "ascii")
    for command in (["replay", str(path), "--verify"], ["resume", str(path), "--bots"]):
        assert main(command) == EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err


def test_regie_run_log_writes_a_log_that_verifies(tmp_path: Path) -> None:
    path = tmp_path / "bots.jsonl"
    out = str(tmp_path / "out")
    assert main(["run", SCENARIO.stem, "--log", str(path), "--out", out, "--quiet"]) == 0
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert read_log(path).end["kpis"] == summary["kpis"]
    assert main(["replay", str(path), "--verify", "--quiet"]) == 0
