"""The game clock and trainer acts, without a window."""

from __future__ import annotations

import json

import pytest

from game.forms import fields_for, parse_number
from game.inbox import InboxFeed
from game.logbook import Logbook, unfinished_sessions
from game.state import GameState
from sim.scenario.loader import load_scenario, resolve_scenario, scenario_base_dir
from tests.game.conftest import CLASSROOM


@pytest.fixture
def state(tmp_path):
    path = resolve_scenario(CLASSROOM)
    model, log = Logbook.create(tmp_path / "s.jsonl", load_scenario(path), 7,
                                {"regisseur": {"type": "human", "name": "Anna"}}, "klas", "nl",
                                scenario_base_dir(path))
    st = GameState(model, log, speed=16, names={"regisseur": "Anna"})
    yield st
    if not log.ended:
        log.abandon()


def test_speed_is_simulated_hours_per_wall_second(state):
    state.model.set_controller("regisseur", "controller")  # nobody to wait for
    for _ in range(60):
        state.advance(1 / 60)
    assert state.model.hour == 16
    state.set_speed(64)
    for _ in range(60):
        state.advance(1 / 60)
    assert state.model.hour == 16 + 64


def test_clock_stops_for_a_person_and_for_pause(state):
    while not state.waiting_roles():
        state.advance(1.0)
    hour = state.model.hour
    state.advance(10.0)
    assert state.model.hour == hour and not state.running
    point = state.open_points("regisseur")[0]
    assert state.submit("regisseur", point["options"][0]).ok
    state.set_paused(True)
    state.advance(10.0)
    assert state.model.hour == hour
    state.set_paused(False)
    state.advance(1.0)
    assert state.model.hour > hour


def test_trainer_acts_are_logged(state):
    state.set_speed(32)
    state.set_paused(True)
    state.bookmark("trust_building", "koffie met de uitvoerder")
    state.inject("media_storm", 0.5)
    state.set_seat("executor", None, "Bram")
    state.end_round()
    lines = [json.loads(x) for x in state.log.path.read_text().splitlines()[1:]]
    acts = [e["act"] for e in lines if e["kind"] == "trainer"]
    assert acts == ["speed", "pause", "bookmark", "end_round"]
    assert [e for e in lines if e["kind"] == "inject"][-1]["source"] == "trainer"
    assert [e for e in lines if e["kind"] == "controller"][-1]["name"] == "Bram"
    assert lines[-1]["kind"] == "end"
    assert state.names["executor"] == "Bram"
    with pytest.raises(ValueError):
        state.set_speed(3)


def test_unfinished_sessions_and_inbox(state, tmp_path):
    assert [u.path.name for u in unfinished_sessions(tmp_path)] == ["s.jsonl"]
    feed = InboxFeed(state)
    state.inject("council_motion", 0.5)
    feed.update()
    keys = [i.key for i in feed.visible("regisseur")]
    assert "inbox.dp.council_question" in keys and "inject.council_motion.news" in keys
    assert "inbox.dp.council_question" not in [i.key for i in feed.visible("executor")]
    state.end_round()
    assert unfinished_sessions(tmp_path) == []


def test_forms_and_numbers():
    assert [f.name for f in fields_for({"type": "request_meerwerk"})] == ["kind", "amount_eur"]
    assert fields_for({"type": "request_extra_round"})[0].choices == (1, 2)
    assert parse_number("1.250,5") == 1250.5
    assert parse_number("1,250.5") == 1250.5
    assert parse_number("12.500") == 12500.0
    assert parse_number("3,5") == 3.5
    assert parse_number("nan") is None and parse_number("x") is None
