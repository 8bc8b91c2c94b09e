"""The action API, one action type at a time: accepted when valid (with its effect), and
rejected with a reason and no change of state for a wrong role, a wrong moment or a bad value.

Each action type has a *ready* moment in which its `good` action is valid; the rejection
tests start from that moment and change one thing, so the rejection is about that thing.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from sim.actions import ACTION_TYPES, ALLOWED_ROLES, ROLES
from sim.agents.conduct import MICROMANAGE_EFFICIENCY_LOSS
from sim.governance.invoices import HOURS_INSPECTION, HOURS_INVOICE_REVIEW
from sim.governance.meetings import HOURS_CONTACT, HOURS_MEETING
from sim.governance.politics import CAMPAIGN_COST_EUR, CAMPAIGN_DAYS
from sim.governance.work import HOURS_MICROMANAGE
from sim.model import RegieModel
from tests.design.moments import (
    ADD_SALT,
    ASK,
    DRAFT,
    design_conditions_open,
    design_offer_open,
    design_over,
    design_plan_open,
    rule_change_proposed,
)
from tests.governance.helpers import (
    accept,
    advance,
    briefing_open,
    changed,
    council_open,
    fingerprint,
    fresh,
    human_regisseur,
    incident_open,
    incident_open_committee,
    invoice_open,
    meerwerk_open,
    meeting_with_dispute,
    misses_reported,
    new_model,
    open_point,
    order_open,
    position_open,
    reject,
    report_open,
    step_hours,
)

Ready = tuple[RegieModel, str, dict]


def _answer(kind: str, build: Callable[[], RegieModel], role: str, field: str,
            **values) -> Callable[[], Ready]:
    def ready() -> Ready:
        m = build()
        point = open_point(m, kind)
        return m, role, {"type": point.action_type, field: point.ref, **values}
    return ready


def _free(role: str, build: Callable[[], RegieModel] = fresh, **values) -> Callable[[], Ready]:
    def ready() -> Ready:
        return build(), role, dict(values)
    return ready


# A moment in which each action type's good action is valid.
READY: dict[str, Callable[[], Ready]] = {
    "review_invoice": _answer("invoice", invoice_open, "regisseur", "invoice_id",
                              decision="approve"),
    "decide_meerwerk": _answer("meerwerk_request", meerwerk_open, "regisseur", "request_id",
                               decision="approve"),
    "record_meeting": _answer("meeting", meeting_with_dispute, "regisseur", "meeting_id",
                              outcomes=[{"item_id": 0, "outcome": "compromise",
                                         "amount_eur": 2_500.0}]),
    "answer_council": _answer("council_question", council_open, "regisseur", "question_id",
                              tone="factual"),
    "plan_night": _answer("forecast_briefing", briefing_open, "executor", "briefing_id",
                          mode="stand_down"),
    "submit_report": _answer("monthly_report", report_open, "executor", "report_id",
                             honesty="honest"),
    "intervene": _answer("incident", incident_open, "wethouder", "incident_id",
                         channel="none"),
    "inspect": _free("regisseur", type="inspect"),
    "direct_contact": _free("regisseur", type="direct_contact"),
    "request_extra_round": _free("regisseur", type="request_extra_round", priority=1),
    "impose_penalty": _free("regisseur", misses_reported, type="impose_penalty",
                            amount_eur=1_000.0),
    "launch_campaign": _free("regisseur", type="launch_campaign"),
    "micromanage": _free("regisseur", type="micromanage", instruction="timing"),
    "call_meeting": _free("regisseur", type="call_meeting", level="operational"),
    "buy_salt": _free("executor", type="buy_salt", quantity_t=50.0),
    "invest_development": _free("executor", type="invest_development", amount_eur=20_000.0),
    "request_meerwerk": _free("executor", type="request_meerwerk", kind="extra_round",
                              amount_eur=5_000.0),
    "call_executor": _free("wethouder", type="call_executor"),
    "table_positions": _answer("meeting_position", position_open, "executor", "meeting_id",
                               moves=[{"item_id": 0, "move": "offer", "amount_eur": 4_000.0}]),
    "set_posture": _answer("posture", report_open, "executor", "posture_id",
                           markup_pct=12.0, effort="lean", small_jobs="tussendoor"),
    "respond_order": _answer("order", order_open, "executor", "order_id",
                             response="tussendoor"),
    "set_conditions": _answer("design_conditions", design_conditions_open, "wethouder",
                              "design_id", conditions=["salt_rule"]),
    "design_move": _answer("design_regisseur", design_offer_open, "regisseur", "design_id",
                           move="offer", terms=ASK),
    "plan_move": _answer("design_plan_review", design_plan_open, "regisseur", "design_id",
                         move="adopt"),
    "propose_rule_change": _free("regisseur", position_open, **ADD_SALT),
    "answer_rule_change": _free("executor", rule_change_proposed, type="answer_rule_change",
                                proposal_id=0, answer="accept"),
}

DROP = object()  # a patch value that removes the field


def _patched(action: dict, patch: dict) -> dict:
    out = {k: v for k, v in action.items() if patch.get(k) is not DROP}
    out.update({k: v for k, v in patch.items() if v is not DROP})
    return out


BAD = "bad value"
NO_POINT = "no open decision point"
NAN, INF = math.nan, math.inf

# Values that are wrong, applied to the good action in its ready moment: (id, patch, reason).
BAD_VALUES: dict[str, list[tuple[str, dict, str]]] = {
    "review_invoice": [
        ("unknown-decision", {"decision": "maybe"}, BAD),
        ("negative-id", {"invoice_id": -1}, BAD),
        ("id-not-a-number", {"invoice_id": "nul"}, BAD),
        ("unknown-invoice", {"invoice_id": 7}, NO_POINT),
        ("negative-dispute", {"decision": "dispute", "disputed_eur": -5.0}, BAD),
        ("nan-dispute", {"decision": "dispute", "disputed_eur": NAN}, BAD),
        ("zero-dispute", {"decision": "dispute", "disputed_eur": 0.0}, "disputed amount"),
        ("dispute-above-total", {"decision": "dispute", "disputed_eur": 1e7},
         "disputed amount"),
        ("missing-decision", {"decision": DROP}, BAD),
    ],
    "decide_meerwerk": [
        ("unknown-decision", {"decision": "later"}, BAD),
        ("negative-id", {"request_id": -1}, BAD),
        ("unknown-request", {"request_id": 99}, NO_POINT),
        ("missing-id", {"request_id": DROP}, BAD),
    ],
    "record_meeting": [
        ("unknown-outcome", {"outcomes": [{"item_id": 0, "outcome": "shrug"}]}, BAD),
        ("item-not-on-agenda", {"outcomes": [{"item_id": 5, "outcome": "agree"}]},
         "not on the agenda"),
        ("negative-amount", {"outcomes": [{"item_id": 0, "outcome": "compromise",
                                           "amount_eur": -1.0}]}, BAD),
        ("infinite-amount", {"outcomes": [{"item_id": 0, "outcome": "agree",
                                           "amount_eur": INF}]}, BAD),
        ("item-extra-field", {"outcomes": [{"item_id": 0, "outcome": "agree",
                                            "winner": "us"}]}, BAD),
        ("outcomes-not-a-list", {"outcomes": "all agreed"}, BAD),
        ("too-many-outcomes", {"outcomes": [{"item_id": 0, "outcome": "agree"}] * 101}, BAD),
        ("unknown-meeting", {"meeting_id": 3}, NO_POINT),
    ],
    "answer_council": [
        ("unknown-tone", {"tone": "rude"}, BAD),
        ("negative-id", {"question_id": -1}, BAD),
        ("unknown-question", {"question_id": 4}, NO_POINT),
    ],
    "plan_night": [
        ("unknown-mode", {"mode": "party"}, BAD),
        ("negative-id", {"briefing_id": -1}, BAD),
        ("future-briefing", {"briefing_id": 5}, NO_POINT),
    ],
    "submit_report": [
        ("unknown-honesty", {"honesty": "creative"}, BAD),
        ("negative-id", {"report_id": -1}, BAD),
        ("unknown-report", {"report_id": 1}, NO_POINT),
    ],
    "intervene": [
        ("unknown-channel", {"channel": "twitter"}, BAD),
        ("negative-id", {"incident_id": -1}, BAD),
        ("unknown-incident", {"incident_id": 3}, NO_POINT),
    ],
    "inspect": [("extra-field", {"target": "depot"}, BAD)],
    "direct_contact": [("extra-field", {"with": "director"}, BAD)],
    "request_extra_round": [
        ("priority-0", {"priority": 0}, BAD),
        ("priority-3", {"priority": 3}, BAD),
        ("priority-text", {"priority": "high"}, BAD),
    ],
    "impose_penalty": [
        ("negative", {"amount_eur": -5.0}, BAD),
        ("zero", {"amount_eur": 0.0}, BAD),
        ("above-schema-limit", {"amount_eur": 2e6}, BAD),
        ("nan", {"amount_eur": NAN}, BAD),
        ("missing", {"amount_eur": DROP}, BAD),
        ("above-contractual-cap", {"amount_eur": 500_000.0}, "exceeds the contractual"),
    ],
    "launch_campaign": [("extra-field", {"budget_eur": 10_000}, BAD)],
    "micromanage": [
        ("unknown-instruction", {"instruction": "shout"}, BAD),
        ("missing-instruction", {"instruction": DROP}, BAD),
    ],
    "call_meeting": [
        ("unknown-level", {"level": "coffee"}, BAD),
        ("missing-level", {"level": DROP}, BAD),
    ],
    "buy_salt": [
        ("zero", {"quantity_t": 0.0}, BAD),
        ("negative", {"quantity_t": -1.0}, BAD),
        ("above-schema-limit", {"quantity_t": 20_000.0}, BAD),
        ("infinite", {"quantity_t": INF}, BAD),
        ("more-than-the-depot-holds", {"quantity_t": 150.0}, "depot has room"),
    ],
    "invest_development": [
        ("zero", {"amount_eur": 0.0}, BAD),
        ("negative", {"amount_eur": -1.0}, BAD),
        ("above-schema-limit", {"amount_eur": 2e6}, BAD),
        ("above-investment-limit", {"amount_eur": 300_000.0}, "investment"),
    ],
    "request_meerwerk": [
        ("unknown-kind", {"kind": "party"}, BAD),
        ("zero-amount", {"amount_eur": 0.0}, BAD),
        ("negative-amount", {"amount_eur": -1.0}, BAD),
        ("missing-kind", {"kind": DROP}, BAD),
    ],
    "call_executor": [("extra-field", {"number": "06-12345678"}, BAD)],
    "table_positions": [
        ("unknown-move", {"moves": [{"item_id": 0, "move": "sulk"}]}, BAD),
        ("item-not-on-agenda", {"moves": [{"item_id": 4, "move": "hold"}]},
         "not on the agenda"),
        ("claims-more-than-before", {"moves": [{"item_id": 0, "move": "offer",
                                                "amount_eur": 9_000.0}]}, "claims more"),
        ("unknown-meeting", {"meeting_id": 9}, NO_POINT),
    ],
    "set_posture": [
        ("markup-above-limit", {"markup_pct": 80.0}, BAD),
        ("negative-markup", {"markup_pct": -1.0}, BAD),
        ("unknown-effort", {"effort": "heroic"}, BAD),
        ("unknown-small-jobs", {"small_jobs": "free"}, BAD),
        ("unknown-point", {"posture_id": 9}, NO_POINT),
    ],
    "respond_order": [
        ("unknown-response", {"response": "maybe"}, BAD),
        ("unknown-order", {"order_id": 9}, NO_POINT),
    ],
    "set_conditions": [
        ("unknown-condition", {"conditions": ["free_salt"]}, BAD),
        ("unknown-point", {"design_id": 9}, NO_POINT),
    ],
    "design_move": [
        ("unknown-move", {"move": "maybe"}, BAD),
        ("norm-of-zero-hours", {"terms": {**ASK, "route_norm_h": 0.0}}, BAD),
        ("unknown-term", {"terms": {**ASK, "free_salt": True}}, BAD),
        ("without-the-wethouder-s-condition", {"terms": {**ASK, "escalation_committee": False}},
         "conditions are not in this offer: escalation_committee"),
        ("accept-before-an-offer", {"move": "accept", "terms": DROP},
         "no offer of the other side"),
        ("offer-without-terms", {"terms": DROP}, "an offer needs its terms"),
        ("unknown-point", {"design_id": 9}, NO_POINT),
    ],
    "plan_move": [
        ("unknown-move", {"move": "maybe"}, BAD),
        ("dose-of-zero", {"move": "ask", "plan": {**DRAFT, "dose_preventive_g_m2": 0.0}}, BAD),
        ("unknown-item", {"move": "ask", "plan": {**DRAFT, "free_salt": 1.0}}, BAD),
        ("ask-without-the-plan", {"move": "ask"}, "an ask needs the plan"),
        ("ask-that-changes-nothing", {"move": "ask", "plan": DRAFT}, "asks no change"),
        ("stock-beyond-the-depot", {"move": "ask", "plan": {**DRAFT, "initial_stock_t": 900.0}},
         "the depot holds 500 t"),
        ("the-executor-s-move", {"move": "accept"}, "now the plan asks one of: adopt, ask"),
        ("unknown-point", {"design_id": 9}, NO_POINT),
    ],
    "propose_rule_change": [
        ("unknown-change", {"change": "swap"}, BAD),
        ("unknown-rule", {"rule": "free_salt"}, BAD),
        ("negative-threshold", {"threshold": -1.0}, BAD),
        ("rule-not-in-the-contract", {"rule": "sand_fallback", "change": "drop"},
         "no rule sand_fallback to drop"),
    ],
    "answer_rule_change": [
        ("unknown-answer", {"answer": "maybe"}, BAD),
        ("unknown-proposal", {"proposal_id": 9}, "no open rule change"),
    ],
}

# Bad values every action type shares (the `_Action` base).
COMMON_BAD_VALUES: list[tuple[str, dict]] = [
    ("note-too-long", {"note": "x" * 2001}),
    ("note-not-text", {"note": 5}),
    ("unknown-field", {"urgent": True}),
]


def _then(build: Callable[[], RegieModel], *steps: tuple[str, dict] | int
          ) -> Callable[[], RegieModel]:
    """A moment: build, then submit (role, action) pairs (each must be accepted) or step n."""
    def moment() -> RegieModel:
        m = build()
        for step in steps:
            if isinstance(step, int):
                step_hours(m, step)
            else:
                result = m.submit(*step)
                assert result.ok, result.reason
        return m
    return moment


def _answered(kind: str, build: Callable[[], RegieModel]) -> Callable[[], RegieModel]:
    """The ready moment with the point already answered by its own good action."""
    def moment() -> RegieModel:
        m, role, action = READY[kind]()
        assert m.submit(role, action).ok
        return m
    return moment


INSPECT = ("regisseur", {"type": "inspect"})
EXTRA_ROUND = ("regisseur", {"type": "request_extra_round", "priority": 1})

# Moments in which the good action (same values) is not allowed: (id, moment, reason).
WRONG_MOMENT: dict[str, list[tuple[str, Callable[[], RegieModel], str]]] = {
    "review_invoice": [("before-any-invoice", human_regisseur, NO_POINT),
                       ("already-reviewed", _answered("review_invoice", invoice_open),
                        NO_POINT)],
    "decide_meerwerk": [("no-request", human_regisseur, NO_POINT),
                        ("already-decided", _answered("decide_meerwerk", meerwerk_open),
                         NO_POINT)],
    "record_meeting": [("no-meeting", human_regisseur, NO_POINT),
                       ("already-recorded", _answered("record_meeting", meeting_with_dispute),
                        NO_POINT)],
    "answer_council": [("no-question", human_regisseur, NO_POINT),
                       ("already-answered", _answered("answer_council", council_open),
                        NO_POINT)],
    "plan_night": [("before-the-briefing", fresh, NO_POINT),
                   ("bot-answered-it-already", _then(fresh, 20), NO_POINT),
                   ("already-planned", _answered("plan_night", briefing_open), NO_POINT)],
    "submit_report": [("before-month-end", fresh, NO_POINT),
                      ("already-submitted", _answered("submit_report", report_open),
                       NO_POINT)],
    "intervene": [("no-incident", fresh, NO_POINT),
                  ("already-acted", _answered("intervene", incident_open), NO_POINT)],
    "inspect": [("regie-hours-used-up", _then(fresh, INSPECT, INSPECT), "regie hours"),
                ("no-regie-capacity",
                 lambda: new_model(municipality={"regie_capacity_h_per_week": 4.0}),
                 "regie hours")],
    "direct_contact": [
        ("twice-a-day", _then(fresh, ("regisseur", {"type": "direct_contact"})), "today"),
        ("regie-hours-used-up", _then(fresh, INSPECT, INSPECT), "regie hours"),
    ],
    "request_extra_round": [("fleet-out-on-this-priority", _then(fresh, EXTRA_ROUND, 1),
                             "fleet is out")],
    "impose_penalty": [
        ("nothing-to-penalise", fresh, "no missed norm"),
        ("already-penalised",
         _then(misses_reported, ("regisseur", {"type": "impose_penalty", "amount_eur": 1.0})),
         "no missed norm"),
        ("in-house", lambda: new_model(contract={"sourcing": "in_house"}), "own department"),
    ],
    "launch_campaign": [("campaign-running",
                         _then(fresh, ("regisseur", {"type": "launch_campaign"}), 24),
                         "campaign is running")],
    "micromanage": [("regie-hours-used-up", _then(fresh, INSPECT, INSPECT), "regie hours")],
    "call_meeting": [("meeting-already-scheduled",
                      _then(fresh, ("executor", {"type": "call_meeting",
                                                 "level": "management"})),
                      "already scheduled")],
    "buy_salt": [("depot-full", _then(fresh, ("executor", {"type": "buy_salt",
                                                           "quantity_t": 100.0})),
                  "depot has room")],
    "invest_development": [],  # no moment limit; see test_no_action_after_the_season_ends
    "request_meerwerk": [("same-request-waiting",
                          _then(fresh, ("executor", {"type": "request_meerwerk",
                                                     "kind": "extra_round",
                                                     "amount_eur": 1_000.0})),
                          "already waiting")],
    "table_positions": [("no-meeting", fresh, NO_POINT),
                        ("meeting-already-held",
                         _then(position_open, ("regisseur", {"type": "record_meeting",
                                                             "meeting_id": 0, "outcomes": []})),
                         NO_POINT)],
    "set_posture": [("before-the-monthly-point", fresh, NO_POINT),
                    ("already-set", _answered("set_posture", report_open), NO_POINT)],
    "respond_order": [("no-order", fresh, NO_POINT),
                      ("already-answered", _answered("respond_order", order_open), NO_POINT)],
    "set_conditions": [("no-design-phase", fresh, NO_POINT),
                       ("phase-over", design_over, NO_POINT)],
    "design_move": [("no-design-phase", fresh, NO_POINT), ("phase-over", design_over, NO_POINT)],
    "plan_move": [("no-design-phase", fresh, NO_POINT), ("phase-over", design_over, NO_POINT),
                  ("while-terms-are-asked", design_offer_open, NO_POINT)],
    "propose_rule_change": [("no-meeting", fresh, "only at a meeting")],
    "answer_rule_change": [("nothing-proposed", position_open, "no open rule change")],
    "call_executor": [("crew-already-out-on-a-bypass",
                       _then(fresh, ("wethouder", {"type": "call_executor"}), 1),
                       "already out on the wethouder's job")],
}

# Extra wrong moments for the second role of shared action types.
WRONG_MOMENT_OTHER_ROLE: list[tuple[str, str, dict, Callable[[], RegieModel], str]] = [
    ("executor-contact-twice-a-day", "executor", {"type": "direct_contact"},
     _then(fresh, ("executor", {"type": "direct_contact"})), "today"),
    ("executor-meeting-already-scheduled", "executor",
     {"type": "call_meeting", "level": "operational"},
     _then(fresh, ("regisseur", {"type": "call_meeting", "level": "operational"})),
     "already scheduled"),
    ("committee-without-committee", "wethouder", None, incident_open, "escalation committee"),
]


def _cases(table: dict[str, list]) -> list:
    return [pytest.param(t, *case[1:], id=f"{t}-{case[0]}") for t in ACTION_TYPES
            for case in table[t]]


# --- the specification covers every action type --------------------------------------------
def test_every_action_type_is_specified() -> None:
    accepted = {name.split("__")[1] for name in globals() if name.startswith("test_accept__")}
    for table in (READY, BAD_VALUES, WRONG_MOMENT):
        assert set(table) == set(ACTION_TYPES)
    assert accepted == set(ACTION_TYPES), set(ACTION_TYPES) ^ accepted
    assert all(WRONG_MOMENT[t] for t in ACTION_TYPES if t != "invest_development")


@pytest.mark.parametrize("action_type", ACTION_TYPES)
def test_ready_moment_accepts_the_good_action(action_type: str) -> None:
    m, role, action = READY[action_type]()
    assert role in ALLOWED_ROLES[action_type]
    events = accept(m, role, action)
    assert events[0]["by"] in ("human", "bot")


# --- wrong role -----------------------------------------------------------------------------
@pytest.mark.parametrize("action_type,role", [
    pytest.param(t, r, id=f"{t}-by-{r}") for t in ACTION_TYPES for r in ROLES
    if r not in ALLOWED_ROLES[t]])
def test_wrong_role_is_rejected(action_type: str, role: str) -> None:
    m, _, action = READY[action_type]()
    reject(m, role, action, match=f"not an action of the {role}")


@pytest.mark.parametrize("role", ["burgemeester", "", "Regisseur"])
def test_unknown_role_is_rejected(role: str) -> None:
    m, _, action = READY["inspect"]()
    reject(m, role, action, match="unknown role")


# --- wrong moment ---------------------------------------------------------------------------
@pytest.mark.parametrize("action_type,moment,reason", _cases(WRONG_MOMENT))
def test_wrong_moment_is_rejected(action_type: str, moment, reason: str) -> None:
    _, role, action = READY[action_type]()
    reject(moment(), role, action, match=reason)


@pytest.mark.parametrize("name,role,action,moment,reason", [
    pytest.param(*case, id=case[0]) for case in WRONG_MOMENT_OTHER_ROLE])
def test_wrong_moment_other_cases(name: str, role: str, action: dict | None, moment,
                                  reason: str) -> None:
    m = moment()
    if action is None:  # committee channel: the contract has none
        action = {"type": "intervene", "incident_id": open_point(m, "incident").ref,
                  "channel": "committee"}
    reject(m, role, action, match=reason)


# --- bad values -------------------------------------------------------------------------------
@pytest.mark.parametrize("action_type,patch,reason", _cases(BAD_VALUES))
def test_bad_value_is_rejected(action_type: str, patch: dict, reason: str) -> None:
    m, role, action = READY[action_type]()
    reject(m, role, _patched(action, patch), match=reason)


@pytest.mark.parametrize("action_type,patch", [
    pytest.param(t, patch, id=f"{t}-{name}") for t in ACTION_TYPES
    for name, patch in COMMON_BAD_VALUES])
def test_common_bad_value_is_rejected(action_type: str, patch: dict) -> None:
    m, role, action = READY[action_type]()
    reject(m, role, _patched(action, patch), match=BAD)


@pytest.mark.parametrize("action", [
    pytest.param(None, id="none"), pytest.param("inspect", id="a-string"),
    pytest.param({}, id="empty"), pytest.param({"type": "teleport"}, id="unknown-type"),
    pytest.param({"type": "INSPECT"}, id="type-wrong-case"),
    pytest.param(["inspect"], id="a-list")])
def test_not_an_action_is_rejected(action: object) -> None:
    reject(fresh(), "regisseur", action, match=BAD)


# --- acceptance and effect, per action type -----------------------------------------------------
def _point_closed(m: RegieModel, kind: str, ref: int) -> bool:
    return not any(p.kind == kind and p.ref == ref for p in m.governance.board.open_points())


def test_accept__review_invoice__approve() -> None:
    m, role, action = READY["review_invoice"]()
    gov = m.governance
    inv = gov.invoices[action["invoice_id"]]
    paid, hours, trust = gov.ledger.paid_to_executor_eur, gov.week_hours, gov.rel.trust_e_in_g
    events = accept(m, role, action)
    assert events[0]["by"] == "human"
    assert inv.status == "approved" and inv.paid_eur == pytest.approx(inv.claimed_eur)
    assert gov.ledger.paid_to_executor_eur == pytest.approx(paid + inv.claimed_eur)
    assert gov.week_hours == pytest.approx(hours + HOURS_INVOICE_REVIEW)
    assert gov.rel.trust_e_in_g > trust
    assert _point_closed(m, "invoice", inv.id) and not m.waiting_for_humans()


def test_accept__review_invoice__dispute() -> None:
    m, role, action = READY["review_invoice"]()
    gov = m.governance
    inv = gov.invoices[action["invoice_id"]]
    part = round(0.1 * inv.claimed_eur, 2)
    events = accept(m, role, {**action, "decision": "dispute", "disputed_eur": part})
    assert inv.status == "disputed"
    assert inv.paid_eur == pytest.approx(inv.claimed_eur - part)
    dispute = gov.disputes[-1]
    assert dispute.kind == "price" and dispute.amount_eur == pytest.approx(part)
    assert gov.counts["price_disputes"] == 1
    assert any(e["kind"] == "dispute" for e in events)


def test_disputing_the_whole_invoice_in_cents_is_accepted() -> None:
    m, role, action = READY["review_invoice"]()
    claimed = m.governance.invoices[action["invoice_id"]].claimed_eur
    in_cents = math.ceil(claimed * 100) / 100
    assert in_cents - claimed < 0.01
    accept(m, role, {**action, "decision": "dispute", "disputed_eur": in_cents})


def test_accept__decide_meerwerk__approve() -> None:
    m, role, action = READY["decide_meerwerk"]()
    gov = m.governance
    req = gov.requests[action["request_id"]]
    meerwerk = gov.ledger.meerwerk_eur
    accept(m, role, action)
    assert req.status == "approved"
    assert gov.counts["extra_rounds"] == 1 and m.executor.pending_call is not None
    assert gov.ledger.meerwerk_eur > meerwerk
    assert _point_closed(m, "meerwerk_request", req.id)


def test_accept__decide_meerwerk__reject() -> None:
    m, role, action = READY["decide_meerwerk"]()
    gov = m.governance
    accept(m, role, {**action, "decision": "reject"})
    assert gov.requests[action["request_id"]].status == "rejected"
    assert [d.kind for d in gov.disputes] == ["meerwerk"]
    assert gov.counts["extra_rounds"] == 0 and m.executor.pending_call is None


def test_accept__record_meeting() -> None:
    """The gemeente offers 2,500 of 5,000; the executor tabled nothing, so it holds: the
    item is not settled by the regisseur alone, and the executor's point lapses."""
    m, role, action = READY["record_meeting"]()
    gov = m.governance
    meeting = gov.meetings[action["meeting_id"]]
    dispute = gov.disputes[meeting.agenda[0].dispute_id]
    paid, hours = gov.ledger.paid_to_executor_eur, gov.week_hours
    events = accept(m, role, action)
    assert meeting.held and not dispute.resolved and dispute.hardness == 1
    assert dispute.offer_eur == pytest.approx(2_500.0)
    assert gov.ledger.paid_to_executor_eur == pytest.approx(paid)
    assert gov.week_hours == pytest.approx(hours + HOURS_MEETING)
    outcome = [e for e in events if e["kind"] == "meeting_outcome"]
    assert outcome and outcome[0]["outcomes"][0]["outcome"] == "reject"
    assert outcome[0]["outcomes"][0]["executor_move"] == "hold"
    assert _point_closed(m, "meeting", meeting.id)
    assert _point_closed(m, "meeting_position", meeting.id)


