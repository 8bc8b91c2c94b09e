"""The design phase: bots of every archetype pair agree a contract (or let the clock run
out), the wethouder's conditions bind the regisseur, every move goes through the action
API with a reason when it is refused, and no design phase is the default."""

from __future__ import annotations

import hashlib
import itertools
import json

import pytest

from sim.model import RegieModel
from sim.scenario.loader import scenario_hash
from sim.scenario.schema import Scenario
from tests.design.conftest import agreed_events, design_scenario, played

REGISSEURS = ("controller", "relational", "absent")
EXECUTORS = ("cooperative", "opportunistic", "bureaucratic")
PAIRS = list(itertools.product(REGISSEURS, EXECUTORS))


@pytest.fixture(scope="module")
def pairs() -> dict[tuple[str, str], RegieModel]:
    """Every pair of archetypes, design phase played out."""
    return {(r, e): played(design_scenario(r, e)) for r, e in PAIRS}


@pytest.mark.parametrize(("regisseur", "executor"), PAIRS)
def test_every_archetype_pair_closes_the_phase_with_one_logged_contract(
    pairs: dict, regisseur: str, executor: str
) -> None:
    model = pairs[regisseur, executor]
    assert model.design.status in ("agreed", "lapsed")
    (event,) = agreed_events(model)
    assert event["outcome"] == model.design.status
    assert event["contract"] == model.governance.contract.model_dump(mode="json")
    assert model.scenario.contract == model.governance.contract
    assert model.design.used <= model.scenario.design.minutes


@pytest.mark.parametrize(("regisseur", "executor"), PAIRS)
def test_the_wethouders_condition_is_in_every_agreed_contract(
    pairs: dict, regisseur: str, executor: str
) -> None:
    model = pairs[regisseur, executor]  # an incident-driven wethouder asks a committee
    assert model.design.conditions == ["escalation_committee"]
    if model.design.status == "agreed":
        assert model.governance.contract.escalation_committee


def test_red_lines_that_clash_let_the_clock_run_out(pairs: dict) -> None:
    # The controller insists on a price benchmark, the opportunist refuses one.
    model = pairs["controller", "opportunistic"]
    assert model.design.status == "lapsed"
    assert model.governance.contract == model.design.start


def test_a_relational_regisseur_and_a_cooperative_executor_agree_rules_for_the_unforeseen(
    pairs: dict,
) -> None:
    contract = pairs["relational", "cooperative"].governance.contract
    assert {r.rule for r in contract.decision_rules} == {"salt_emergency_purchase"}
    assert contract.escalation_committee and contract.transition_months == 6


def test_the_price_lands_between_the_opening_offers(pairs: dict) -> None:
    for model in pairs.values():
        design = model.design
        if design.status != "agreed":
            continue
        fee = model.governance.contract.fixed_fee_eur_per_season
        low, high = sorted(design.opening.values())
        start = design.start.fixed_fee_eur_per_season
        assert start * low - 1.0 <= fee <= start * high + 1.0


def test_an_opportunist_gets_a_higher_price_than_a_cooperative_executor(pairs: dict) -> None:
    # Against the starting offer priced with each one's own plan (a lean plan costs less).
    fee = {
        e: pairs["absent", e].governance.contract.fixed_fee_eur_per_season
        / pairs["absent", e].design.start.fixed_fee_eur_per_season
        for e in EXECUTORS
    }
    assert fee["opportunistic"] > fee["cooperative"]


def test_the_clock_of_the_season_waits_for_the_phase_and_then_runs() -> None:
    model = played(design_scenario())
    assert model.hour == 0
    model.step()
    assert model.hour == 1


def test_the_phase_is_a_sequence_of_decision_points_answered_through_the_action_api() -> None:
    model = played(design_scenario())
    kinds = [e["dp_kind"] for e in model.governance.events if e["kind"] == "decision_point"]
    # The wethouder's conditions, the gemeente's ask (the 'wat'), the executor's plan (the
    # 'hoe'), the gemeente's review of it, then the executor's offer.
    assert kinds[:4] == [
        "design_conditions",
        "design_regisseur",
        "design_plan_draft",
        "design_plan_review",
    ]
    assert "design_executor" in kinds[4:]
    moves = [e for e in model.governance.events if e["kind"] == "action"]
    assert {e["action"]["type"] for e in moves} == {"set_conditions", "design_move", "plan_move"}
    assert all(e["by"] == "bot" for e in moves)


def test_fewer_minutes_leave_fewer_moves() -> None:
    long = played(design_scenario("absent", "bureaucratic"))
    short = played(
        design_scenario("absent", "bureaucratic", design={"skip": False, "minutes": 6.0})
    )
    assert short.design.moves < long.design.moves
    assert short.design.used <= 6.0


def test_without_a_design_key_the_scenarios_contract_is_the_contract_and_its_hash_stays() -> None:
    scenario = Scenario.model_validate({"weather": {"days": 1}})
    model = RegieModel(scenario, seed=1)
    assert model.design is None and not model.waiting_for_humans()
    assert model.governance.contract is scenario.contract
    skipped = scenario.model_copy(
        update={"design": design_scenario().design.model_copy(update={"skip": True})}
    )
    assert RegieModel(skipped, seed=1).design is None
    assert scenario_hash(scenario) != scenario_hash(skipped)
    # The hash of a scenario without the keys is the hash it had before the keys existed.
    data = scenario.model_dump(mode="json")
    del data["design"], data["plan"]
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert scenario_hash(scenario) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
