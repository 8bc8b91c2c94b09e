"""The design screen (issue 14): a person in the regisseur's seat writes the contract with
a bot executor before the winter. The screen shows every item with both offers, what is
open, the wethouder's conditions and the table time; it is photographed in nl and en, and
the contract the person agrees is logged and used."""

from __future__ import annotations

from pathlib import Path

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
    d.click("offer")  # the gemeente's ask as it stands; the executor's draft follows
    d.until(lambda: d.top.name == "design" and d.top.ctx["other"] is not None)
    photograph(d, f"game-{d.app.tr.lang}-design-offers", tmp_path)
    assert {"accept", "offer", "walk"} <= {e.key for e in d.top.focus.entries}
    for _ in range(30):  # give in on the first open item and offer, until agreed
        if d.top.name != "design":
            if not d.app.state.model.design.open:
                break
            d.frames(1)
            continue
        keys = {e.key for e in d.top.focus.entries}
        if "accept" in keys:
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