def test_accept__record_meeting__settles_when_the_executor_accepts() -> None:
    """Both sides act: the executor tabled 'accept', so the gemeente's offer settles it."""
    m = position_open()
    gov = m.governance
    assert m.submit("executor", {"type": "table_positions", "meeting_id": 0,
                                 "moves": [{"item_id": 0, "move": "accept"}]}).ok
    paid = gov.ledger.paid_to_executor_eur
    events = accept(m, "regisseur", {"type": "record_meeting", "meeting_id": 0,
                                     "outcomes": [{"item_id": 0, "move": "offer",
                                                   "amount_eur": 2_500.0}]})
    assert gov.disputes[0].resolved
    assert gov.ledger.paid_to_executor_eur == pytest.approx(paid + 2_500.0)
    outcome = [e for e in events if e["kind"] == "meeting_outcome"][0]["outcomes"][0]
    assert outcome["outcome"] == "compromise" and outcome["gemeente_move"] == "offer"


def test_accept__table_positions() -> None:
    m, role, action = READY["table_positions"]()
    meeting = m.governance.meetings[action["meeting_id"]]
    accept(m, role, action)
    assert meeting.executor_moves == {0: ("offer", 4_000.0)}
    assert _point_closed(m, "meeting_position", meeting.id)


def test_accept__set_posture() -> None:
    m, role, action = READY["set_posture"]()
    conduct = m.executor.conduct
    accept(m, role, action)
    assert conduct.markup() == pytest.approx(0.12) and conduct.effort == "lean"
    assert conduct.small_jobs == "tussendoor"
    assert m.executor.dose_factor < 1.0
    assert _point_closed(m, "posture", action["posture_id"])


