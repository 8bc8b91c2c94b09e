"""The regie layer: decision points, the action API, contract money, meetings and trust.

`submit(role, action)` checks role, moment and values before anything changes; a rejected
action returns its reason and leaves the state as it was. Every submission, rejection,
decision point and outcome is an event for the session log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError

from sim.actions import ALLOWED_ROLES, ROLES, action_to_dict, parse_action
from sim.agents.executor import PREVENTIVE_SURFACE_C
from sim.bots.base import HumanSeat
from sim.governance.contract import (
    RUSH_FACTOR,
    Invoice,
    InvoiceLine,
    Ledger,
    MeerwerkRequest,
    fair_action_price,
    markup,
)
from sim.governance.decisions import DecisionBoard, DecisionPoint
from sim.governance.meetings import LEVELS, AgendaItem, Dispute, Meeting, resolve_probability
from sim.governance.relationship import BASELINE, Relationship
from sim.plain import plain_values
from sim.world.town import CYCLE, FOOTPATH

if TYPE_CHECKING:
    from sim.model import RegieModel

HOURS_INSPECTION = 8.0
HOURS_CONTACT = 1.0
HOURS_MEETING = 3.0
HOURS_INVOICE_REVIEW = 2.0
HOURS_DISPUTE_PER_WEEK = 2.0
HOURS_MICROMANAGE = 1.0
CAMPAIGN_COST_EUR = 1_000.0  # press release, social media, flyers (assumption)
SPOT_MARKET_LEAD_H = 48  # salt found on the spot market in a shortage arrives later [h]
RECOUP_SHARE = 0.5  # share of a felt loss the executor puts on the next invoice [-]
CAMPAIGN_DAYS = 14
CAMPAIGN_CLEARING_BOOST = 0.25
MICROMANAGE_EFFICIENCY_LOSS = 0.04  # per instruction [-] (assumption)
EFFICIENCY_RECOVERY_PER_DAY = 0.01
MATURITY_GROWTH_PER_MONTH = 0.01
TRANSITION_GROWTH_PER_MONTH = 0.05
DEVELOPMENT_EUR_PER_STEP = 100_000.0  # investment that closes 10% of the maturity gap
EXTRA_ROUND_HOURS = 2.5  # truck-hours per route of an ad-hoc round [h]
STANDARD_SEASON_DAYS = 151  # 1 November to 1 April: the period the fixed fee covers
IN_HOUSE_REGIE_SHARE = 0.3  # in-house, the department needs a third of the regie effort
# How a regisseur judges a month: by the reported share of routes within the norm
# (output) or, steering on outcome, by the passable share of the priority network it sees
# itself. Expectations and weights are assumptions; the outcome weight gives a month one
# point below expectation about the weight of a report 5 points below (0.1 vs 2 x 0.05).
OUTPUT_EXPECTED_SHARE = 0.9  # [-]
OUTCOME_EXPECTED_REACHABILITY_PCT = 97.0  # [%] (calibration, ODD 8.4: 95-99.5 %)
OUTCOME_SURPRISE_PER_PCT = 0.1  # gemeente trust surprise per point of reachability [-]
# The beslisregel that covers each kind of meerwerk: a dispute over a rejected request of
# that kind has an agreed reference, which helps the meeting resolve it.
MEERWERK_RULES = {"plough": "plough_authorised", "secondary_routes": "secondary_routes_on_request",
                  "emergency_salt": "salt_emergency_purchase"}


@dataclass(frozen=True)
class ActionResult:
    """Outcome of a submission: accepted, or rejected with a reason."""

    ok: bool
    reason: str = ""


class Governance:
    """Contract, relationship, decision points and the handlers of every action type."""

    def __init__(self, model: RegieModel) -> None:
        self.model = model
        sc = model.scenario
        self.contract = sc.contract
        self.muni = sc.municipality
        self.rng = model.streams["governance"]
        self.rel = Relationship.start(sc.relationship, sc.executor.maturity)
        self.board = DecisionBoard()
        self.ledger = Ledger()
        self.invoices: list[Invoice] = []
        self.requests: list[MeerwerkRequest] = []
        self.disputes: list[Dispute] = []
        self.meetings: list[Meeting] = []
        self.reports: list[dict] = []
        self.council_questions: list[dict] = []
        self.incidents: list[dict] = []
        self.rules = {r.rule: r for r in self.contract.decision_rules}
        self.rule_spent_eur = dict.fromkeys(self.rules, 0.0)  # spent under each rule [EUR]
        self.events: list[dict] = []
        self.listeners: list[Callable[[dict], None]] = []
        self.counts = dict.fromkeys(
            ("escalations", "bypasses", "micromanagement", "inspections", "direct_contacts",
             "misreports_discovered", "price_disputes", "penalties", "campaigns",
             "extra_rounds"), 0)
        self.flattered_unseen = False
        self.unpenalised_misses = 0
        self.week_hours = 0.0
        self.campaign_until = -1
        self.plough_approved_until = -1
        self.last_contact_day = {"regisseur": -1, "executor": -1}
        self.month_first_action = 0
        self.pressure_boost = 0.0  # inject: executor bankruptcy risk
        self.last_invoice_hour = 0
        self.round_queue: list[tuple[int, bool]] = []  # extra rounds waiting for free trucks
        self.grievance_eur = 0.0  # what the executor feels it was unfairly denied [EUR]
        from sim.bots import make_bot

        roles = sc.roles
        self.controllers: dict[str, object | None] = {
            "regisseur": make_bot("regisseur", roles.regisseur.bot, self.rng, sc),
            "executor": make_bot("executor", roles.executor.bot, self.rng, sc),
            "wethouder": make_bot("wethouder", roles.wethouder.bot, self.rng, sc),
        }
        self.apply_conduct()

    # --- seats ------------------------------------------------------------------------
    def set_controller(self, role: str, bot_name: str | HumanSeat | None,
                       name: str | None = None) -> None:
        """Hand a seat to a human (None) or a bot archetype (trainer act)."""
        from sim.bots import make_bot

        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        if bot_name is None or isinstance(bot_name, HumanSeat):
            self.controllers[role] = bot_name  # a person: at the UI (None) or scripted
            bot_name = None
        else:
            self.controllers[role] = make_bot(role, bot_name, self.rng, self.model.scenario)
        self.emit({"kind": "controller", "role": role, "bot": bot_name, "name": name})
        self.apply_conduct()

    def _by(self, role: str) -> str:
        return "human" if role in self.controllers and self.is_human(role) else "bot"

    def is_human(self, role: str) -> bool:
        """Whether a person plays this role now (at the UI or as a scripted HumanSeat)."""
        seat = self.controllers[role]
        return seat is None or isinstance(seat, HumanSeat)

    def awaits_ui(self, role: str) -> bool:
        """Whether the model must wait for a person at the UI to act for this role."""
        return self.controllers[role] is None

    def apply_conduct(self) -> None:
        """The executor's way of working follows from its archetype and the agreements."""
        ex = self.model.executor
        bot = self.controllers["executor"]
        effort = (bot.effort(self.contract.agreements) if hasattr(bot, "effort")
                  else (1.0, 0.0, False))
        ex.dose_factor, threshold_shift, skip_paths = effort
        town = self.model.town
        ex.skipped = (skip_paths & ((town.category == CYCLE) | (town.category == FOOTPATH))
                      & ~town.bus)
        ex.alarm_threshold_c = (PREVENTIVE_SURFACE_C + 0.5 * (self.rel.maturity - 0.4)
                                - threshold_shift)
        ex.sand_fallback = "sand_fallback" in self.rules
        ex.plough_allowed = (self.contract.sourcing == "in_house"
                             or self.model.hour < self.plough_approved_until)
        rule = self.rules.get("plough_authorised")
        ex.plough_rule_from_cm = (rule.threshold if rule is not None and
                                  self.rule_spent_eur[rule.rule] < rule.max_amount_eur
                                  else None)
        ex.efficiency = max(0.6, min(ex.efficiency, 0.85 + 0.3 * self.rel.maturity))

    # --- state ------------------------------------------------------------------------
    def hash_parts(self) -> list:
        """The regie layer's state for the state hash, in a fixed order: flags and
        counters, ledger, requests, disputes, reports, invoice and meeting states, trust,
        the decision board, the number of events and who sits in each seat."""
        ledger, rel, board = self.ledger, self.rel, self.board
        return [
            [self.flattered_unseen, self.unpenalised_misses, self.week_hours,
             self.campaign_until, self.plough_approved_until, self.month_first_action,
             self.pressure_boost, self.last_invoice_hour, self.grievance_eur],
            self.counts, self.last_contact_day,
            plain_values(ledger), [[ln.what, ln.fair_eur, ln.claimed_eur]
                                   for ln in ledger.unbilled_lines],
            [list(vars(r).values()) for r in self.requests],
            [list(vars(d).values()) for d in self.disputes],
            [list(r.values()) for r in self.reports],
            len(self.council_questions), len(self.incidents),
            [[i.id, i.hour, i.status, i.paid_eur, len(i.lines)] for i in self.invoices],
            [[m.id, m.hour, m.level, m.held, len(m.agenda)] for m in self.meetings],
            [rel.trust_g_in_e, rel.trust_e_in_g, rel.maturity, len(rel.history),
             rel.history[-1:]],
            len(board.points), [p.id for p in board.open_points()],
            len(self.events),
            [None if self.is_human(role) else self.controllers[role].name for role in ROLES],
        ]

    # --- events -----------------------------------------------------------------------
    def emit(self, event: dict) -> None:
        """Record an event (tick added) and pass it to listeners (the session log)."""
        event = {"tick": self.model.hour, **event}
        self.events.append(event)
        for listener in self.listeners:
            listener(event)

    # --- the action API -----------------------------------------------------------------
    def submit(self, role: str, action: BaseModel | dict, by: str | None = None) -> ActionResult:
        """Validate and apply an action; on rejection nothing changes.

        `by` marks who acted for the log: human or bot (from the seat), or `rule` when a
        pre-agreed decision rule acts for the role.
        """
        by = by or self._by(role)
        try:
            action = parse_action(action)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            reason = f"bad value: {where}: {first['msg']}"
            self.emit({"kind": "rejected", "role": role, "action": _raw(action),
                       "reason": reason, "by": by})
            return ActionResult(False, reason)
        reason = self.check(role, action)
        if reason:
            self.emit({"kind": "rejected", "role": role, "action": action_to_dict(action),
                       "reason": reason, "by": by})
            return ActionResult(False, reason)
        self.emit({"kind": "action", "role": role, "action": action_to_dict(action),
                   "by": by})
        getattr(self, f"_do_{action.type}")(role, action)
        return ActionResult(True)

    def check(self, role: str, action: BaseModel) -> str:
        """Why this action may not be taken now ('' if it may)."""
        if role not in ROLES:
            return f"unknown role {role!r}"
        if self.model.finished:
            return "the season is over"
        if role not in ALLOWED_ROLES[action.type]:
            return f"{action.type} is not an action of the {role}"
        ref_field = {"review_invoice": "invoice_id", "decide_meerwerk": "request_id",
                     "record_meeting": "meeting_id", "answer_council": "question_id",
                     "plan_night": "briefing_id", "submit_report": "report_id",
                     "intervene": "incident_id"}.get(action.type)
        if ref_field is not None:
            point = self.board.find(role, action.type, getattr(action, ref_field))
            if point is None:
                return f"no open decision point for {action.type} {getattr(action, ref_field)}"
        return getattr(self, f"_check_{action.type}", lambda r, a: "")(role, action)

    def legal_actions(self, role: str) -> list[dict]:
        """Action templates valid now: answers to open decision points, then free actions."""
        out = [dict(option) for p in self.board.open_for(role) for option in p.options]
        probes = {
            "regisseur": [{"type": "inspect"}, {"type": "direct_contact"},
                          {"type": "request_extra_round", "priority": 1},
                          {"type": "launch_campaign"}, {"type": "micromanage",
                                                        "instruction": "timing"},
                          {"type": "call_meeting", "level": "operational"},
                          {"type": "impose_penalty",
                           "amount_eur": self.contract.penalty_eur}],
            "executor": [{"type": "direct_contact"}, {"type": "buy_salt", "quantity_t": 50.0},
                         {"type": "invest_development", "amount_eur": 20_000.0},
                         {"type": "call_meeting", "level": "operational"},
                         {"type": "request_meerwerk", "kind": "extra_round",
                          "amount_eur": 5_000.0}],
            "wethouder": [{"type": "call_executor"}],
        }[role]
        for probe in probes:
            try:
                action = parse_action(probe)
            except ValidationError:  # e.g. a contract without penalties
                continue
            if not self.check(role, action):
                out.append(probe)
        return out

    # --- checks for free actions ------------------------------------------------------------
    def _hours_left(self) -> float:
        return self.muni.regie_capacity_h_per_week - self.week_hours

    def _check_inspect(self, role: str, a: BaseModel) -> str:
        return "" if self._hours_left() >= HOURS_INSPECTION else "not enough regie hours this week"

    def _check_direct_contact(self, role: str, a: BaseModel) -> str:
        if self.last_contact_day[role] == self.model.day:
            return "already had direct contact today"
        if role == "regisseur" and self._hours_left() < HOURS_CONTACT:
            return "not enough regie hours this week"
        return ""

    def _check_micromanage(self, role: str, a: BaseModel) -> str:
        return "" if self._hours_left() >= HOURS_MICROMANAGE else "not enough regie hours"

    def _check_request_extra_round(self, role: str, a: BaseModel) -> str:
        if self.model.executor.fleet.busy_with(a.priority):
            return "the fleet is out on this priority"
        if self.round_queue or self.model.executor.pending_call is not None:
            return "an extra round is already on its way"
        return ""

    def _check_impose_penalty(self, role: str, a: BaseModel) -> str:
        if self.contract.sourcing == "in_house":
            return "no penalties on the own department"
        cap = self.contract.penalty_eur * self.unpenalised_misses
        if cap <= 0:
            return "no missed norm to penalise"
        return "" if a.amount_eur <= cap else f"exceeds the contractual penalty ({cap:.0f} EUR)"

    def _check_launch_campaign(self, role: str, a: BaseModel) -> str:
        return "a campaign is running" if self.model.hour < self.campaign_until else ""

    def _check_call_meeting(self, role: str, a: BaseModel) -> str:
        if any(not m.held for m in self.meetings):
            return "a meeting is already scheduled"
        return ""

    def _check_buy_salt(self, role: str, a: BaseModel) -> str:
        depot = self.model.executor.depot
        room = depot.cfg.capacity_t - depot.stock_t - depot.on_spot_t
        return "" if a.quantity_t <= room else f"depot has room for {room:.0f} t only"

    def _check_invest_development(self, role: str, a: BaseModel) -> str:
        return "no investment budget left" if a.amount_eur > 200_000 else ""

    def _check_request_meerwerk(self, role: str, a: BaseModel) -> str:
        if any(r.status == "open" and r.kind == a.kind for r in self.requests):
            return f"a {a.kind} request is already waiting"
        return ""

    def _check_call_executor(self, role: str, a: BaseModel) -> str:
        return "the fleet is out already" if self.model.executor.fleet.busy_with(1) else ""

    def _check_intervene(self, role: str, a: BaseModel) -> str:
        if a.channel == "committee" and not self.contract.escalation_committee:
            return "the contract has no escalation committee"
        return ""

    def _check_review_invoice(self, role: str, a: BaseModel) -> str:
        inv = self.invoices[a.invoice_id]
        if a.decision == "dispute" and not 0 < a.disputed_eur <= inv.claimed_eur + 0.01:
            return "disputed amount must be above 0 and at most the invoice total"
        return ""

    def _check_record_meeting(self, role: str, a: BaseModel) -> str:
        ids = {item.id for item in self.meetings[a.meeting_id].agenda}
        for o in a.outcomes:
            if o.item_id not in ids:
                return f"item {o.item_id} is not on the agenda"
        return ""

    # --- handlers ---------------------------------------------------------------------
    def _answer(self, role: str, action_type: str, ref: int) -> DecisionPoint:
        point = self.board.find(role, action_type, ref)
        self.board.close(point)
        return point

    def _do_review_invoice(self, role: str, a: BaseModel) -> None:
        self._answer(role, "review_invoice", a.invoice_id)
        inv = self.invoices[a.invoice_id]
        self.week_hours += HOURS_INVOICE_REVIEW
        inflated = inv.claimed_eur > inv.fair_eur * 1.03
        if a.decision == "approve":
            inv.status, inv.paid_eur = "approved", inv.claimed_eur
            self.rel.experience(self.model.hour, "invoice approved", executor=0.2)
        else:
            disputed = min(a.disputed_eur, inv.claimed_eur)
            inv.status, inv.paid_eur = "disputed", inv.claimed_eur - disputed
            self.open_dispute("price", disputed).inflated = inflated
            self.counts["price_disputes"] += 1
            self.rel.experience(self.model.hour, "invoice disputed",
                                gemeente=-0.4 if inflated else -0.1,
                                executor=-0.2 if inflated else -0.6)
        self.ledger.paid_to_executor_eur += inv.paid_eur

    def _do_decide_meerwerk(self, role: str, a: BaseModel) -> None:
        self._answer(role, "decide_meerwerk", a.request_id)
        req = self.requests[a.request_id]
        req.status = "approved" if a.decision == "approve" else "rejected"
        if a.decision == "approve":
            self.authorise(req.kind, req.amount_eur)
            self.rel.experience(self.model.hour, "meerwerk approved", executor=0.2)
        else:
            self.open_dispute("meerwerk", req.amount_eur,
                              rule_covered=MEERWERK_RULES.get(req.kind) in self.rules)
            self.rel.experience(self.model.hour, "meerwerk rejected", executor=-0.3)

    def _do_record_meeting(self, role: str, a: BaseModel) -> None:
        self._answer(role, "record_meeting", a.meeting_id)
        meeting = self.meetings[a.meeting_id]
        meeting.held = True
        self.week_hours += HOURS_MEETING
        by_id = {o.item_id: o for o in a.outcomes}
        for item in meeting.agenda:
            outcome = by_id.get(item.id)
            if outcome is not None and item.dispute_id is not None:
                self.settle(self.disputes[item.dispute_id], outcome.outcome, outcome.amount_eur)
        self.rel.experience(self.model.hour, "meeting", gemeente=0.1, executor=0.1)
        self.emit({"kind": "meeting_outcome", "meeting_id": meeting.id, "level": meeting.level,
                   "outcomes": [o.model_dump(mode="json") for o in a.outcomes]})

    def _do_answer_council(self, role: str, a: BaseModel) -> None:
        self._answer(role, "answer_council", a.question_id)
        relief = {"factual": 0.4, "defensive": -0.2, "blame_executor": 0.3}[a.tone]
        self.model.wethouder.attention = max(0.0, self.model.wethouder.attention - relief)
        if a.tone == "blame_executor":
            self.rel.experience(self.model.hour, "blamed in the council", executor=-0.7)

    def _do_plan_night(self, role: str, a: BaseModel) -> None:
        self._answer(role, "plan_night", a.briefing_id)
        ex = self.model.executor
        if a.mode == "preventive_now":
            from sim.agents.executor import CallOut

            ex.pending_call = CallOut("preventive", 1, ex.cfg.dose_preventive_g_m2, False,
                                      "decided at the briefing")
        elif a.mode == "stand_down":
            ex.stand_down_until = self.model.hour + 14

    def _do_submit_report(self, role: str, a: BaseModel) -> None:
        self._answer(role, "submit_report", a.report_id)
        report = self.reports[a.report_id]
        true = report["true_output"]
        report["reported_output"] = true if a.honesty == "honest" else min(1.0, true + 0.15)
        report["honesty"] = a.honesty
        if a.honesty == "flattering" and report["reported_output"] > true:
            self.flattered_unseen = True
        misses = report["reported_misses"] = (
            report["true_misses"] if a.honesty == "honest" else report["true_misses"] // 3)
        self.unpenalised_misses += misses
        if self.muni.steering_style == "outcome":
            # Steering on outcome: the month is judged by the street the gemeente sees
            # itself (the priority network's passable share), not by the account of output.
            seen = report["month_reachability_pct"] - OUTCOME_EXPECTED_REACHABILITY_PCT
            self.rel.experience(self.model.hour, "month on the street",
                                gemeente=OUTCOME_SURPRISE_PER_PCT * seen)
        else:
            self.rel.experience(self.model.hour, "monthly report",
                                gemeente=2.0 * (report["reported_output"]
                                                - OUTPUT_EXPECTED_SHARE))

    def _do_intervene(self, role: str, a: BaseModel) -> None:
        point = self._answer(role, "intervene", a.incident_id)
        self.model.wethouder.intervened(a.channel)
        if a.channel == "via_regisseur":
            self.order_extra_round(1, rush=False)
        elif a.channel == "committee":
            self.schedule_meeting("escalation", committee=True)
            self.rel.experience(self.model.hour, "committee convened", gemeente=0.1,
                                executor=0.1)
        elif a.channel == "call_executor":
            self.bypass()
        del point

    def _do_inspect(self, role: str, a: BaseModel) -> None:
        self.week_hours += HOURS_INSPECTION
        self.counts["inspections"] += 1
        if self.flattered_unseen:
            self.flattered_unseen = False
            self.counts["misreports_discovered"] += 1
            self.open_dispute("reporting", 0.0)
            self.rel.experience(self.model.hour, "misreporting discovered", gemeente=-1.0,
                                executor=-0.3)
        else:
            self.rel.experience(self.model.hour, "inspection: as reported", gemeente=0.15,
                                executor=-0.1)

    def _do_direct_contact(self, role: str, a: BaseModel) -> None:
        self.last_contact_day[role] = self.model.day
        if role == "regisseur":
            self.week_hours += HOURS_CONTACT
        self.counts["direct_contacts"] += 1
        self.rel.experience(self.model.hour, "direct contact", gemeente=0.3, executor=0.3)

    def _do_request_extra_round(self, role: str, a: BaseModel) -> None:
        self.order_extra_round(a.priority, rush=False)

    def _do_impose_penalty(self, role: str, a: BaseModel) -> None:
        self.unpenalised_misses = 0
        self.ledger.penalties_eur += a.amount_eur
        self.counts["penalties"] += 1
        self.open_dispute("penalty", a.amount_eur * 0.5) if self.rel.trust_e_in_g < 0.4 else None
        self.rel.experience(self.model.hour, "penalty", executor=-0.8)

    def _do_launch_campaign(self, role: str, a: BaseModel) -> None:
        self.campaign_until = self.model.hour + 24 * CAMPAIGN_DAYS
        self.ledger.campaign_eur += CAMPAIGN_COST_EUR
        self.counts["campaigns"] += 1
        cit = self.model.citizens
        cit.clearing_share = min(1.0, cit.cfg.self_clearing_share + CAMPAIGN_CLEARING_BOOST)

    def _do_micromanage(self, role: str, a: BaseModel) -> None:
        self.week_hours += HOURS_MICROMANAGE
        self.counts["micromanagement"] += 1
        ex = self.model.executor
        ex.efficiency = max(0.6, ex.efficiency - MICROMANAGE_EFFICIENCY_LOSS)
        self.rel.experience(self.model.hour, "micromanagement", executor=-0.35)

    def _do_call_meeting(self, role: str, a: BaseModel) -> None:
        self.schedule_meeting(a.level, committee=(a.level == "escalation"
                                                  and self.contract.escalation_committee))

    def _do_buy_salt(self, role: str, a: BaseModel) -> None:
        depot = self.model.executor.depot
        rule = self.rules.get("salt_emergency_purchase")
        if rule is not None:  # a pre-arranged delivery guarantee: the salt comes at once
            cost = depot.emergency_purchase(a.quantity_t)
            if self.contract.sourcing != "in_house":
                self.bill("emergency salt", cost, cost * (1 + markup(self.contract, 0.0, 0.0)))
        else:  # on its own account, from a dry spot market
            depot.spot_order(self.model.hour, a.quantity_t, SPOT_MARKET_LEAD_H)

    def _do_invest_development(self, role: str, a: BaseModel) -> None:
        self.ledger.development_eur += a.amount_eur
        self.rel.grow_maturity(0.1 * a.amount_eur / DEVELOPMENT_EUR_PER_STEP)
        self.apply_conduct()

    def _do_request_meerwerk(self, role: str, a: BaseModel) -> None:
        req = MeerwerkRequest(id=len(self.requests), hour=self.model.hour, kind=a.kind,
                              amount_eur=a.amount_eur)
        self.requests.append(req)
        if self.contract.sourcing == "in_house":
            req.status = "approved"
            self.authorise(req.kind, req.amount_eur)
            return
        if self._rule_approves(req):
            req.status = "approved"
            self.authorise(req.kind, req.amount_eur)
            self.rel.experience(self.model.hour, "meerwerk approved", executor=0.2)
            return
        options = [{"type": "decide_meerwerk", "request_id": req.id, "decision": d}
                   for d in ("approve", "reject")]
        self.raise_point("meerwerk_request", req.id, options,
                         {"kind": a.kind, "amount_eur": a.amount_eur, "note": a.note})

    def _do_call_executor(self, role: str, a: BaseModel) -> None:
        self.model.wethouder.intervened("call_executor")
        self.bypass()

    # --- mechanisms ----------------------------------------------------------------------
    def raise_point(self, kind: str, ref: int, options: list[dict], context: dict
                    ) -> DecisionPoint:
        """Open a decision point and log it."""
        point = self.board.raise_point(kind, self.model.hour, ref, options, context)
        self.emit({"kind": "decision_point", "id": point.id, "dp_kind": kind,
                   "role": point.role, "ref": ref, "deadline": point.deadline_hour})
        return point

    def open_dispute(self, kind: str, amount: float, rule_covered: bool = False) -> Dispute:
        """A new dispute, on the agenda of the next operational meeting.

        A pre-agreed reference helps the room: a decision rule for the meerwerk in
        question (`rule_covered`), or the external benchmark for a price dispute.
        """
        rule = rule_covered or (kind == "price" and self.contract.price_benchmark)
        dispute = Dispute(id=len(self.disputes), hour=self.model.hour, kind=kind,
                          amount_eur=amount, rule_covered=rule)
        self.disputes.append(dispute)
        self.emit({"kind": "dispute", "id": dispute.id, "dispute_kind": kind,
                   "amount_eur": round(amount, 2)})
        return dispute

    def settle(self, dispute: Dispute, outcome: str, amount: float) -> None:
        """Apply a meeting outcome to a dispute (a settled dispute stays settled)."""
        if dispute.resolved:
            return
        if outcome in ("agree", "compromise"):
            dispute.resolved = True
            paid = min(amount, dispute.amount_eur)
            self.ledger.paid_to_executor_eur += paid
            if dispute.kind == "price" and not dispute.inflated:
                # Money the executor feels it was denied comes back on later invoices.
                self.grievance_eur += dispute.amount_eur - paid
            self.rel.experience(self.model.hour, "dispute resolved", gemeente=0.35,
                                executor=0.35)
        elif outcome == "reject":
            dispute.hardness += 1
            self.rel.experience(self.model.hour, "positions hardened", gemeente=-0.15,
                                executor=-0.15)
        hardened = outcome == "escalate" or (outcome == "reject" and dispute.hardness >= 2)
        if hardened and dispute.level < len(LEVELS) - 1:
            dispute.level += 1
            self.counts["escalations"] += 1
            self.model.wethouder.feed(escalation=1)
            self.rel.experience(self.model.hour, "escalated", gemeente=-0.3, executor=-0.3)

    def authorise(self, kind: str, amount: float) -> None:
        """Approved meerwerk: the executor may act; the work is billed."""
        ex = self.model.executor
        if kind == "plough":
            self.plough_approved_until = self.model.hour + 72
            self.apply_conduct()
        elif kind == "emergency_salt":
            # Without a pre-arranged delivery guarantee the executor must find salt on a dry
            # spot market (the 2010 zoutloket): it comes, but days later.
            qty = amount / ex.depot.cfg.shortage_price_eur_per_t
            cost = ex.depot.spot_order(self.model.hour, qty, SPOT_MARKET_LEAD_H)
            self.bill("meerwerk: emergency salt", cost, cost * (1 + self._markup()),
                      meerwerk=True)
        elif kind in ("secondary_routes", "extra_round"):
            self.order_extra_round(2 if kind == "secondary_routes" else 1, rush=False,
                                   requested=True)

    def order_extra_round(self, priority: int, rush: bool, requested: bool = False) -> None:
        """An ad-hoc round outside the plan: queued until trucks are free, then driven and
        billed as meerwerk (or absorbed in-house)."""
        self.round_queue.append((priority, rush))
        self.dispatch_queued_round()

    def dispatch_queued_round(self) -> None:
        """Hand the first queued extra round to the executor when its trucks are free."""
        from sim.agents.executor import CallOut

        ex = self.model.executor
        if not self.round_queue or ex.pending_call is not None:
            return
        priority, rush = self.round_queue[0]
        if ex.fleet.busy_with(priority):
            return
        self.round_queue.pop(0)
        self.counts["extra_rounds"] += 1
        ex.pending_call = CallOut("adhoc", priority, ex.cfg.dose_curative_g_m2, False,
                                  "ad-hoc request")
        routes = len(self.model.plan.by_priority(priority))
        hours = routes * EXTRA_ROUND_HOURS
        fair = hours * self.contract.meerwerk_rate_eur_per_h * (RUSH_FACTOR if rush else 1.0)
        self.bill("meerwerk: extra round", fair, fair * (1 + self._markup()), meerwerk=True)

    def bypass(self) -> None:
        """The wethouder phones the executor: it acts at once, outside the regie."""
        self.counts["bypasses"] += 1
        self.order_extra_round(1, rush=True)
        self.rel.experience(self.model.hour, "bypass", gemeente=-0.5, executor=-0.4)
        self.emit({"kind": "bypass"})

    def _rule_approves(self, req: MeerwerkRequest) -> bool:
        """Whether a beslisregel approves this meerwerk request without the regisseur.

        `secondary_routes_on_request`: treating the secondary routes is authorised when
        their snow is at least the rule's threshold [cm] and the request fits in what is
        left of the rule's amount for the season.
        """
        rule = self.rules.get("secondary_routes_on_request")
        if req.kind != "secondary_routes" or rule is None:
            return False
        if (self.model.executor.secondary_snow_cm() < rule.threshold
                or self.rule_spent_eur[rule.rule] + req.amount_eur > rule.max_amount_eur):
            return False
        self.spend_under_rule(rule.rule, req.amount_eur, request_id=req.id)
        return True

    def spend_under_rule(self, rule: str, amount: float, **detail: int) -> None:
        """Book what the executor does on a beslisregel; at its amount the rule lapses."""
        self.rule_spent_eur[rule] += amount
        self.emit({"kind": "rule_applied", "rule": rule, "amount_eur": round(amount, 2),
                   "spent_eur": round(self.rule_spent_eur[rule], 2), **detail})
        if rule == "plough_authorised":
            self.apply_conduct()

    def plough_needed(self, call: object) -> None:
        """Snow, but ploughing is not authorised: the executor must ask (meerwerk)."""
        if self.is_human("executor") or any(
                r.status == "open" and r.kind == "plough" for r in self.requests):
            return
        hours = len(self.model.plan.by_priority(1)) * EXTRA_ROUND_HOURS
        self.submit("executor", {"type": "request_meerwerk", "kind": "plough",
                                 "amount_eur": hours * self.contract.meerwerk_rate_eur_per_h})

    def _markup(self) -> float:
        opportunism = getattr(self.controllers["executor"], "opportunism", 0.0)
        pressure = min(1.0, self.model.scenario.executor.financial_pressure + self.pressure_boost)
        # Reciprocity: an executor that trusts its client prices more modestly; one that feels
        # distrusted shifts the cost of inflexibility onto the gemeente (seed 003).
        reciprocity = 1.6 - 1.2 * self.rel.trust_e_in_g
        return markup(self.contract, opportunism * reciprocity, pressure)

    def bill(self, what: str, fair: float, claimed: float, meerwerk: bool = False) -> None:
        """Add a line to the next invoice (in-house: absorbed, nothing billed)."""
        if self.contract.sourcing == "in_house":
            return
        self.ledger.unbilled_lines.append(InvoiceLine(what, fair, claimed))
        if meerwerk:
            self.ledger.meerwerk_eur += claimed

    def schedule_meeting(self, level: str, committee: bool = False) -> Meeting:
        """Build the agenda from open disputes at this level and open a decision point."""
        lvl = LEVELS.index(level)
        meeting = Meeting(id=len(self.meetings), hour=self.model.hour, level=level)
        on_agenda = {item.dispute_id for m in self.meetings if not m.held for item in m.agenda}
        for d in self.disputes:
            if d.resolved or d.id in on_agenda:
                continue
            if d.level == lvl or (level == "escalation" and d.level >= 1):
                meeting.agenda.append(AgendaItem(len(meeting.agenda), d.kind,
                                                 f"{d.kind} dispute", d.id, d.amount_eur))
        self.meetings.append(meeting)
        relational = self.muni.steering_style != "output_control"
        ctx_items = []
        for item in meeting.agenda:
            d = self.disputes[item.dispute_id]
            # The chance the regisseur can read from the room: built from what it knows (its
            # own trust, the style, rules, benchmark, how hard positions are), not from the
            # executor's private trust or maturity.
            p = resolve_probability(self.rel.trust_g_in_e, relational, d.rule_covered,
                                    d.kind == "price" and self.contract.price_benchmark,
                                    d.hardness, committee)
            ctx_items.append({"item_id": item.id, "kind": item.kind, "text": item.text,
                              "amount_eur": round(item.amount_eur, 2),
                              "hardness": d.hardness, "resolution_chance": round(p, 4)})
        self.raise_point("meeting", meeting.id,
                         [{"type": "record_meeting", "meeting_id": meeting.id, "outcomes": []}],
                         {"level": level, "committee": committee, "agenda": ctx_items})
        return meeting

    # --- the hourly script ----------------------------------------------------------------
    def step(self) -> None:
        """Scheduled decision points, decision rules, bots, daily bookkeeping."""
        hour = self.model.hour
        self.dispatch_queued_round()
        self.raise_scheduled_points(hour)
        self.apply_decision_rules()
        self.answer_bots()
        if hour % 24 == 23:
            self.close_day()

    def raise_scheduled_points(self, hour: int) -> None:
        """Briefing at 18h; report and invoice monthly; meetings at the contract's rhythm."""
        day, hod = hour // 24, hour % 24
        if hod == 18:
            fc = self.model.weather.forecast(hour, 24)
            options = [{"type": "plan_night", "briefing_id": day, "mode": m}
                       for m in ("follow_plan", "preventive_now", "stand_down")]
            self.raise_point("forecast_briefing", day, options,
                             {"min_surface_temp_c": round(fc.min_surface_temp(), 2),
                              "max_precip_prob": round(float(fc.precip_prob.max()), 3)
                              if len(fc.precip_prob) else 0.0})
        if hod == 9 and day > 0 and day % 30 == 0:
            self.monthly_report()
            self.monthly_invoice()
        per_month = self.contract.meetings_operational_per_month
        if hod == 10 and per_month and day % max(1, 30 // per_month) == 15 % max(
                1, 30 // per_month) and self._meeting_due("operational"):
            self.schedule_meeting("operational")
        per_q = self.contract.meetings_management_per_quarter
        if hod == 11 and per_q and day % max(1, 90 // per_q) == 45 % max(1, 90 // per_q):
            self.schedule_meeting("management", committee=False)
        if hod == 14 and day % 30 == 20 and self.contract.transition_months > 0:
            # The joint project team meets monthly during the transition; afterwards the
            # learning arrangement stays as a monthly joint evaluation (seed 003: "Hef deze
            # leervoorzieningen niet op bij de overgang").
            in_transition = self.contract.transition_months * 30 > self.model.season_day0 + day
            boost = 0.3 if in_transition else 0.15
            self.rel.experience(hour, "joint project team", gemeente=boost, executor=boost)

    def _meeting_due(self, level: str) -> bool:
        return not any(not m.held and m.level == level for m in self.meetings)

    def monthly_report(self) -> None:
        """The executor's report on last month's output (true record attached)."""
        actions = [a for a in self.model.executor.fleet.actions[self.month_first_action:]
                   if a.priority == 1 and a.kind != "grit"]
        self.month_first_action = len(self.model.executor.fleet.actions)
        due = sum(len(a.routes) for a in actions)
        ok = sum(a.routes_within_norm(self.contract.route_norm_h) for a in actions)
        true = ok / due if due else 1.0
        report = {"id": len(self.reports), "hour": self.model.hour, "routes_due": due,
                  "true_output": true, "true_misses": due - ok, "reported_output": None,
                  "reachability_pct": self.model.kpi.last_day_reachability,
                  "month_reachability_pct": self.model.kpi.take_period_reachability()}
        self.reports.append(report)
        options = [{"type": "submit_report", "report_id": report["id"], "honesty": h}
                   for h in ("honest", "flattering")]
        self.raise_point("monthly_report", report["id"], options,
                         {"routes_due": due, "routes_within_norm": ok})

    def monthly_invoice(self) -> None:
        """Bill last month: fee share, rounds at the unit price, meerwerk and salt lines."""
        if self.contract.sourcing == "in_house":
            return
        model = self.model
        m = self._markup()
        since, self.last_invoice_hour = self.last_invoice_hour, model.hour + 1
        days = (model.hour + 1 - since) / 24.0  # this invoice covers hours since..hour
        fee = self.contract.fixed_fee_eur_per_season * days / STANDARD_SEASON_DAYS
        lines = [InvoiceLine("fee", fee, fee)]
        # Rounds alarmed in this period; ad-hoc rounds are billed as meerwerk already.
        actions = [a for a in model.executor.fleet.actions
                   if since <= a.alarm_hour <= model.hour and a.kind != "adhoc"]
        for a in actions:
            price = fair_action_price(self.contract, a.priority)
            claimed = price if a.kind == "preventive" else price * (1 + m)
            lines.append(InvoiceLine(f"{a.kind} round", price, claimed))
        if self.grievance_eur > 0:
            recoup = RECOUP_SHARE * self.grievance_eur
            self.grievance_eur -= recoup
            lines.append(InvoiceLine("nagekomen kosten", 0.0, recoup))
        lines += self.ledger.unbilled_lines
        self.ledger.unbilled_lines = []
        inv = Invoice(id=len(self.invoices), hour=model.hour, lines=lines)
        self.invoices.append(inv)
        options = [{"type": "review_invoice", "invoice_id": inv.id, "decision": "approve"}]
        # What the regisseur thinks the month should cost. With an external benchmark that is
        # the market price; without one it is the old in-house budget minus the promised
        # savings (seed 003: "onrealistische verwachtingen"), and a rough guess.
        if self.contract.price_benchmark:
            estimate = inv.fair_eur * float(self.rng.lognormal(0.0, 0.03))
        else:
            expected = 1.0 - self.muni.expected_savings_pct / 100.0
            estimate = inv.fair_eur * expected * float(self.rng.lognormal(0.0, 0.10))
        gap = round(inv.claimed_eur - estimate, 2)
        options.append({"type": "review_invoice", "invoice_id": inv.id, "decision": "dispute",
                        "disputed_eur": max(gap, 0.01)})
        self.raise_point("invoice", inv.id, options,
                         {"claimed_eur": round(inv.claimed_eur, 2),
                          "estimated_fair_eur": round(estimate, 2),
                          "lines": [[ln.what, round(ln.claimed_eur, 2)] for ln in lines]})

    def apply_decision_rules(self) -> None:
        """Pre-agreed rules let the executor act on the unforeseen without asking."""
        ex = self.model.executor
        rule = self.rules.get("salt_emergency_purchase")
        stock = ex.depot.stock_t
        if rule is not None and stock < rule.threshold and self.model.hour % 24 == 7:
            qty = min(rule.max_amount_eur / ex.depot.cfg.shortage_price_eur_per_t,
                      ex.depot.cfg.capacity_t - stock)
            if qty > 1.0:
                self.submit("executor", {"type": "buy_salt", "quantity_t": round(qty, 3),
                                         "note": "beslisregel: salt below threshold"}, by="rule")

    def answer_bots(self) -> None:
        """Bots answer their open decision points and take their free actions."""
        hod = self.model.hour % 24
        for role in ROLES:
            bot = self.controllers[role]
            if bot is None or not (self.board.open_for(role) or hod in bot.active_hours):
                continue
            for action in bot.decide(self.model.observe(role)):
                self.submit(role, action)

    def close_day(self) -> None:
        """Daily: trust drift, efficiency recovery, maturity growth, regie hours."""
        model = self.model
        self.rel.drift()
        ex = model.executor
        ex.efficiency = min(0.85 + 0.3 * self.rel.maturity,
                            ex.efficiency + EFFICIENCY_RECOVERY_PER_DAY)
        day = model.day
        if day % 30 == 29:
            rate = MATURITY_GROWTH_PER_MONTH
            if self.contract.transition_months * 30 > model.season_day0 + day:
                rate += TRANSITION_GROWTH_PER_MONTH
            self.rel.grow_maturity(rate)
            self.apply_conduct()
        if day % 7 == 6:
            open_disputes = sum(1 for d in self.disputes if not d.resolved)
            self.ledger.regie_hours += self.week_hours + HOURS_DISPUTE_PER_WEEK * open_disputes
            self.week_hours = 0.0
        if model.hour >= self.campaign_until:
            model.citizens.clearing_share = model.citizens.cfg.self_clearing_share
        self.apply_conduct()

    def tender(self) -> None:
        """Market regime, end of a contract period: tender; the incumbent may lose."""
        self.ledger.tender_eur += self.contract.tender_cost_eur
        keep = 0.5 + 0.4 * self.rel.mean_trust
        if self.rng.random() >= keep:
            self.ledger.tender_eur += self.contract.switching_cost_eur
            self.rel.trust_g_in_e = self.rel.trust_e_in_g = BASELINE  # a new party
            self.rel.maturity = 0.5
            self.emit({"kind": "tender", "outcome": "switch"})
        else:
            self.emit({"kind": "tender", "outcome": "incumbent"})

    def end_of_season(self) -> None:
        """Bill the rest of the season and book the last week's regie hours."""
        if self.contract.sourcing != "in_house":
            self.monthly_invoice()
            for point in self.board.open_for("regisseur"):
                if point.kind == "invoice":  # the year closes: open invoices are paid
                    self.submit("regisseur", {"type": "review_invoice", "invoice_id": point.ref,
                                              "decision": "approve",
                                              "note": "end of season"}, by="rule")
        self.ledger.regie_hours += self.week_hours
        self.week_hours = 0.0


def _raw(action: object) -> object:
    if isinstance(action, BaseModel):
        return action.model_dump(mode="json")
    return action if isinstance(action, dict) else repr(action)
