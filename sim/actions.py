"""Typed actions: the one way humans and bots act on the model.

A click in the game and a bot's decision are the same pydantic object, validated the
same way (role, moment, values) and logged the same way. `parse_action` turns a JSON
dict (from a session log or the UI) into the right type.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from sim.design.plan import PlanTerms
from sim.design.terms import DesignTerms

ROLES: tuple[str, ...] = ("regisseur", "executor", "wethouder")
# Where a wethouder's intervention is aimed: where residents meet the most trouble now,
# or a school route, the pavements near the hospital, a shopping street (sim.agents.places).
PlaceKind = Literal["hotspot", "school_route", "hospital", "street"]
Role = Literal["regisseur", "executor", "wethouder"]


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)
    note: str = Field("", max_length=2000, description="Free text, e.g. the room's reasoning.")


# --- answers to decision points --------------------------------------------------------
class ReviewInvoice(_Action):
    """Regisseur: approve a monthly invoice or dispute part of it."""

    type: Literal["review_invoice"] = "review_invoice"
    invoice_id: int = Field(ge=0)
    decision: Literal["approve", "dispute"]
    disputed_eur: float = Field(0.0, ge=0.0)


class DecideMeerwerk(_Action):
    """Regisseur: approve or reject a request for extra work (meerwerk)."""

    type: Literal["decide_meerwerk"] = "decide_meerwerk"
    request_id: int = Field(ge=0)
    decision: Literal["approve", "reject"]


# A side's move on one disputed item at a meeting (sim.governance.negotiation): a new
# offer (amount_eur), accepting the other side's standing position, holding its own, or
# taking the item a level up.
Move = Literal["offer", "accept", "hold", "escalate"]


class ItemOutcome(BaseModel):
    """The gemeente's move on one agenda item; the item's outcome follows from both sides'
    moves. `outcome` is the older way to say it (agree: accept the claim, compromise: offer
    `amount_eur`, reject: hold, escalate), read when `move` is not given (neither: hold)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)
    item_id: int = Field(ge=0)
    outcome: Literal["agree", "compromise", "reject", "escalate"] = "reject"
    move: Move | None = None
    amount_eur: float = Field(0.0, ge=0.0)
    note: str = Field("", max_length=2000)