@pytest.mark.parametrize("response,done,billed", [
    ("tussendoor", True, False), ("accept", True, True), ("invoice", True, True),
    ("delay", False, False), ("written_approval", False, False), ("refuse", False, False),
    ("escalate", False, False)])
def test_accept__respond_order(response: str, done: bool, billed: bool) -> None:
    """Each answer to an order: whether the round goes out now and whether it is billed;
    a refused or escalated order is not carried out and is counted."""
    m, role, action = READY["respond_order"]()
    gov = m.governance
    rounds, lines = gov.counts["extra_rounds"], len(gov.ledger.unbilled_lines)
    accept(m, role, {**action, "response": response})
    assert (gov.counts["extra_rounds"] == rounds + 1) == done
    assert (len(gov.ledger.unbilled_lines) == lines + 1) == billed
    assert gov.orders[action["order_id"]].response == response
    assert gov.counts["orders_refused"] == (response in ("refuse", "escalate"))
    assert (open_point(m, "meerwerk_request") is not None) == (response == "written_approval")
    assert (len(gov.disputes) == 1) == (response == "escalate")


def test_accept__set_conditions() -> None:
    m, role, action = READY["set_conditions"]()
    events = accept(m, role, action)
    assert m.design.conditions == ["salt_rule"]
    assert events[1]["kind"] == "decision_point" and events[1]["dp_kind"] == "design_regisseur"


