"""The gladheidbestrijdingsplan in the design phase: the executor drafts it, the gemeente
adopts it or asks named changes, the executor takes them at their price or refuses; the
adopted plan is logged and the winter runs against it (the executor's trucks, dose and
salt, the plan's routes, the invoices), also when a person sits in either seat."""

from __future__ import annotations

import numpy as np
import pytest

from sim.design.plan import (
    HOLDING_EUR_PER_T,
    executor_config,
    levels_of,
    price_of,
    reference_plan,
    use_plan,
)
from sim.governance.contract import BASE_MARGIN
from sim.governance.invoices import STANDARD_SEASON_DAYS
from sim.model import RegieModel
from sim.observation import observe_public
from sim.world.town import CYCLE, SECONDARY
from tests.design.conftest import agreed_events, design_scenario, played
from tests.design.moments import ASK

COLD = {"climate": "severe", "days": 3, "start_date": "2025-12-15"}
# What the person at the gemeente's seat asks of the cooperative executor's draft.
CHANGES = {
    "trucks": 6,
    "dose_preventive_g_m2": 9.0,
    "secondary_priority": 1,
    "reserve_t": 50.0,
}


def regisseur_moves(model: RegieModel) -> None:
    """A person at the gemeente's seat: the ask at 1.1 times the price (the cooperative
    executor takes it), the plan with CHANGES; then accepts the executor's offer."""
    for _ in range(20):
        if not model.waiting_for_humans():
            return
        (point,) = [
            p for p in model.observe("regisseur")["decisions"] if p["kind"].startswith("design")
        ]
        ref, plan = point["ref"], point["context"]["plan"]
        if point["kind"] == "design_plan_review":
            move = {"type": "plan_move", "move": "ask", "plan": {**plan["draft"], **CHANGES}}
        elif point["context"]["other"] == {**ASK, "price_factor": 1.1}:
            move = {"type": "design_move", "move": "accept"}
        else:
            move = {"type": "design_move", "move": "offer", "terms": {**ASK, "price_factor": 1.1}}
        assert model.submit("regisseur", {**move, "design_id": ref}).ok


SCENARIO = design_scenario("relational", "cooperative", "hands_off", weather=COLD)


@pytest.fixture(scope="module")
def asked() -> tuple[RegieModel, int]:
    """The person plays the phase; then three cold December days run with a relational
    bot in the seat. Returns the model and the most trucks seen out at once."""
    model = RegieModel(SCENARIO, seed=2)
    model.set_controller("regisseur", None)
    regisseur_moves(model)
    model.set_controller("regisseur", "relational")
    most = 0
    while not model.finished:
        model.step()
        most = max(most, model.observe("executor")["private"]["trucks_out"])
    return model, most


@pytest.mark.xdist_group(name="design_plan")
def test_the_asked_plan_is_adopted_and_logged_with_its_price(asked) -> None:
    model, _ = asked
    (event,) = agreed_events(model)
    plan = event["plan"]
    assert {k: plan["plan"][k] for k in CHANGES} == CHANGES
    assert set(plan["changes"]) == set(CHANGES)
    assert plan["price"]["fee_eur"] > 0 and plan["price"]["unit_eur"] > 0


@pytest.mark.xdist_group(name="design_plan")
def test_the_plan_s_price_is_in_the_agreed_contract(asked) -> None:
    model, _ = asked
    start, design = SCENARIO.contract, model.design
    price = agreed_events(model)[0]["plan"]["price"]
    contract = model.governance.contract
    assert contract.fixed_fee_eur_per_season == pytest.approx(
        round((start.fixed_fee_eur_per_season + price["fee_eur"]) * 1.1, 2)
    )
    assert contract.unit_price_eur_per_action == pytest.approx(
        round((start.unit_price_eur_per_action + price["unit_eur"]) * 1.1, 2)
    )
    assert design.start.fixed_fee_eur_per_season > start.fixed_fee_eur_per_season


