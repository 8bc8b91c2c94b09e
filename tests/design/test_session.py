"""Resume and replay through the design phase: a person's design moves are logged as
input; a replay re-applies them (the bot answers inside each again) and reproduces every
event; a session left in the middle of the phase resumes there."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.driver import Driver, EachHour
from sim.model import RegieModel
from sim.session import SessionLog, open_session, replay, state_hash
from tests.design.conftest import agreed_events, design_scenario
from tests.design.moments import ASK

ASK_RICH = {**ASK, "price_factor": 1.1}  # a price the cooperative executor takes


def one_move(model: RegieModel) -> None:
    """The person at the regisseur's seat makes one design move: of the executor's plan
    they ask a truck more (the bot accepts it at its price); of the terms they offer,
    then accept."""
    (point,) = [
        p for p in model.governance.board.open_for("regisseur") if p.kind.startswith("design")
    ]
    if point.kind == "design_plan_review":
        draft = model.design.plan_step.draft
        plan = draft.model_copy(update={"trucks": draft.trucks + 1}).model_dump()
        action = {"type": "plan_move", "design_id": point.ref, "move": "ask", "plan": plan}
        assert model.submit("regisseur", action).ok
        return
    other = model.design.offers["executor"]
    move = (
        {"move": "accept"}
        if other is not None and other.model_dump() == ASK_RICH
        else {"move": "offer", "terms": ASK_RICH}
    )
    assert model.submit("regisseur", {"type": "design_move", "design_id": point.ref, **move}).ok


def person(model: RegieModel) -> None:
    """Each hour: design moves while the phase waits; once it is over, the seat goes to a
    bot (a trainer act, logged)."""
    while model.design.open and model.waiting_for_humans():
        one_move(model)
    if model.governance.is_human("regisseur"):
        model.set_controller("regisseur", "relational")


def scenario():
    return design_scenario("relational", "cooperative", "hands_off", days=1)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RegieModel]:
    path = tmp_path_factory.mktemp("design") / "s.jsonl"
    log = SessionLog.create(path, scenario(), 2, controllers={"regisseur": None})
    driver = Driver(log.new_model(), log=log, sources=[EachHour(person)])
    driver.run((0, 30))
    log.close(driver.model)
    return path, driver.model


def test_the_logged_session_agreed_the_person_s_contract(session) -> None:
    _, model = session
    (event,) = agreed_events(model)
    assert event["outcome"] == "agreed" and model.hour == 24
    assert model.governance.contract.fixed_fee_eur_per_season == pytest.approx(
        1.1 * model.design.start.fixed_fee_eur_per_season
    )


def test_a_replay_reproduces_every_event_through_the_phase(session) -> None:
    path, model = session
    report = replay(path)
    assert report.ok, report.divergence
    assert report.state_hash == state_hash(model)


def test_a_session_left_in_the_phase_resumes_there(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    log = SessionLog.create(path, scenario(), 2, controllers={"regisseur": None})
    model = log.new_model()
    assert model.waiting_for_humans()
    one_move(model)  # the ask; the executor's draft follows at once
    offers = dict(model.design.offers)
    log.abandon()
    resumed, log2 = open_session(path)
    assert resumed.hour == 0 and resumed.design.open
    assert resumed.design.offers == offers
    assert resumed.waiting_for_humans()
    one_move(resumed)  # of the plan: a truck more, which the executor accepts
    assert resumed.design.plan_step.adopted.trucks == 6
    for _ in range(3):  # the terms: the person holds to the ask, the executor takes it
        if resumed.waiting_for_humans():
            one_move(resumed)
    resumed.set_controller("regisseur", "relational")
    assert resumed.design.status == "agreed"
    log2.step(resumed)
    assert resumed.hour == 1
    log2.close(resumed)
    assert replay(path).ok
