"""Scenarios for the design phase: the default town, short winters, the phase switched on."""

from __future__ import annotations

from sim.model import RegieModel
from sim.scenario.schema import Scenario


def design_scenario(
    regisseur: str = "relational",
    executor: str = "cooperative",
    wethouder: str = "incident_driven",
    days: int = 2,
    **extra: dict,
) -> Scenario:
    """A short winter with a design phase and these bots in the seats (`extra`: more
    scenario sections, e.g. ``executor_cfg`` for the executor's section)."""
    data = {
        "weather": {"days": days},
        "citizens": {"agents": 200},
        "design": {"skip": False},
        "roles": {
            "regisseur": {"bot": regisseur},
            "executor": {"bot": executor},
            "wethouder": {"bot": wethouder},
        },
    }
    if "executor_cfg" in extra:
        data["executor"] = extra.pop("executor_cfg")
    data.update(extra)
    return Scenario.model_validate(data)


def played(scenario: Scenario, seed: int = 1) -> RegieModel:
    """A model whose design phase the bots have played out (the clock still at hour 0)."""
    model = RegieModel(scenario, seed=seed)
    assert not model.waiting_for_humans()
    return model


def agreed_events(model: RegieModel) -> list[dict]:
    """The model's `contract_agreed` events."""
    return [e for e in model.governance.events if e["kind"] == "contract_agreed"]
