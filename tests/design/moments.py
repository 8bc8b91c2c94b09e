"""Moments of the design phase for the action API's tests (tests/governance)."""

from __future__ import annotations

from sim.model import RegieModel
from tests.design.conftest import design_scenario, played

# A gemeente's ask every condition of the incident-driven wethouder allows.
ASK = {
    "route_norm_h": 3.0,
    "agreements": "output",
    "salt_rule_t": 60.0,
    "plough_rule_cm": None,
    "escalation_committee": True,
    "price_benchmark": False,
    "transition_months": 0,
    "price_factor": 1.0,
}


def _waiting_for(role: str) -> RegieModel:
    model = RegieModel(design_scenario(), seed=1)
    model.set_controller(role, None)
    assert model.waiting_for_humans()
    return model


def design_conditions_open() -> RegieModel:
    """Hour 0 with a design phase: the wethouder (a person) sets the conditions."""
    return _waiting_for("wethouder")


def design_offer_open() -> RegieModel:
    """Hour 0 with a design phase: the regisseur (a person) states the gemeente's ask."""
    return _waiting_for("regisseur")


# The cooperative executor's draft on the default scenario: the reference plan (the
# scenario's executor) with a strategic reserve of 100 t (sim.design.plan_bots).
DRAFT = {
    "cycle_priority": 1,
    "secondary_priority": 2,
    "dose_preventive_g_m2": 7.0,
    "trucks": 5,
    "initial_stock_t": 400.0,
    "reserve_t": 100.0,
}


def design_plan_open() -> RegieModel:
    """Hour 0 with a design phase: the regisseur (a person) asked the gemeente's terms; the
    bot executor drafted its plan, which the person adopts or asks changes of."""
    model = design_offer_open()
    point = next(p for p in model.governance.board.open_for("regisseur"))
    move = {"type": "design_move", "design_id": point.ref, "move": "offer", "terms": ASK}
    assert model.submit("regisseur", move).ok
    assert model.design.point.kind == "design_plan_review"
    return model


def design_over() -> RegieModel:
    """Hour 0 after the bots played the design phase out."""
    return played(design_scenario())


# A rule change the regisseur proposes at an open meeting (sim.governance.rulechange).
ADD_SALT = {
    "type": "propose_rule_change",
    "meeting_id": 0,
    "change": "add",
    "rule": "salt_emergency_purchase",
    "threshold": 500.0,
    "max_amount_eur": 10_000.0,
}


def rule_change_proposed() -> RegieModel:
    """A meeting open, both seats people; the regisseur proposed an emergency-salt rule."""
    from tests.governance.helpers import position_open

    model = position_open()
    assert model.submit("regisseur", ADD_SALT).ok
    return model