def test_accept__design_move() -> None:
    m, role, action = READY["design_move"]()
    events = accept(m, role, action)
    assert m.design.offers["regisseur"].model_dump() == ASK
    # The bot executor answers inside the submission: its plan's draft is the next event
    # but one (the gemeente reviews it next).
    assert events[1]["dp_kind"] == "design_plan_draft" and events[2]["role"] == "executor"
    assert m.design.point.kind == "design_plan_review"


def test_accept__plan_move() -> None:
    m, role, action = READY["plan_move"]()
    fee = m.design.start.fixed_fee_eur_per_season
    events = accept(m, role, action)
    step = m.design.plan_step
    assert step.adopted == step.draft and step.adopted.reserve_t == 100.0
    # The reserve's holding cost, plus margin, is added to the starting offer's fee.
    assert m.design.start.fixed_fee_eur_per_season == pytest.approx(fee + 100 * 10.0 * 1.06)
    assert events[1]["dp_kind"] == "design_executor"


def test_accept__propose_rule_change() -> None:
    m, role, action = READY["propose_rule_change"]()
    accept(m, role, action)
    assert "salt_emergency_purchase" not in m.governance.rules  # not before the answer


def test_accept__answer_rule_change() -> None:
    m, role, action = READY["answer_rule_change"]()
    events = accept(m, role, action)
    assert events[1]["kind"] == "rule_changed"
    assert m.governance.rules["salt_emergency_purchase"].threshold == 500.0