class ItemMove(BaseModel):
    """The executor's move on one agenda item (an offer is the amount it now claims)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)
    item_id: int = Field(ge=0)
    move: Move
    amount_eur: float = Field(0.0, ge=0.0)
    note: str = Field("", max_length=2000)


class RecordMeeting(_Action):
    """Regisseur (chair): record the outcome of each agenda item of a meeting."""

    type: Literal["record_meeting"] = "record_meeting"
    meeting_id: int = Field(ge=0)
    outcomes: list[ItemOutcome] = Field(default_factory=list, max_length=100)


class AnswerCouncil(_Action):
    """Regisseur: supply the answer to a council question (the wethouder gives it)."""

    type: Literal["answer_council"] = "answer_council"
    question_id: int = Field(ge=0)
    tone: Literal["factual", "defensive", "blame_executor"]


class PlanNight(_Action):
    """Executor at the evening forecast briefing: what to do tonight."""

    type: Literal["plan_night"] = "plan_night"
    briefing_id: int = Field(ge=0)
    mode: Literal["follow_plan", "preventive_now", "stand_down"]


class SubmitReport(_Action):
    """Executor: the monthly performance report, honest or flattering."""

    type: Literal["submit_report"] = "submit_report"
    report_id: int = Field(ge=0)
    honesty: Literal["honest", "flattering"]


class TablePositions(_Action):
    """Executor, before a meeting: its move on each disputed item on the agenda."""

    type: Literal["table_positions"] = "table_positions"
    meeting_id: int = Field(ge=0)
    moves: list[ItemMove] = Field(default_factory=list, max_length=100)


class SetPosture(_Action):
    """Executor at the monthly point: the markup it asks on discretionary lines, how much
    effort it puts in (sim.agents.conduct.EFFORT), and whether the small jobs its crews are
    sent on (a wethouder's call, a committee's order) are done tussendoor or invoiced."""

    type: Literal["set_posture"] = "set_posture"
    posture_id: int = Field(ge=0)
    markup_pct: float = Field(ge=0.0, le=60.0)
    effort: Literal["full", "lean", "minimal"]
    small_jobs: Literal["tussendoor", "invoice"] = "invoice"  # a crew's small job on the street


class RespondOrder(_Action):
    """Executor: its answer to an ad-hoc order from the gemeente (an extra round).

    accept: do it at the contract rate; tussendoor: do it free, as a favour; invoice: do it
    and bill it as meerwerk with markup; delay: do it later; written_approval: first a
    written meerwerk request; refuse: not done; escalate: not done, a dispute."""

    type: Literal["respond_order"] = "respond_order"
    order_id: int = Field(ge=0)
    response: Literal["accept", "tussendoor", "invoice", "delay", "written_approval",
                      "refuse", "escalate"]


class Intervene(_Action):
    """Wethouder, when attention runs high: how to act on it."""

    type: Literal["intervene"] = "intervene"
    incident_id: int = Field(ge=0)
    channel: Literal["none", "via_regisseur", "committee", "call_executor"]
    place: PlaceKind = "hotspot"  # where the work is aimed (see sim.agents.places)


# --- the design phase before the winter (sim.design) -------------------------------------
Condition = Literal["salt_rule", "plough_rule", "escalation_committee", "transition"]


class SetConditions(_Action):
    """Wethouder, at the start of the design phase: what the contract must hold."""

    type: Literal["set_conditions"] = "set_conditions"
    design_id: int = Field(ge=0)
    conditions: list[Condition] = Field(default_factory=list, max_length=4)


class DesignMove(_Action):
    """Regisseur or executor in the design phase: offer terms, accept the other's, or
    walk away (the starting offer, the scenario's contract, then holds)."""

    type: Literal["design_move"] = "design_move"
    design_id: int = Field(ge=0)
    move: Literal["offer", "accept", "walk"]
    terms: DesignTerms | None = None


class PlanMove(_Action):
    """The gladheidbestrijdingsplan in the design phase: the executor drafts it (`draft`,
    with `plan`); the regisseur adopts it (`adopt`) or asks named changes (`ask`, with the
    plan as the gemeente wants it); the executor accepts them at their price (`accept`)
    or refuses (`refuse`), and the regisseur decides again."""

    type: Literal["plan_move"] = "plan_move"
    design_id: int = Field(ge=0)
    move: Literal["draft", "adopt", "ask", "accept", "refuse"]
    plan: PlanTerms | None = None


# --- rules change in play (sim.governance.rulechange) -----------------------------------------
RuleTarget = Literal["salt_emergency_purchase", "plough_authorised", "sand_fallback",
                     "secondary_routes_on_request", "escalation_committee"]


class ProposeRuleChange(_Action):
    """Regisseur or executor, while a meeting is open: add, change or drop a beslisregel
    or the escalation route; it takes effect once the other side accepts."""

    type: Literal["propose_rule_change"] = "propose_rule_change"
    meeting_id: int = Field(ge=0)
    change: Literal["add", "change", "drop"]
    rule: RuleTarget
    threshold: float = Field(0.0, ge=0.0, le=10_000.0)
    max_amount_eur: float = Field(50_000.0, ge=0.0, le=1_000_000.0)


class AnswerRuleChange(_Action):
    """The other side, in the same meeting: accept or reject a proposed rule change."""

    type: Literal["answer_rule_change"] = "answer_rule_change"
    proposal_id: int = Field(ge=0)
    answer: Literal["accept", "reject"]


# --- free actions (any time the role has the means) -----------------------------------------
class Inspect(_Action):
    """Regisseur: spend regie hours to check the executor's true performance."""

    type: Literal["inspect"] = "inspect"


class DirectContact(_Action):
    """Regisseur or executor: informal talk about how it goes (builds trust)."""

    type: Literal["direct_contact"] = "direct_contact"


class RequestExtraRound(_Action):
    """Regisseur: ask for an extra round outside the plan (invoiced as meerwerk)."""

    type: Literal["request_extra_round"] = "request_extra_round"
    priority: int = Field(1, ge=1, le=2)


class ImposePenalty(_Action):
    """Regisseur: impose a contractual penalty for missed norms."""

    type: Literal["impose_penalty"] = "impose_penalty"
    amount_eur: float = Field(gt=0.0, le=1_000_000.0)


class LaunchCampaign(_Action):
    """Regisseur: ask residents to clear their own pavement."""

    type: Literal["launch_campaign"] = "launch_campaign"


class Micromanage(_Action):
    """Regisseur sitting in the executor's chair: an operational instruction."""

    type: Literal["micromanage"] = "micromanage"
    instruction: Literal["route_order", "timing", "dose", "crew"]


class CallMeeting(_Action):
    """Regisseur or executor: call an extra meeting at a level."""

    type: Literal["call_meeting"] = "call_meeting"
    level: Literal["operational", "management", "escalation"]


class BuySalt(_Action):
    """Executor: buy salt on the spot market (at the shortage price)."""

    type: Literal["buy_salt"] = "buy_salt"
    quantity_t: float = Field(gt=0.0, le=10_000.0)


class InvestDevelopment(_Action):
    """Executor: invest in its own development (training, systems)."""

    type: Literal["invest_development"] = "invest_development"
    amount_eur: float = Field(gt=0.0, le=1_000_000.0)


class RequestMeerwerk(_Action):
    """Executor: ask approval for work outside the plan."""

    type: Literal["request_meerwerk"] = "request_meerwerk"
    kind: Literal["plough", "emergency_salt", "secondary_routes", "extra_round"]
    amount_eur: float = Field(gt=0.0, le=1_000_000.0)


class CallExecutor(_Action):
    """Wethouder: phone the executor directly (bypassing the regisseur) about a place."""

    type: Literal["call_executor"] = "call_executor"
    place: PlaceKind = "hotspot"


Action = Annotated[
    ReviewInvoice | DecideMeerwerk | RecordMeeting | AnswerCouncil | PlanNight | SubmitReport
    | Intervene | Inspect | DirectContact | RequestExtraRound | ImposePenalty | LaunchCampaign
    | Micromanage | CallMeeting | BuySalt | InvestDevelopment | RequestMeerwerk | CallExecutor
    | TablePositions | SetPosture | RespondOrder | SetConditions | DesignMove
    | PlanMove | ProposeRuleChange | AnswerRuleChange,
    Field(discriminator="type"),
]

ACTION_ADAPTER: TypeAdapter[Action] = TypeAdapter(Action)

# Who may take each action type.
ALLOWED_ROLES: dict[str, tuple[str, ...]] = {
    "review_invoice": ("regisseur",),
    "decide_meerwerk": ("regisseur",),
    "record_meeting": ("regisseur",),
    "answer_council": ("regisseur",),
    "plan_night": ("executor",),
    "submit_report": ("executor",),
    "intervene": ("wethouder",),
    "inspect": ("regisseur",),
    "direct_contact": ("regisseur", "executor"),
    "request_extra_round": ("regisseur",),
    "impose_penalty": ("regisseur",),
    "launch_campaign": ("regisseur",),
    "micromanage": ("regisseur",),
    "call_meeting": ("regisseur", "executor"),
    "buy_salt": ("executor",),
    "invest_development": ("executor",),
    "request_meerwerk": ("executor",),
    "call_executor": ("wethouder",),
    "table_positions": ("executor",),
    "set_posture": ("executor",),
    "respond_order": ("executor",),
    "set_conditions": ("wethouder",),
    "design_move": ("regisseur", "executor"),
    "plan_move": ("regisseur", "executor"),
    "propose_rule_change": ("regisseur", "executor"),
    "answer_rule_change": ("regisseur", "executor"),
}

ACTION_TYPES: tuple[str, ...] = tuple(ALLOWED_ROLES)


def parse_action(data: dict | BaseModel) -> BaseModel:
    """A validated action from a dict (session log, UI) or an action object."""
    if isinstance(data, BaseModel):
        return ACTION_ADAPTER.validate_python(data.model_dump())
    return ACTION_ADAPTER.validate_python(data)


def action_to_dict(action: BaseModel) -> dict:
    """JSON-ready form of an action (what the session log stores)."""
    return action.model_dump(mode="json")
