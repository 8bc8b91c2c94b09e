"""The design screen (issue 14): a person in the regisseur's seat writes the contract with
a bot executor before the winter. The screen shows every item with both offers, what is
open, the wethouder's conditions and the table time; it is photographed in nl and en, and
the contract the person agrees is logged and used."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from sim.scenario.loader import resolve_scenario
from tests.game.conftest import CLASSROOM, start_session
from tests.game.test_executor_decisions import photograph, reach


@pytest.fixture(params=["nl", "en"])
def design_game(make_app, request, tmp_path: Path):
    source = resolve_scenario(CLASSROOM)
    path = tmp_path / "ontwerp.yaml"
    path.write_text(
        source.read_text(encoding="utf-8") + "\ndesign:\n  skip: false\n", encoding="utf-8"
    )
    d = make_app(lang=request.param, projector=True, scenario=str(path))
    start_session(d)
    return d


def test_the_person_designs_the_contract_on_the_design_screen(design_game, tmp_path):
    d = design_game
    reach(d, "design-regisseur")
    photograph(d, f"game-{d.app.tr.lang}-design", tmp_path)
    assert d.app.state.model.hour == 0  # the winter waits for the contract
    d.click("offer")  # the gemeente's ask as it stands; the executor's plan follows
    d.until(lambda: d.top.name == "design" and d.top.plan_point)
    photographed = False
    for _ in range(30):  # give in on the first open item and offer, until agreed
        if d.top.name == "design" and not d.top.plan_point and not photographed:
            assert d.top.ctx["other"] is not None  # the executor's offer is on the table
            photograph(d, f"game-{d.app.tr.lang}-design-offers", tmp_path)
            assert {"accept", "offer", "walk"} <= {e.key for e in d.top.focus.entries}
            photographed = True
        if d.top.name != "design":
            if not d.app.state.model.design.open:
                break
            d.frames(1)
            continue
        keys = {e.key for e in d.top.focus.entries}
        if d.top.plan_point:  # the plan: drafted as the reference, adopted as drafted
            photograph(d, f"game-{d.app.tr.lang}-{d.top.shot_name()}", tmp_path)
            d.click(next(k for k in ("draft", "adopt", "accept") if k in keys))
        elif "accept" in keys:
            d.click("accept")
        elif "offer" not in keys:
            d.click("walk")
        else:
            if d.top.toggles:
                d.click(next(iter(d.top.toggles.values())))
            d.click("offer")
        d.frames(2)
    model = d.app.state.model
    assert not model.design.open
    (agreed,) = [e for e in model.governance.events if e["kind"] == "contract_agreed"]
    assert agreed["contract"] == model.governance.contract.model_dump(mode="json")
    assert any(
        e["kind"] == "action" and e["by"] == "human" and e["action"]["type"] == "design_move"
        for e in d.log_events()
    )


def test_the_headless_autoplay_passes_through_the_design_phase(make_app, tmp_path):
    """`regie play --autoplay` of the classroom design scenario: both people's design
    screens are photographed on the way, and the winter starts with the contract they
    agreed in the log (played until its first hours, not to the end and its report)."""
    from game.cli import AUTOPLAY_SEATS

    text = resolve_scenario("gladheid_klas_ontwerp").read_text(encoding="utf-8")
    short = tmp_path / "ontwerp.yaml"
    short.write_text(
        text.replace("  days: 21\n", "  days: 1\n").replace("  agents: 5000\n", "  agents: 300\n"),
        encoding="utf-8",
    )
    out = Path(os.environ.get("REGIE_SCREENSHOT_DIR") or tmp_path / "shots")
    d = make_app(
        autoplay=True,
        scenario=str(short),
        seats=dict(AUTOPLAY_SEATS),
        screenshot_dir=out,
        shot_prefix="game-autoplay-",
    )
    d.until(lambda: d.app.state is not None and d.app.state.model.hour >= 2)
    names = {n.removeprefix("game-autoplay-") for n in d.app.shots}
    assert {"design-regisseur", "design-plan-draft", "design-plan-review"} <= names, names
    events = d.app.state.model.governance.events
    assert [e["kind"] for e in events].count("contract_agreed") == 1
    assert not d.app.tr.missing


def test_the_trainer_panel_extends_and_closes_the_design_phase(design_game, tmp_path):
    d = design_game
    reach(d, "design-regisseur")
    d.key(pygame.K_F2)
    assert d.top.name == "trainer"
    photograph(d, f"game-{d.app.tr.lang}-trainer-design", tmp_path)
    d.click("design.extend")
    assert d.app.state.view["design"]["minutes"] == 35.0
    d.click("design.close")
    assert d.app.state.view["design"]["status"] == "closed"
    acts = [e["act"] for e in d.log_events() if e["kind"] == "trainer"]
    assert acts[-2:] == ["design_extend", "design_close"]
