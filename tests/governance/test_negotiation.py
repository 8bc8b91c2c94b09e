"""Two-sided negotiation: the Zeuthen rule the bots follow, and a meeting's outcome from
what both sides did (sim.governance.negotiation)."""

from __future__ import annotations

import pytest

from sim.governance.negotiation import (
    LEVEL_COST_EUR,
    conflict_cost,
    nash_point,
    resolve,
    risk_limits,
    zeuthen_move,
)
from sim.governance.regimes import EXECUTOR, GEMEENTE
from tests.governance.helpers import new_model

FORCED = (4_800.0, 2_040.0)  # conflict costs (executor, gemeente) of an escalation [EUR]
MARKET = (4_800.0 + 30_000.0, 2_040.0)  # the executor also risks the contract


def _item(
    amount: float,
    costs: tuple[float, float],
    claim: float | None = None,
    offer: float = 0.0,
    hardness: int = 0,
    reference: bool = False,
) -> dict:
    return {
        "amount_eur": amount,
        "claim_eur": amount if claim is None else claim,
        "offer_eur": offer,
        "cost_executor": costs[0],
        "cost_gemeente": costs[1],
        "hardness": hardness,
        "reference": reference,
        "level": 0,
    }


def _bargain(
    item: dict, meetings: int, share: float = 0.3, trust: float = 0.5
) -> tuple[int | None, float, float]:
    """Both sides move by the Zeuthen rule for some meetings: (meeting settled or None,
    what was paid or the last offer, the executor's total concession)."""
    opening = item["claim_eur"]
    for n in range(meetings):
        move_e, amount_e = zeuthen_move(EXECUTOR, item, share, trust)
        move_g, amount_g = zeuthen_move(GEMEENTE, item, share, trust)
        if move_e == "accept":
            return n, item["offer_eur"], opening - item["offer_eur"]
        if move_g == "accept":
            return n, item["claim_eur"], opening - item["claim_eur"]
        if move_e == "offer":
            item["claim_eur"] = amount_e
        if move_g == "offer":
            item["offer_eur"] = amount_g
    return None, item["offer_eur"], opening - item["claim_eur"]


def test_with_no_exit_both_sides_hold_a_large_item() -> None:
    """Forced shopping: escalation is all conflict costs, so over a large item both would
    rather have the conflict (risk limit 1): a deadlock, escalated once it has hardened."""
    item = _item(14_000.0, FORCED)
    assert risk_limits(item) == (1.0, 1.0)
    assert zeuthen_move(EXECUTOR, item, 0.3, 0.5) == ("hold", 0.0)
    assert zeuthen_move(GEMEENTE, item, 0.3, 0.5, escalate_hardened=True) == ("hold", 0.0)
    hardened = _item(14_000.0, FORCED, hardness=1)
    assert zeuthen_move(GEMEENTE, hardened, 0.3, 0.5, escalate_hardened=True)[0] == "escalate"


def test_with_the_contract_at_stake_the_executor_concedes_at_once() -> None:
    """Market: the executor's conflict cost includes the contract it may lose at the tender;
    its risk limit is the lower, so it concedes on the same item the forced executor holds."""
    item = _item(14_000.0, MARKET)
    risk_e, risk_g = risk_limits(item)
    assert risk_e < risk_g
    move, claim = zeuthen_move(EXECUTOR, item, 0.3, 0.5)
    assert move == "offer" and claim < 14_000.0
    assert zeuthen_move(GEMEENTE, item, 0.3, 0.5)[0] == "hold"


def test_with_no_exit_both_sides_concede_less_and_settle_later() -> None:
    forced = _bargain(_item(8_000.0, FORCED), meetings=3)
    market = _bargain(_item(8_000.0, MARKET), meetings=3)
    assert forced[2] < market[2]  # the executor gave up less in three meetings
    settled_forced = _bargain(_item(8_000.0, FORCED), meetings=30)[0]
    settled_market = _bargain(_item(8_000.0, MARKET), meetings=30)[0]
    assert settled_market is not None and settled_forced is not None
    assert settled_market < settled_forced


def test_concessions_close_in_on_the_nash_point() -> None:
    """Zeuthen's concessions end near the Nash bargaining solution A/2 + (c_G - c_E)/2."""
    costs = (6_000.0, 5_000.0)
    item = _item(8_000.0, costs)
    x = nash_point(item)
    assert x == pytest.approx(0.5 * (8_000.0 + 5_000.0 - 6_000.0))
    settled, paid, _ = _bargain(item, meetings=60, share=0.5)
    assert settled is not None and paid == pytest.approx(x, abs=300.0)


def test_a_trusting_side_and_an_agreed_reference_concede_faster() -> None:
    item = _item(8_000.0, MARKET)
    wary = zeuthen_move(EXECUTOR, dict(item), 0.3, 0.1)[1]
    trusting = zeuthen_move(EXECUTOR, dict(item), 0.3, 0.9)[1]
    referenced = zeuthen_move(EXECUTOR, {**item, "reference": True}, 0.3, 0.1)[1]
    assert trusting < wary and referenced < wary


def test_a_higher_level_costs_both_sides_more() -> None:
    gov = new_model().governance
    for side in (EXECUTOR, GEMEENTE):
        low = conflict_cost(gov, side, 0, committee=False)
        assert conflict_cost(gov, side, 1, committee=False) == pytest.approx(low + LEVEL_COST_EUR)
        assert conflict_cost(gov, side, 2, committee=True) > conflict_cost(gov, side, 2, False)


@pytest.mark.parametrize(
    "executor,gemeente,outcome,paid",
    [
        (("hold", 0.0), ("hold", 0.0), "reject", 0.0),
        (("accept", 0.0), ("offer", 2_000.0), "compromise", 2_000.0),
        (("offer", 3_000.0), ("accept", 0.0), "compromise", 3_000.0),
        (("hold", 0.0), ("accept", 0.0), "agree", 5_000.0),
        (("accept", 0.0), ("hold", 0.0), "agree", 0.0),
        (("offer", 2_500.0), ("offer", 2_500.0), "compromise", 2_500.0),
        (("hold", 0.0), ("escalate", 0.0), "escalate", 0.0),
    ],
)
def test_the_outcome_follows_from_both_moves(executor, gemeente, outcome: str, paid: float) -> None:
    gov = new_model().governance
    dispute = gov.open_dispute("meerwerk", 5_000.0)
    assert resolve(gov, dispute, executor, gemeente) == (outcome, pytest.approx(paid))


@pytest.mark.parametrize("sourcing,hold_up", [("forced", True), ("market", False)])
def test_holding_ones_line_is_a_hold_up_only_when_the_other_cannot_leave(
    sourcing: str, hold_up: bool
) -> None:
    gov = new_model(contract={"sourcing": sourcing}).governance
    dispute = gov.open_dispute("meerwerk", 5_000.0)
    resolve(gov, dispute, ("offer", 4_000.0), ("hold", 0.0))
    reasons = [h[1] for h in gov.rel.history]
    assert "concession made" in reasons
    assert ("hold-up" in reasons) == hold_up