def test_accept__record_meeting__escalate() -> None:
    m, role, action = READY["record_meeting"]()
    gov = m.governance
    accept(m, role, {**action, "outcomes": [{"item_id": 0, "outcome": "escalate"}]})
    assert gov.disputes[0].level == 1 and not gov.disputes[0].resolved
    assert gov.counts["escalations"] == 1


@pytest.mark.parametrize("tone,relief", [("factual", 0.4), ("defensive", -0.2),
                                         ("blame_executor", 0.3)])
def test_accept__answer_council(tone: str, relief: float) -> None:
    m, role, action = READY["answer_council"]()
    attention, trust = m.wethouder.attention, m.governance.rel.trust_e_in_g
    accept(m, role, {**action, "tone": tone})
    assert m.wethouder.attention == pytest.approx(max(0.0, attention - relief))
    assert (m.governance.rel.trust_e_in_g < trust) == (tone == "blame_executor")
    assert _point_closed(m, "council_question", action["question_id"])


def test_accept__plan_night() -> None:
    m, role, action = READY["plan_night"]()
    events = accept(m, role, action)
    assert events[0]["by"] == "human"
    assert m.executor.stand_down_until == m.hour + 14
    assert _point_closed(m, "forecast_briefing", action["briefing_id"])


def test_accept__plan_night__preventive_now() -> None:
    m, role, action = READY["plan_night"]()
    accept(m, role, {**action, "mode": "preventive_now"})
    call = m.executor.pending_call
    assert call is not None and call.kind == "preventive" and call.priority == 1
    n = len(m.executor.fleet.actions)
    m.step()
    assert len(m.executor.fleet.actions) == n + 1


