"""Decision points: the clock waits for a person, a bot takes over when the trainer says so,
and legal_actions lists the open questions first, then the free actions that are possible."""

from __future__ import annotations

import copy

import pytest

from sim.actions import ALLOWED_ROLES, ROLES, parse_action
from sim.bots import BOTS
from sim.governance.decisions import KINDS
from tests.governance.helpers import (
    briefing_open,
    changed,
    council_open,
    fingerprint,
    fresh,
    human_regisseur,
    incident_open,
    invoice_open,
    meerwerk_open,
    meeting_with_dispute,
    new_model,
    open_point,
    report_open,
    step_hours,
)

ANSWER_TYPES = {action_type for _, action_type, _, _ in KINDS.values()}


def _meeting_for_a_person():
    m = human_regisseur()
    assert m.submit("regisseur", {"type": "call_meeting", "level": "operational"}).ok
    return m


# --- the clock waits for a person ------------------------------------------------------------
def test_step_does_not_advance_while_a_person_must_decide() -> None:
    m = _meeting_for_a_person()
    assert m.waiting_for_humans()
    hour, n_events, before = m.hour, len(m.governance.events), fingerprint(m)
    for _ in range(5):
        m.step()
    assert m.hour == hour and m.running
    assert len(m.governance.events) == n_events
    assert not changed(before, fingerprint(m))


def test_step_advances_once_the_person_answers() -> None:
    m = _meeting_for_a_person()
    point = open_point(m, "meeting")
    hour = m.hour
    assert m.submit("regisseur", dict(point.options[0])).ok
    assert not m.waiting_for_humans()
    m.step()
    assert m.hour == hour + 1


def test_a_rejected_answer_keeps_the_clock_stopped() -> None:
    m = _meeting_for_a_person()
    point = open_point(m, "meeting")
    assert not m.submit("regisseur", {"type": "record_meeting", "meeting_id": point.ref,
                                      "outcomes": [{"item_id": 9, "outcome": "agree"}]}).ok
    hour = m.hour
    m.step()
    assert m.hour == hour and m.waiting_for_humans()


def test_only_the_human_roles_points_stop_the_clock() -> None:
    m = fresh()
    m.set_controller("wethouder", None, name="W")
    assert m.submit("executor", {"type": "request_meerwerk", "kind": "extra_round",
                                 "amount_eur": 5_000.0}).ok
    point = open_point(m, "meerwerk_request")  # the controller bot answers near the deadline
    assert not m.waiting_for_humans()
    step_hours(m, 3)
    assert open_point(m, "meerwerk_request") is point


def test_a_bot_answers_its_point_by_the_deadline() -> None:
    m = fresh()  # controller regisseur: meerwerk gets a formal review, near the deadline
    assert m.submit("executor", {"type": "request_meerwerk", "kind": "extra_round",
                                 "amount_eur": 5_000.0}).ok
    point = open_point(m, "meerwerk_request")
    step_hours(m, point.deadline_hour - m.hour + 1)
    answers = [e for e in m.governance.events if e["kind"] == "action"
               and e["action"]["type"] == "decide_meerwerk"]
    assert len(answers) == 1 and answers[0]["by"] == "bot"
    assert answers[0]["tick"] <= point.deadline_hour and point.answered


# --- the trainer hands a seat over ----------------------------------------------------------------
@pytest.mark.parametrize("bot", sorted(BOTS["regisseur"]))
def test_a_bot_takes_over_an_open_decision(bot: str) -> None:
    m = _meeting_for_a_person()
    point = open_point(m, "meeting")
    hour = m.hour
    m.set_controller("regisseur", bot)
    assert m.governance.events[-1] == {"tick": hour, "kind": "controller", "role": "regisseur",
                                       "bot": bot, "name": None}
    m.step()
    assert m.hour == hour + 1  # the clock runs again at once
    step_hours(m, max(0, point.deadline_hour - m.hour + 1))
    assert point.answered
    answer = [e for e in m.governance.events if e["kind"] == "action"
              and e["action"]["type"] == "record_meeting"]
    assert len(answer) == 1 and answer[0]["by"] == "bot"
    assert answer[0]["tick"] <= point.deadline_hour


def test_a_bot_takes_over_at_the_next_step() -> None:
    m = briefing_open()
    point = open_point(m, "forecast_briefing")
    hour = m.hour
    m.set_controller("executor", "cooperative")
    m.step()
    assert point.answered and m.hour == hour + 1
    answer = [e for e in m.governance.events if e["kind"] == "action"][-1]
    assert answer["tick"] == hour and answer["by"] == "bot"
    assert answer["action"] == {**point.options[0], "note": ""}


