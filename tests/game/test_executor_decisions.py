"""The executor's own decisions (issue 13) as a person at the game meets them: an order for
an extra round, the monthly markup and effort, and its positions before a meeting. Each
screen is photographed (REGIE_SCREENSHOT_DIR keeps the pictures), shows every option in
words and submits what the person chose through the front door."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from sim.governance.meetings import schedule_meeting
from sim.governance.orders import RESPONSES, place_order
from sim.governance.work import posture_point
from tests.game.conftest import Driver, start_session
from tests.game.test_fit import overflows
from tests.game.test_flow import human_actions

EXECUTOR = {"executor": {"type": "human", "name": "Bram"}}


def quiet(d: Driver) -> None:
    """Answer what the executor is asked until the clock runs with nothing open."""
    for _ in range(40):
        if d.top.name == "play" and not d.app.state.waiting_roles():
            return
        if d.top.name == "decision":
            d.click(d.top.option_buttons[0])
        elif d.top.name == "meeting":
            d.click("record")
        elif d.top.name == "handover":
            d.key(pygame.K_RETURN)
        else:
            d.frames(5)
    raise AssertionError(f"still busy on {d.top.name}")


def reach(d: Driver, shot: str) -> None:
    """Run until the screen `shot` is on top, taking the seat when it is handed over."""
    for _ in range(3000):
        if d.top.shot_name() == shot:
            return
        if d.top.name == "handover":
            d.key(pygame.K_RETURN)
        d.frames(1)
    raise AssertionError(f"{shot} not reached; top={d.top.name}")


def photograph(d: Driver, name: str, tmp_path: Path) -> None:
    """Save the screen; nothing cut off, no word missing."""
    d.app.options.screenshot_dir = os.environ.get("REGIE_SCREENSHOT_DIR") or tmp_path
    d.frames(2)
    d.app.save_screenshot(name)
    assert not overflows(d.app), overflows(d.app)
    assert not d.app.tr.missing


@pytest.fixture(params=["nl", "en"])
def executor_game(make_app, request) -> Driver:
    d = make_app(lang=request.param, projector=True)
    start_session(d, EXECUTOR)
    quiet(d)
    return d


def test_an_order_offers_the_executor_every_answer_and_logs_its_choice(executor_game, tmp_path):
    d = executor_game
    place_order(d.app.state.model.governance, 1, False)
    reach(d, "decision-order")
    photograph(d, f"game-{d.app.tr.lang}-executor-order", tmp_path)
    assert len(d.top.option_buttons) == len(RESPONSES)
    d.click(d.top.option_buttons[RESPONSES.index("tussendoor")])
    (answer,) = human_actions(d, "respond_order")
    assert answer["action"]["response"] == "tussendoor"


def test_the_monthly_posture_asks_markup_and_small_jobs_once_and_logs_them(executor_game, tmp_path):
    d = executor_game
    posture_point(d.app.state.model.governance)
    reach(d, "decision-posture")
    photograph(d, f"game-{d.app.tr.lang}-executor-posture", tmp_path)
    box = d.element("amount.0")
    assert "amount.1" not in [e.key for e in d.top.focus.entries]
    box.set_text("")
    d.click(box)
    d.type("12")
    d.click("choice.small_jobs.tussendoor")
    efforts = [o["effort"] for o in d.top.point["options"]]
    d.click(d.top.option_buttons[efforts.index("lean")])
    (posture,) = human_actions(d, "set_posture")
    chosen = posture["action"]
    assert (chosen["markup_pct"], chosen["effort"], chosen["small_jobs"]) == (
        12.0,
        "lean",
        "tussendoor",
    )


def test_before_a_meeting_the_executor_tables_an_offer(executor_game, tmp_path):
    d = executor_game
    gov = d.app.state.model.governance
    gov.open_dispute("price", 8000.0)
    schedule_meeting(gov, "operational")
    reach(d, "meeting-position")
    photograph(d, f"game-{d.app.tr.lang}-meeting-position", tmp_path)
    iid = d.top.shown[0]["item_id"]
    d.click(f"item.{iid}.offer")
    box = d.element(f"item.{iid}.amount")
    box.set_text("")
    d.click(box)
    d.type("6000")
    d.click("record")
    (tabled,) = human_actions(d, "table_positions")
    (move,) = tabled["action"]["moves"]
    assert (move["item_id"], move["move"], move["amount_eur"]) == (iid, "offer", 6000.0)