@pytest.mark.parametrize("honesty", ["honest", "flattering"])
def test_accept__submit_report(honesty: str) -> None:
    m, role, action = READY["submit_report"]()
    gov = m.governance
    report = gov.reports[action["report_id"]]
    true, misses = report["true_output"], report["true_misses"]
    assert true < 1.0 and misses > 0  # the one-hour norm is missed in the test winter
    accept(m, role, {**action, "honesty": honesty})
    if honesty == "honest":
        assert report["reported_output"] == true
        assert gov.unpenalised_misses == misses and not gov.flattered_unseen
    else:
        assert report["reported_output"] == pytest.approx(min(1.0, true + 0.15))
        assert gov.unpenalised_misses == misses // 3 and gov.flattered_unseen
    assert m.observe("regisseur")["private"]["reported_output"] == [
        round(report["reported_output"], 3)]


@pytest.mark.parametrize("channel", ["none", "via_regisseur", "call_executor"])
def test_accept__intervene(channel: str) -> None:
    m, role, action = READY["intervene"]()
    gov = m.governance
    attention = m.wethouder.attention
    accept(m, role, {**action, "channel": channel})
    assert m.wethouder.interventions == {channel: 1}
    assert gov.counts["extra_rounds"] == (channel != "none")
    assert gov.counts["bypasses"] == (channel == "call_executor")
    assert m.wethouder.attention == pytest.approx(attention * (1.0 if channel == "none"
                                                               else 0.6))
    assert _point_closed(m, "incident", action["incident_id"])