def test_a_person_taking_over_stops_the_clock_on_a_waiting_point() -> None:
    m = new_model(roles={"regisseur": {"bot": "absent"}})
    assert m.submit("executor", {"type": "request_meerwerk", "kind": "extra_round",
                                 "amount_eur": 5_000.0}).ok
    step_hours(m, 2)  # the absent regisseur lets it lie until the deadline
    point = open_point(m, "meerwerk_request")
    assert point is not None
    m.set_controller("regisseur", None, name="Anna")
    hour = m.hour
    m.step()
    assert m.hour == hour and m.waiting_for_humans()
    assert m.governance.events[-1]["name"] == "Anna"


# --- what the role sees and may do ----------------------------------------------------------------
def _three_questions():
    """Human regisseur with three open points: meerwerk, council question, meeting."""
    m = meerwerk_open()
    m.inject("council_motion", 0.5)
    assert m.submit("regisseur", {"type": "call_meeting", "level": "operational"}).ok
    return m


def test_observation_shows_own_open_points_oldest_first() -> None:
    m = _three_questions()
    points = m.governance.board.open_for("regisseur")
    assert [p.kind for p in points] == ["meerwerk_request", "council_question", "meeting"]
    assert m.observe("regisseur")["decisions"] == [p.to_dict() for p in points]
    for role in ("executor", "wethouder"):
        assert m.observe(role)["decisions"] == []


def test_legal_actions_list_the_open_points_options_first() -> None:
    m = _three_questions()
    options = [o for p in m.governance.board.open_for("regisseur") for o in p.options]
    legal = m.legal_actions("regisseur")
    assert legal[:len(options)] == options
    rest = legal[len(options):]
    assert rest and not {a["type"] for a in rest} & ANSWER_TYPES
    for role in ("executor", "wethouder"):  # other roles get none of these questions
        assert not {a["type"] for a in m.legal_actions(role)} & ANSWER_TYPES


@pytest.mark.parametrize("role", ROLES)
def test_free_legal_actions_are_accepted(role: str) -> None:
    m = fresh()
    legal = m.legal_actions(role)
    assert legal and all(role in ALLOWED_ROLES[a["type"]] for a in legal)
    for template in legal:
        trial = copy.deepcopy(m)
        result = trial.submit(role, template)
        assert result.ok, (template, result.reason)


def test_legal_actions_drop_what_is_not_possible_now() -> None:
    m = fresh()
    for action in ({"type": "inspect"}, {"type": "inspect"}, {"type": "launch_campaign"},
                   {"type": "call_meeting", "level": "operational"}):
        assert m.submit("regisseur", action).ok
    assert m.submit("executor", {"type": "buy_salt", "quantity_t": 100.0}).ok
    regisseur = {a["type"] for a in m.legal_actions("regisseur")}
    assert not regisseur & {"inspect", "micromanage", "direct_contact", "launch_campaign",
                            "call_meeting", "impose_penalty"}
    assert "request_extra_round" in regisseur
    executor = {a["type"] for a in m.legal_actions("executor")}
    assert not executor & {"buy_salt", "call_meeting"}
    assert "invest_development" in executor


@pytest.mark.parametrize("moment", [
    meerwerk_open, meeting_with_dispute, council_open, briefing_open, report_open,
    incident_open,
    invoice_open])
def test_every_listed_option_is_accepted_as_listed(moment) -> None:
    m = moment()
    points = [p for p in m.governance.board.open_points() if m.governance.is_human(p.role)]
    assert points
    for point in points:
        for option in point.options:
            assert option in m.legal_actions(point.role)
            result = copy.deepcopy(m).submit(point.role, option)
            assert result.ok, (option, result.reason)


def test_legal_actions_and_observe_change_nothing() -> None:
    m = _three_questions()
    before = fingerprint(m)
    for role in ROLES:
        m.observe(role)
        m.legal_actions(role)
    assert not changed(before, fingerprint(m))


def test_legal_actions_with_a_contract_without_penalties() -> None:
    m = new_model(contract={"penalty_eur": 0.0})
    assert "impose_penalty" not in {a["type"] for a in m.legal_actions("regisseur")}


def test_every_listed_template_parses() -> None:
    m = _three_questions()
    for role in ROLES:
        for template in m.legal_actions(role):
            assert parse_action(template).type == template["type"]


def test_every_closed_decision_point_has_an_answer_in_the_log() -> None:
    m = new_model(weather={"days": 3})
    m.run_season()
    events = m.governance.events
    answers = {(e["action"]["type"], e["action"][KINDS[k][2]])
               for e in events if e["kind"] == "action"
               for k in KINDS if KINDS[k][1] == e["action"]["type"]}
    raised = [e for e in events if e["kind"] == "decision_point"]
    assert any(e["dp_kind"] == "invoice" for e in raised)
    still_open = {(p.kind, p.ref) for p in m.governance.board.open_points()}
    for e in raised:
        if (e["dp_kind"], e["ref"]) not in still_open:
            assert (KINDS[e["dp_kind"]][1], e["ref"]) in answers, e
