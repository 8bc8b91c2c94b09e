"""Rules change in play: at an open meeting one side proposes to add, change or drop a
beslisregel or the escalation route; it holds once the other side accepts, is logged as
`rule_changed` and is applied from then on; without a meeting, or against the contract,
the proposal is refused with the reason; a bot answers by archetype."""

from __future__ import annotations

import pytest

from sim.governance.rulechange import bot_accepts, proposals
from tests.design.moments import ADD_SALT
from tests.design.moments import rule_change_proposed as proposed
from tests.governance.helpers import fresh, position_open, reject


def test_a_proposal_changes_nothing_until_the_other_side_accepts() -> None:
    m = proposed()
    assert "salt_emergency_purchase" not in m.governance.rules
    assert {"type": "answer_rule_change", "proposal_id": 0, "answer": "accept"} in (
        m.legal_actions("executor")
    )
    assert m.submit(
        "executor", {"type": "answer_rule_change", "proposal_id": 0, "answer": "accept"}
    ).ok
    rule = m.governance.rules["salt_emergency_purchase"]
    assert (rule.threshold, rule.max_amount_eur) == (500.0, 10_000.0)
    assert m.scenario.contract == m.governance.contract
    (event,) = [e for e in m.governance.events if e["kind"] == "rule_changed"]
    assert event["change"] == "add" and event["proposed_by"] == "regisseur"


def test_the_accepted_rule_is_applied_from_then_on() -> None:
    m = proposed()
    m.submit("executor", {"type": "answer_rule_change", "proposal_id": 0, "answer": "accept"})
    m.set_controller("regisseur", "relational")
    m.set_controller("executor", "cooperative")
    for _ in range(12):  # stock is below 500 t: at 7h the rule buys salt
        m.step()
    assert any(e["kind"] == "action" and e["by"] == "rule" for e in m.governance.events)


def test_a_rejected_proposal_leaves_the_contract_as_it_was() -> None:
    m = proposed()
    before = m.governance.contract
    assert m.submit(
        "executor", {"type": "answer_rule_change", "proposal_id": 0, "answer": "reject"}
    ).ok
    assert m.governance.contract is before
    assert proposals(m.governance)[0].status == "rejected"


def test_an_unanswered_proposal_lapses_when_the_meeting_is_held() -> None:
    m = proposed()
    assert m.submit("regisseur", {"type": "record_meeting", "meeting_id": 0, "outcomes": []}).ok
    assert proposals(m.governance)[0].status == "lapsed"
    reject(
        m,
        "executor",
        {"type": "answer_rule_change", "proposal_id": 0, "answer": "accept"},
        match="no open rule change",
    )


@pytest.mark.parametrize(
    "action,reason",
    [
        ({**ADD_SALT, "change": "drop"}, "no rule salt_emergency_purchase to drop"),
        ({**ADD_SALT, "rule": "escalation_committee", "change": "change"}, "no threshold"),
        ({**ADD_SALT, "rule": "escalation_committee", "change": "drop"}, "no escalation committee"),
        ({**ADD_SALT, "meeting_id": 3}, "not the open meeting"),
    ],
)
def test_a_change_against_the_contract_is_refused_with_the_reason(action, reason) -> None:
    reject(position_open(), "regisseur", action, match=reason)


def test_without_a_meeting_rules_do_not_change() -> None:
    reject(fresh(), "regisseur", ADD_SALT, match="only at a meeting")


def test_one_proposal_at_a_time_and_not_answered_by_its_proposer() -> None:
    m = proposed()
    reject(m, "executor", {**ADD_SALT, "rule": "plough_authorised"}, match="already on the table")
    reject(
        m,
        "regisseur",
        {"type": "answer_rule_change", "proposal_id": 0, "answer": "accept"},
        match="its own proposal",
    )


def test_a_bot_answers_at_once_by_archetype() -> None:
    m = position_open()
    m.set_controller("executor", "opportunistic")
    assert m.submit("regisseur", {**ADD_SALT, "rule": "escalation_committee"}).ok
    assert proposals(m.governance)[0].status == "rejected"
    assert not m.governance.contract.escalation_committee
    assert bot_accepts("cooperative", "add", "escalation_committee")
    assert not bot_accepts("controller", "add", "escalation_committee")
    assert not bot_accepts("bureaucratic", "drop", "plough_authorised")