def test_accept__intervene__committee() -> None:
    m = incident_open_committee()
    point = open_point(m, "incident")
    events = accept(m, "wethouder", {"type": "intervene", "incident_id": point.ref,
                                     "channel": "committee"})
    decided = [e for e in events if e["kind"] == "committee_decision"]
    assert len(decided) == 1
    assert m.governance.incidents[point.ref]["done"] == decided[0]["decision"]
    assert decided[0]["decision"] in ("emergency_salt", "extra_round", "reprioritise")
    assert m.governance.counts["bypasses"] == 0


def test_accept__inspect() -> None:
    m, role, action = READY["inspect"]()
    gov = m.governance
    accept(m, role, action)
    assert gov.counts["inspections"] == 1
    assert gov.week_hours == pytest.approx(HOURS_INSPECTION)
    assert gov.counts["misreports_discovered"] == 0


def test_accept__inspect__discovers_flattering_report() -> None:
    m, _, report = READY["submit_report"]()
    assert m.submit("executor", {**report, "honesty": "flattering"}).ok
    trust = m.governance.rel.trust_g_in_e
    accept(m, "regisseur", {"type": "inspect"})
    gov = m.governance
    assert gov.counts["misreports_discovered"] == 1 and not gov.flattered_unseen
    assert gov.disputes[-1].kind == "reporting"
    assert gov.rel.trust_g_in_e < trust


@pytest.mark.parametrize("role", ["regisseur", "executor"])
def test_accept__direct_contact(role: str) -> None:
    m, _, action = READY["direct_contact"]()
    gov = m.governance
    trust = (gov.rel.trust_g_in_e, gov.rel.trust_e_in_g)
    accept(m, role, action)
    assert gov.counts["direct_contacts"] == 1
    assert gov.last_contact_day[role] == m.day
    assert gov.week_hours == pytest.approx(HOURS_CONTACT if role == "regisseur" else 0.0)
    # contact lets the sides see more of each other; it adds no trust by itself
    assert gov.rel.contact > 0.0
    assert (gov.rel.trust_g_in_e, gov.rel.trust_e_in_g) == trust


def test_accept__request_extra_round() -> None:
    """An order is not carried out by decree: the executor answers it; with 'invoice' the
    round goes out and is billed as meerwerk."""
    m, role, action = READY["request_extra_round"]()
    gov = m.governance
    accept(m, role, action)
    point = open_point(m, "order", "executor")
    assert point is not None and gov.counts["extra_rounds"] == 0
    assert m.submit("executor", {"type": "respond_order", "order_id": point.ref,
                                 "response": "invoice"}).ok
    assert gov.counts["extra_rounds"] == 1
    assert [ln.what for ln in gov.ledger.unbilled_lines] == ["meerwerk: extra round"]
    assert gov.ledger.meerwerk_eur > 0
    n = len(m.executor.fleet.actions)
    m.step()
    assert len(m.executor.fleet.actions) == n + 1
    assert m.executor.fleet.busy_with(1)


def test_accept__impose_penalty() -> None:
    m, role, action = READY["impose_penalty"]()
    gov = m.governance
    trust = gov.rel.trust_e_in_g
    accept(m, role, action)
    assert gov.ledger.penalties_eur == 1_000.0 and gov.counts["penalties"] == 1
    assert gov.unpenalised_misses == 0
    assert gov.rel.trust_e_in_g < trust


def test_accept__launch_campaign() -> None:
    m, role, action = READY["launch_campaign"]()
    cit = m.citizens
    accept(m, role, action)
    gov = m.governance
    assert gov.campaign_until == m.hour + 24 * CAMPAIGN_DAYS
    assert gov.ledger.campaign_eur == CAMPAIGN_COST_EUR and gov.counts["campaigns"] == 1
    assert cit.clearing_share > cit.cfg.self_clearing_share
    assert m.observe("regisseur")["private"]["campaign_running"] is True


def test_accept__micromanage() -> None:
    m, role, action = READY["micromanage"]()
    efficiency = m.executor.efficiency
    accept(m, role, action)
    gov = m.governance
    assert gov.counts["micromanagement"] == 1
    assert gov.week_hours == pytest.approx(HOURS_MICROMANAGE)
    assert m.executor.efficiency == pytest.approx(
        max(0.6, efficiency - MICROMANAGE_EFFICIENCY_LOSS))


@pytest.mark.parametrize("role", ["regisseur", "executor"])
@pytest.mark.parametrize("level", ["operational", "management", "escalation"])
def test_accept__call_meeting(role: str, level: str) -> None:
    m, _, action = READY["call_meeting"]()
    accept(m, role, {**action, "level": level})
    meetings = m.governance.meetings
    assert len(meetings) == 1 and meetings[0].level == level and not meetings[0].held
    point = open_point(m, "meeting")
    assert point.role == "regisseur" and point.ref == meetings[0].id


def test_accept__buy_salt() -> None:
    m, role, action = READY["buy_salt"]()
    depot = m.executor.depot
    stock, bought, spot = depot.stock_t, depot.bought_eur, depot.on_spot_t
    accept(m, role, action)
    # Without a delivery guarantee (decision rule) the salt comes from the spot market, later.
    assert depot.stock_t == pytest.approx(stock)
    assert depot.on_spot_t == pytest.approx(spot + 50.0)
    assert depot.bought_eur == pytest.approx(bought + 50.0 * depot.cfg.shortage_price_eur_per_t)
    assert m.governance.ledger.unbilled_lines == []  # no decision rule: the executor pays


def test_accept__buy_salt__under_the_decision_rule_is_billed() -> None:
    m = new_model(contract={"decision_rules": [{"rule": "salt_emergency_purchase",
                                                "threshold": 100.0}]})
    accept(m, "executor", {"type": "buy_salt", "quantity_t": 50.0})
    assert [ln.what for ln in m.governance.ledger.unbilled_lines] == ["emergency salt"]


def test_accept__invest_development() -> None:
    m, role, action = READY["invest_development"]()
    gov = m.governance
    maturity = gov.rel.maturity
    accept(m, role, action)
    assert gov.ledger.development_eur == 20_000.0
    assert gov.rel.maturity == pytest.approx(maturity + 0.02 * (1.0 - maturity))