@pytest.mark.xdist_group(name="design_plan")
def test_the_executor_has_the_plan_s_trucks_and_uses_them(asked) -> None:
    model, most = asked
    assert len(observe_public(model)["trucks"]) == 6
    assert model.executor.cfg.drivers == 14  # 12 for 5 trucks, in proportion
    assert most == 6


@pytest.mark.xdist_group(name="design_plan")
def test_the_executor_spreads_the_plan_s_dose(asked) -> None:
    model, _ = asked
    doses = {a.dose_g_m2 for a in model.executor.fleet.actions if a.kind == "preventive"}
    assert doses and doses <= {9.0, 18.0}  # 18: doubled before forecast snow or ijzel


@pytest.mark.xdist_group(name="design_plan")
def test_the_secondary_roads_are_on_the_first_routes(asked) -> None:
    model, _ = asked
    town = model.town
    first = np.concatenate([r.segments for r in model.plan.by_priority(1)])
    secondary = np.flatnonzero((town.category == SECONDARY) & ~town.priority)
    assert set(secondary) <= set(first) and not model.plan.by_priority(2)
    rounds = [a for a in model.executor.fleet.actions if a.priority == 1]
    assert rounds and set(rounds[0].routes) <= {r.id for r in model.plan.by_priority(1)}


@pytest.mark.xdist_group(name="design_plan")
def test_the_reserve_is_stored_on_top_and_kept_apart_from_ordering(asked) -> None:
    model, _ = asked
    salt = model.executor.depot.cfg
    start = SCENARIO.executor.salt
    assert model.executor.ledger.opening_salt_t == start.initial_stock_t + 50.0
    assert salt.reorder_level_t == start.reorder_level_t + 50.0
    assert model.observe("executor")["private"]["salt_capacity_t"] == salt.capacity_t


@pytest.mark.xdist_group(name="design_plan")
def test_the_invoice_bills_rounds_at_the_plan_s_unit_price(asked) -> None:
    model, _ = asked
    gov = model.governance  # the season's last hour sent its invoice
    rounds = [line for line in gov.invoices[-1].lines if line.what == "preventive round"]
    assert rounds
    assert all(line.fair_eur == gov.contract.unit_price_eur_per_action for line in rounds)


@pytest.mark.xdist_group(name="design_plan")
def test_the_executor_books_the_plan_s_standby(asked) -> None:
    model, _ = asked
    base = SCENARIO.executor
    extra = base.standby_cost_eur_per_day / 5 + 50.0 * HOLDING_EUR_PER_T / STANDARD_SEASON_DAYS
    assert model.executor.cfg.standby_cost_eur_per_day == pytest.approx(
        base.standby_cost_eur_per_day + extra, abs=0.01
    )


def test_an_opportunist_drafts_lean_refuses_what_costs_fee_and_the_lean_plan_is_used() -> None:
    model = played(design_scenario("controller", "opportunistic"))
    step = model.design.plan_step
    # The controller asks the full fleet and CROW's dose back; the opportunist refuses.
    assert step.draft.trucks == 4 and step.asked.trucks == 5 and step.refused == 1
    assert step.adopted == step.draft
    assert len(model.executor.fleet.trucks) == 4
    assert model.executor.cfg.dose_preventive_g_m2 == 6.0
    assert model.executor.depot.stock_t == 300.0
    # A lean plan costs less: it lowers the starting offer's fee.
    assert model.design.start.fixed_fee_eur_per_season < SCENARIO.contract.fixed_fee_eur_per_season


def test_a_cooperative_executor_s_reserve_is_adopted_by_a_relational_gemeente() -> None:
    model = played(design_scenario("relational", "cooperative"))
    step = model.design.plan_step
    assert step.draft.reserve_t == 100.0 and step.asked is None
    assert model.executor.depot.stock_t == SCENARIO.executor.salt.initial_stock_t + 100.0


