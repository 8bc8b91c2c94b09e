"""Bots propose rule changes at a meeting when the winter showed a gap in the contract
(sim.governance.rulebots), by archetype and threshold; the other side's bot answers from
its interests; a person proposes for themselves; no gap, no proposal."""

from __future__ import annotations

import pytest

from sim.governance.meetings import schedule_meeting
from sim.governance.rulebots import PLOUGH, PROPOSES, SALT, gaps
from sim.governance.rulechange import COMMITTEE, proposals
from sim.model import RegieModel
from tests.governance.helpers import new_model


def seated(regisseur: str, executor: str) -> RegieModel:
    """Hour 0 of the short test winter with these bots at the two seats."""
    m = new_model()
    m.set_controller("regisseur", regisseur)
    m.set_controller("executor", executor)
    return m


def shortage(m: RegieModel, days: int) -> RegieModel:
    """The winter ran the depot dry on `days` days."""
    m.kpi.shortage_days = days
    return m


def request(m: RegieModel, kind: str, times: int = 1) -> RegieModel:
    """The executor asked meerwerk of this kind `times` times (all approved)."""
    from sim.governance.contract import MeerwerkRequest

    gov = m.governance
    for _ in range(times):
        gov.requests.append(MeerwerkRequest(len(gov.requests), 0, kind, 4_000.0, "approved"))
    return m


def meeting(m: RegieModel) -> list:
    """Open an operational meeting; the proposals the bots tabled."""
    schedule_meeting(m.governance, "operational")
    return proposals(m.governance)


def test_a_relational_regisseur_proposes_an_emergency_salt_rule_after_a_shortage() -> None:
    m = shortage(seated("relational", "cooperative"), 1)
    (p,) = meeting(m)
    assert (p.role, p.change, p.rule, p.status) == ("regisseur", "add", SALT, "accepted")
    rule = m.governance.rules[SALT]
    # Two curative rounds of salt as the threshold, six at the shortage price as the amount.
    round_t = m.plan.round_salt_t(1, m.executor.cfg.dose_curative_g_m2)
    assert rule.threshold == pytest.approx(2 * round_t, abs=0.05)
    assert rule.max_amount_eur == pytest.approx(6 * round_t * 200.0, abs=50.0)
    (event,) = [e for e in m.governance.events if e["kind"] == "rule_changed"]
    assert event["proposed_by"] == "regisseur"


def test_a_controller_waits_for_the_gap_to_show_twice() -> None:
    assert PROPOSES["controller"][SALT] == 2
    once = shortage(seated("controller", "bureaucratic"), 1)
    # The bureaucrat proposes it itself; the controller takes a written rule.
    (p,) = meeting(once)
    assert p.role == "executor" and p.status == "accepted"
    twice = shortage(seated("controller", "bureaucratic"), 2)
    (p,) = meeting(twice)
    assert p.role == "regisseur" and p.rule == SALT


def test_an_absent_regisseur_proposes_nothing_and_takes_the_executor_s_rule() -> None:
    m = request(seated("absent", "cooperative"), "plough")
    (p,) = meeting(m)
    assert (p.role, p.rule, p.status) == ("executor", PLOUGH, "accepted")
    rule = m.governance.rules[PLOUGH]
    assert rule.threshold == 5.0  # the design phase's ploughing rule
    assert rule.max_amount_eur == pytest.approx(
        10 * m.governance.contract.unit_price_eur_per_action, abs=50
    )


def test_an_opportunist_refuses_a_committee_and_it_is_not_proposed_again() -> None:
    m = seated("relational", "opportunistic")
    m.governance.open_dispute("price", 3_000.0)
    (p,) = meeting(m)
    assert (p.role, p.rule, p.status) == ("regisseur", COMMITTEE, "rejected")
    assert not m.governance.contract.escalation_committee
    assert len(meeting(m)) == 1  # the next meeting: the same side does not table it again


def test_an_opportunist_proposes_the_rule_that_lets_it_plough_without_asking() -> None:
    m = request(seated("controller", "opportunistic"), "plough")
    (p,) = meeting(m)
    assert (p.role, p.rule, p.status) == ("executor", PLOUGH, "accepted")


def test_each_side_tables_one_change_a_meeting() -> None:
    m = request(shortage(seated("relational", "cooperative"), 1), "plough")
    first = meeting(m)
    assert [(p.role, p.rule) for p in first] == [("regisseur", SALT), ("executor", PLOUGH)]


def test_a_person_s_seat_proposes_nothing_and_the_bot_s_proposal_waits_for_them() -> None:
    m = shortage(new_model(), 1)
    m.set_controller("regisseur", None, name="Test")
    (p,) = meeting(m)  # the cooperative executor proposes; the person answers at the table
    assert (p.role, p.status) == ("executor", "open")
    assert {"type": "answer_rule_change", "proposal_id": 0, "answer": "accept"} in (
        m.legal_actions("regisseur")
    )


def test_no_gap_no_proposal() -> None:
    m = seated("relational", "cooperative")
    assert not any(gaps(m.governance).values())
    assert meeting(m) == []