def test_accept__request_meerwerk() -> None:
    m, role, action = READY["request_meerwerk"]()
    events = accept(m, role, action)
    req = m.governance.requests[-1]
    assert req.status == "open" and req.kind == "extra_round" and req.amount_eur == 5_000.0
    point = open_point(m, "meerwerk_request")
    assert point.role == "regisseur" and point.ref == req.id
    assert {o["decision"] for o in point.options} == {"approve", "reject"}
    assert any(e["kind"] == "decision_point" for e in events)


def test_accept__request_meerwerk__in_house_needs_no_approval() -> None:
    m = new_model(contract={"sourcing": "in_house"})
    accept(m, "executor", {"type": "request_meerwerk", "kind": "extra_round",
                           "amount_eur": 5_000.0})
    assert m.governance.requests[-1].status == "approved"
    assert open_point(m, "meerwerk_request") is None
    assert m.governance.ledger.unbilled_lines == []  # in-house: nothing is invoiced


def test_accept__call_executor() -> None:
    m, role, action = READY["call_executor"]()
    gov = m.governance
    trust = gov.rel.trust_g_in_e
    events = accept(m, role, action)
    assert gov.counts["bypasses"] == 1 and gov.counts["extra_rounds"] == 1
    assert m.wethouder.interventions == {"call_executor": 1}
    assert any(e["kind"] == "bypass" for e in events)
    assert gov.rel.trust_g_in_e < trust


# --- bugs found while writing the specification ------------------------------------------------
@pytest.mark.parametrize("action_type", [
    "inspect", "direct_contact", "request_extra_round", "launch_campaign", "micromanage",
    "call_meeting", "buy_salt", "invest_development", "request_meerwerk", "call_executor"])
def test_no_action_after_the_season_ends(action_type: str) -> None:
    _, role, action = READY[action_type]()
    m = new_model(weather={"days": 2})
    m.run_season()
    assert m.finished
    reject(m, role, action, match="season")


def _double_in_one_hour() -> RegieModel:
    m = fresh()
    assert m.submit("regisseur", {"type": "request_extra_round", "priority": 1}).ok
    m.submit("regisseur", {"type": "request_extra_round", "priority": 1})
    m.submit("wethouder", {"type": "call_executor"})
    return m


def _approved_while_out() -> RegieModel:
    m = human_regisseur()
    assert m.submit("regisseur", {"type": "request_extra_round", "priority": 1}).ok
    step_hours(m, 1)
    assert m.executor.fleet.busy_with(1)
    assert m.submit("executor", {"type": "request_meerwerk", "kind": "extra_round",
                                 "amount_eur": 5_000.0}).ok
    point = open_point(m, "meerwerk_request")
    m.submit("regisseur", {"type": "decide_meerwerk", "request_id": point.ref,
                           "decision": "approve"})
    return m


@pytest.mark.parametrize("moment", [pytest.param(_double_in_one_hour, id="twice-in-one-hour"),
                                    pytest.param(_approved_while_out, id="fleet-already-out")])
def test_every_billed_extra_round_is_driven(moment) -> None:
    m = moment()
    gov = m.governance
    advance(m, lambda m: m.hour >= 30)
    jobs = ("meerwerk: extra round", "meerwerk: targeted job")
    billed = sum(1 for inv in gov.invoices for ln in inv.lines if ln.what in jobs)
    billed += sum(1 for ln in gov.ledger.unbilled_lines if ln.what in jobs)
    driven = sum(1 for a in m.executor.fleet.actions if a.kind in ("adhoc", "targeted"))
    favours = gov.counts["jobs_tussendoor"]  # done free, as the executor chose
    assert gov.counts["extra_rounds"] == billed + favours
    assert driven == billed + favours


def test_a_dispute_is_settled_only_once() -> None:
    m = incident_open_committee()
    m.set_controller("regisseur", None, name="Test")
    gov = m.governance
    assert m.submit("executor", {"type": "request_meerwerk", "kind": "extra_round",
                                 "amount_eur": 5_000.0}).ok
    assert m.submit("regisseur", {"type": "decide_meerwerk", "request_id": 0,
                                  "decision": "reject"}).ok
    assert m.submit("regisseur", {"type": "call_meeting", "level": "operational"}).ok
    meeting = open_point(m, "meeting").ref
    assert m.submit("regisseur", {"type": "record_meeting", "meeting_id": meeting, "outcomes": [
        {"item_id": 0, "outcome": "escalate"}]}).ok
    assert gov.disputes[0].level == 1
    assert m.submit("regisseur", {"type": "call_meeting", "level": "management"}).ok
    assert m.submit("wethouder", {"type": "intervene", "incident_id": 0,
                                  "channel": "committee"}).ok
    paid = gov.ledger.paid_to_executor_eur
    for point in [p for p in gov.board.open_for("regisseur") if p.kind == "meeting"]:
        m.submit("executor", {"type": "table_positions", "meeting_id": point.ref,
                              "moves": [{"item_id": 0, "move": "accept"}]})
        m.submit("regisseur", {"type": "record_meeting", "meeting_id": point.ref, "outcomes": [
            {"item_id": 0, "outcome": "compromise", "amount_eur": 2_500.0}]})
    assert gov.ledger.paid_to_executor_eur - paid == pytest.approx(2_500.0)


# --- the fingerprint used above is sensitive enough -----------------------------------------------
@pytest.mark.parametrize("action_type", ACTION_TYPES)
def test_fingerprint_sees_every_accepted_action(action_type: str) -> None:
    m, role, action = READY[action_type]()
    before = fingerprint(m)
    accept(m, role, action)
    assert changed(before, fingerprint(m))


def test_fingerprint_sees_a_random_draw() -> None:
    m = fresh()
    before = fingerprint(m)
    m.streams["executor"].random()
    expected = ["rng"] + (["state_hash"] if "state_hash" in before else [])
    assert changed(before, fingerprint(m)) == expected


def test_every_action_type_has_one_handler() -> None:
    from sim.governance.api import HANDLERS

    assert sorted(HANDLERS) == sorted(ACTION_TYPES)
