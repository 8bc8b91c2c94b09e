"""A person in one seat of the design phase: the model waits for them, refuses a move
with the reason, the bot on the other side answers inside their submission, and the
contract they agree is what the winter runs against (observations, invoices, rules)."""

from __future__ import annotations

import pytest

from sim.governance.invoices import STANDARD_SEASON_DAYS, monthly_invoice
from sim.model import RegieModel
from tests.design.conftest import agreed_events, design_scenario
from tests.design.moments import ASK as START_ASK

# The person's ask: an emergency-salt rule at 60 t and an escalation committee, a tenth
# above the starting price (a generous gemeente, so the bot takes it); no benchmark,
# output agreements, a 3-hour norm, no transition.
ASK = {**START_ASK, "price_factor": 1.1}


def design_point(model: RegieModel, role: str) -> dict:
    """The open design point of the role, as the game shows it (after asking whether the
    model waits, which lets the bots take their turns first)."""
    assert model.waiting_for_humans()
    (point,) = [p for p in model.observe(role)["decisions"] if p["kind"].startswith("design")]
    return point


def play_regisseur(model: RegieModel) -> list[str]:
    """The person holds to the ask until the executor's offer matches it, then accepts;
    of the executor's plan it asks to hold no reserve (salt stock stays low), then adopts."""
    refused = []
    while model.design.open:
        point = design_point(model, "regisseur")
        other = point["context"]["other"]
        move = {"type": "design_move", "design_id": point["ref"]}
        plan = point["context"]["plan"]
        if point["kind"] == "design_plan_review":
            move["type"] = "plan_move"
            if plan["draft"]["reserve_t"] > 0:
                move.update(move="ask", plan={**plan["draft"], "reserve_t": 0.0})
            else:
                move["move"] = "adopt"
        elif other == ASK:
            move["move"] = "accept"
        else:
            move.update(move="offer", terms=ASK)
        result = model.submit("regisseur", move)
        if not result.ok:
            refused.append(result.reason)
            break
    return refused


@pytest.fixture(scope="module")
def person() -> RegieModel:
    """A regisseur at the UI (salt stock below the rule's threshold), a cooperative bot
    executor; the person plays the phase, then the first day runs."""
    scenario = design_scenario(
        "relational",
        "cooperative",
        "hands_off",
        days=2,
        executor_cfg={"salt": {"initial_stock_t": 40}},
    )
    model = RegieModel(scenario, seed=3)
    model.set_controller("regisseur", None)
    assert model.waiting_for_humans()
    model.step()
    assert model.hour == 0  # the clock stands still for the person
    refused = model.submit("regisseur", {"type": "design_move", "design_id": 99, "move": "accept"})
    assert not refused.ok and "no open decision point" in refused.reason
    assert play_regisseur(model) == []
    for _ in range(24):
        model.step()
    return model


def test_the_person_s_contract_is_agreed_and_logged(person: RegieModel) -> None:
    assert person.design.status == "agreed"
    (event,) = agreed_events(person)
    rules = {r["rule"]: r for r in event["contract"]["decision_rules"]}
    assert rules["salt_emergency_purchase"]["threshold"] == 60.0
    assert event["contract"]["escalation_committee"] is True


def test_the_person_s_moves_are_human_input_and_the_bot_s_are_not(person: RegieModel) -> None:
    moves = [
        e
        for e in person.governance.events
        if e["kind"] == "action" and e["action"]["type"] == "design_move"
    ]
    assert {e["by"] for e in moves if e["role"] == "regisseur"} == {"human"}
    assert {e["by"] for e in moves if e["role"] == "executor"} == {"bot"}


def test_the_executor_sees_the_agreed_rule_in_its_observation(person: RegieModel) -> None:
    assert person.observe("executor")["private"]["emergency_salt_rule"] is True


def test_the_agreed_rule_is_applied_in_the_winter(person: RegieModel) -> None:
    # Below the agreed 60 t the rule buys salt at 7h without asking (the scenario has no
    # rule: this is the design phase's).
    assert not person.design.start.decision_rules
    bought = [
        e
        for e in person.governance.events
        if e["kind"] == "action" and e["by"] == "rule" and e["action"]["type"] == "buy_salt"
    ]
    assert bought and bought[0]["tick"] == 7


def test_the_invoice_bills_the_agreed_fee(person: RegieModel) -> None:
    fee = person.governance.contract.fixed_fee_eur_per_season
    assert fee == pytest.approx(1.1 * person.design.start.fixed_fee_eur_per_season)
    since = person.governance.last_invoice_hour
    monthly_invoice(person.governance)
    line = person.governance.invoices[-1].lines[0]
    assert line.what == "fee"
    days = (person.governance.last_invoice_hour - since) / 24  # the hours it covers
    assert line.claimed_eur == pytest.approx(fee * days / STANDARD_SEASON_DAYS)


def test_a_move_without_the_wethouder_s_condition_is_refused_with_the_reason() -> None:
    model = RegieModel(design_scenario("relational", "cooperative", "procedural"), seed=1)
    model.set_controller("regisseur", None)
    point = design_point(model, "regisseur")
    result = model.submit(
        "regisseur",
        {
            "type": "design_move",
            "design_id": point["ref"],
            "move": "offer",
            "terms": {**ASK, "salt_rule_t": None},
        },
    )
    assert not result.ok and "salt_rule" in result.reason
    early = model.submit(
        "regisseur", {"type": "design_move", "design_id": point["ref"], "move": "accept"}
    )
    assert not early.ok and "no offer" in early.reason
