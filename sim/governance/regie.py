"""The regie layer's state and its place in the hour: contract, relationship, decision
board, ledger, requests, disputes, meetings, reports, invoices, seats and events.

The handlers live by subject (`meerwerk`, `meetings`, `invoices`, `politics`, `work`),
the action API in `api`, the scheduled decision points in `schedule`, the seats in
`seats`; this class holds what they share and is the model's one handle on them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import BaseModel

from sim.bots.base import HumanSeat
from sim.governance import api, meerwerk, meetings, schedule, seats
from sim.governance.contract import Invoice, Ledger, MeerwerkRequest
from sim.governance.decisions import DecisionBoard, DecisionPoint
from sim.governance.meetings import Dispute, Meeting
from sim.governance.relationship import Relationship
from sim.state_parts import plain_values

if TYPE_CHECKING:
    from sim.model import RegieModel


class Governance:
    """Contract, relationship, decision points, seats and the events of the regie."""

    def __init__(self, model: RegieModel) -> None:
        self.model = model
        sc = model.scenario
        self.contract = sc.contract
        self.muni = sc.municipality
        self.rng = model.streams["governance"]
        self.rel = Relationship.start(sc.relationship, sc.executor.maturity,
                                       model.streams["trust"])
        self.rel.watcher = self._trust_changed
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
             "extra_rounds", "jobs_tussendoor", "orders_refused", "written_approvals"), 0)
        self.orders: list = []  # ad-hoc orders and the executor's answers (governance.orders)
        self.flattered_unseen = False
        self.unpenalised_misses = 0
        self.week_hours = 0.0
        self.campaign_until = -1
        self.plough_approved_until = -1
        self.last_contact_day = {"regisseur": -1, "executor": -1}
        self.month_first_action = 0
        self.last_invoice_hour = 0
        # extra rounds waiting for free trucks: (priority, rush, billing, order, not before)
        self.round_queue: list[tuple[int, bool, str, int, int]] = []
        self.controllers: dict[str, object | None] = seats.seat_bots(self.rng, sc)

    # --- state ------------------------------------------------------------------------
    def hash_parts(self) -> list:
        """The regie layer's state for the state hash, in a fixed order: flags and
        counters (with the executor's felt pressure and grievance, where they were kept
        before), ledger, requests, disputes, reports, invoice and meeting states, trust,
        the decision board and the number of events. Who sits in each seat is public
        (`controllers`, `is_human`) and hashed with the seats."""
        ledger, rel, board = self.ledger, self.rel, self.board
        conduct = self.model.executor.conduct
        return [
            [self.flattered_unseen, self.unpenalised_misses, self.week_hours,
             self.campaign_until, self.plough_approved_until, self.month_first_action,
             conduct.pressure_boost, self.last_invoice_hour, conduct.grievance_eur],
            self.counts, self.last_contact_day,
            plain_values(ledger), [[ln.what, ln.fair_eur, ln.claimed_eur]
                                   for ln in ledger.unbilled_lines],
            [list(vars(r).values()) for r in self.requests],
            [list(vars(d).values()) for d in self.disputes],
            [list(r.values()) for r in self.reports],
            len(self.council_questions), len(self.incidents),
            [[i.id, i.hour, i.status, i.paid_eur, len(i.lines), i.penalised_eur]
             for i in self.invoices],
            [[m.id, m.hour, m.level, m.held, len(m.agenda)] for m in self.meetings],
            [list(vars(o).values()) for o in self.orders],
            rel.hash_parts(),
            len(board.points), [p.id for p in board.open_points()],
            len(self.events),
        ]

    def hours_left(self) -> float:
        """Regie hours the gemeente has left this week [h]."""
        return self.muni.regie_capacity_h_per_week - self.week_hours

    # --- events -----------------------------------------------------------------------
    def emit(self, event: dict) -> None:
        """Record an event (tick added) and pass it to listeners (the session log)."""
        event = {"tick": self.model.hour, **event}
        self.events.append(event)
        for listener in self.listeners:
            listener(event)

    def _trust_changed(self, who: str, reason: str, before: float, after: float) -> None:
        """Tell the listeners of a change of one side's trust (not kept in `events`)."""
        if not self.listeners:
            return
        event = {"tick": self.model.hour, "kind": "trust", "who": who, "reason": reason,
                 "before": before, "after": after}
        for listener in self.listeners:
            listener(event)

    def raise_point(self, kind: str, ref: int, options: list[dict], context: dict
                    ) -> DecisionPoint:
        """Open a decision point and log it."""
        point = self.board.raise_point(kind, self.model.hour, ref, options, context)
        self.emit({"kind": "decision_point", "id": point.id, "dp_kind": kind,
                   "role": point.role, "ref": ref, "deadline": point.deadline_hour})
        return point

    def answer(self, role: str, action_type: str, ref: int) -> DecisionPoint:
        """Close the open decision point this (checked) action answers."""
        point = self.board.find(role, action_type, ref)
        self.board.close(point)
        return point

    # --- the action API (sim/governance/api.py) ------------------------------------------
    def submit(self, role: str, action: BaseModel | dict,
               by: str | None = None) -> api.ActionResult:
        """Validate and apply an action; on rejection nothing changes (see `api.submit`)."""
        return api.submit(self, role, action, by)

    def check(self, role: str, action: BaseModel) -> str:
        """Why this action may not be taken now ('' if it may)."""
        return api.check(self, role, action)

    def legal_actions(self, role: str) -> list[dict]:
        """Action templates valid now: answers to open decision points, then free actions."""
        return api.legal_actions(self, role)

    # --- seats (sim/governance/seats.py) -------------------------------------------------
    def set_controller(self, role: str, bot_name: str | HumanSeat | None,
                       name: str | None = None) -> None:
        """Hand a seat to a human (None) or a bot archetype (trainer act)."""
        seats.set_controller(self, role, bot_name, name)

    def is_human(self, role: str) -> bool:
        """Whether a person plays this role now (at the UI or as a scripted HumanSeat)."""
        return seats.is_human(self.controllers[role])

    def awaits_ui(self, role: str) -> bool:
        """Whether the model must wait for a person at the UI to act for this role."""
        return self.controllers[role] is None

    # --- the hour's phases, in the order RegieModel.step runs them --------------------
    def dispatch_queued_round(self) -> None:
        """Hand a queued extra round to the executor once its trucks are free."""
        meerwerk.dispatch_queued_round(self)

    def raise_scheduled_points(self) -> None:
        """Briefing, monthly report and invoice, meetings, joint team (see `schedule`)."""
        schedule.raise_scheduled_points(self, self.model.hour)

    def apply_decision_rules(self) -> None:
        """Beslisregels let the executor act on the unforeseen without asking."""
        meerwerk.apply_decision_rules(self)

    def answer_bots(self) -> None:
        """Bots answer their open decision points and take their free actions."""
        seats.answer_bots(self)

    def close_day(self) -> None:
        """Daily: trust drift, efficiency, maturity, regie hours (see `schedule`)."""
        schedule.close_day(self)

    def end_of_season(self) -> None:
        """Bill the rest of the season and book the last week's regie hours."""
        schedule.end_of_season(self)

    def tender(self) -> None:
        """Market regime, end of a contract period: tender; the incumbent may lose."""
        schedule.tender(self)

    # --- hooks for the executor -------------------------------------------------------
    def spend_under_rule(self, rule: str, amount: float, **detail: int) -> None:
        """Book what the executor does on a beslisregel; at its amount the rule lapses."""
        meerwerk.spend_under_rule(self, rule, amount, **detail)

    def plough_needed(self) -> None:
        """Snow, but ploughing is not authorised: the executor must ask (meerwerk)."""
        meerwerk.plough_needed(self)

    def open_dispute(self, kind: str, amount: float, rule_covered: bool = False) -> Dispute:
        """A new dispute, on the agenda of the next operational meeting."""
        return meetings.open_dispute(self, kind, amount, rule_covered)