def test_an_absent_gemeente_adopts_a_bureaucrat_s_plan_and_nothing_is_rebuilt() -> None:
    model = RegieModel(design_scenario("absent", "bureaucratic"), seed=1)
    executor = model.executor
    assert not model.waiting_for_humans()
    step = model.design.plan_step
    assert step.adopted == step.reference
    assert model.executor is executor  # the reference plan: the executor as it was built


def test_each_choice_has_a_price_cost_plus_margin() -> None:
    model = played(design_scenario())
    ref = reference_plan(SCENARIO.executor)
    assert price_of(model.town, SCENARIO.executor, ref, ref) == {"fee_eur": 0.0, "unit_eur": 0.0}

    def price(**change: float) -> dict[str, float]:
        return price_of(model.town, SCENARIO.executor, ref, ref.model_copy(update=change))

    truck = SCENARIO.executor.standby_cost_eur_per_day / ref.trucks * STANDARD_SEASON_DAYS
    assert price(trucks=6)["fee_eur"] == pytest.approx(truck * (1 + BASE_MARGIN), abs=0.01)
    assert price(reserve_t=100.0)["fee_eur"] == pytest.approx(1_000.0 * (1 + BASE_MARGIN))
    assert price(reserve_t=100.0)["unit_eur"] == 0.0
    assert price(dose_preventive_g_m2=9.0)["unit_eur"] > 0.0
    assert price(secondary_priority=1)["unit_eur"] > price(dose_preventive_g_m2=9.0)["unit_eur"]
    assert price(cycle_priority=2)["unit_eur"] < 0.0


def test_cycle_routes_in_priority_two_leave_the_first_rounds() -> None:
    model = played(design_scenario("absent", "bureaucratic"))
    ref = reference_plan(SCENARIO.executor)
    plan = ref.model_copy(update={"cycle_priority": 2})
    use_plan(model, executor_config(SCENARIO.executor, ref, plan), levels_of(plan))
    town = model.town
    cycle = set(np.flatnonzero((town.category == CYCLE) & ~town.bus))
    first = {int(s) for r in model.plan.by_priority(1) for s in r.segments}
    second = {int(s) for r in model.plan.by_priority(2) for s in r.segments}
    assert cycle and not cycle & first and cycle <= second
    assert model.scenario.plan.cycle_priority == 2  # the next winter keeps it


def test_a_person_in_the_executor_seat_drafts_and_refuses() -> None:
    model = RegieModel(design_scenario("controller", "cooperative"), seed=1)
    model.set_controller("executor", None)
    lean = {**reference_plan(SCENARIO.executor).model_dump(), "trucks": 3}
    for _ in range(40):
        if not model.waiting_for_humans() or model.design.plan_step.adopted is not None:
            break
        (point,) = [
            p for p in model.observe("executor")["decisions"] if p["kind"].startswith("design")
        ]
        move = {
            "design_plan_draft": {"move": "draft", "plan": lean},
            "design_plan_answer": {"move": "refuse"},
        }[point["kind"]]
        assert model.submit("executor", {"type": "plan_move", "design_id": point["ref"], **move}).ok
    step = model.design.plan_step
    assert step.refused == 1 and step.asked.trucks == 5  # the controller asked the fleet back
    assert step.adopted.trucks == 3  # after the refusal it adopts the draft
    moves = [
        e
        for e in model.governance.events
        if e["kind"] == "action" and e["action"]["type"] == "plan_move"
    ]
    assert [e["by"] for e in moves] == ["human", "bot", "human", "bot"]


def test_a_plan_that_makes_no_executor_is_refused_with_the_reason() -> None:
    model = RegieModel(design_scenario(), seed=1)
    model.set_controller("executor", None)
    assert model.waiting_for_humans()
    point = model.design.point
    bad = {**reference_plan(SCENARIO.executor).model_dump(), "initial_stock_t": 600.0}
    result = model.submit(
        "executor", {"type": "plan_move", "design_id": point.ref, "move": "draft", "plan": bad}
    )
    assert not result.ok and "the depot holds 500 t" in result.reason
