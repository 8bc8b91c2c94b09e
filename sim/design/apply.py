"""The agreed contract takes effect: the regie, the gemeente, the bots and the scenario the
next winter starts from all read it, and the log records it as `contract_agreed`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario.schema import ContractConfig

if TYPE_CHECKING:
    from sim.model import RegieModel


def adopt(
    model: RegieModel,
    contract: ContractConfig,
    outcome: str,
    minutes: float,
    moves: int,
    plan: dict | None = None,
) -> None:
    """Make `contract` the contract of this run from now on and log it (with the adopted
    plan, its changes and its price, when the phase got that far)."""
    use_contract(model, contract)
    event = {
        "kind": "contract_agreed",
        "outcome": outcome,
        "minutes": minutes,
        "moves": moves,
        "contract": contract.model_dump(mode="json"),
    }
    if plan is not None:
        event["plan"] = plan
    model.governance.emit(event)


def use_contract(model: RegieModel, contract: ContractConfig) -> None:
    """Everything that reads the contract reads this one from now on (money spent under
    a rule that stays is kept)."""
    gov = model.governance
    spent = gov.rule_spent_eur
    gov.contract = contract
    gov.rules = {r.rule: r for r in contract.decision_rules}
    gov.rule_spent_eur = {rule: spent.get(rule, 0.0) for rule in gov.rules}
    model.gemeente.contract = contract
    model.scenario = model.scenario.model_copy(update={"contract": contract})
    for seat in gov.controllers.values():
        if seat is not None and hasattr(seat, "scenario"):
            seat.scenario = model.scenario
