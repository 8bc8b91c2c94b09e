"""The action API: check an action against role, moment and values, then apply it.

`submit(role, action)` checks before anything changes; a rejected action returns its
reason and leaves the state as it was. Every submission and rejection is an event for the
session log. The handlers live by subject; each subject module lists its action types in
`HANDLERS` (type -> (check or None, handler)).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError

from sim.actions import ALLOWED_ROLES, ROLES, action_to_dict, parse_action
from sim.design import phase as design
from sim.governance import invoices, meerwerk, meetings, orders, politics, rulechange, work
from sim.governance.decisions import KINDS

if TYPE_CHECKING:
    from sim.governance.regie import Governance

HANDLERS = {**invoices.HANDLERS, **meerwerk.HANDLERS, **meetings.HANDLERS,
            **politics.HANDLERS, **work.HANDLERS, **orders.HANDLERS,
            **design.HANDLERS, **rulechange.HANDLERS}
# Answers to decision points: action type -> the field naming the point it answers.
REF_FIELDS = {action_type: ref_field for _, action_type, ref_field, _ in KINDS.values()}


@dataclass(frozen=True)
class ActionResult:
    """Outcome of a submission: accepted, or rejected with a reason."""

    ok: bool
    reason: str = ""


def submit(gov: Governance, role: str, action: BaseModel | dict,
           by: str | None = None) -> ActionResult:
    """Validate and apply an action; on rejection nothing changes.

    `by` marks who acted for the log: human or bot (from the seat), or `rule` when a
    pre-agreed decision rule acts for the role.
    """
    by = by or ("human" if role in gov.controllers and gov.is_human(role) else "bot")
    try:
        action = parse_action(action)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        reason = f"bad value: {where}: {first['msg']}"
        gov.emit({"kind": "rejected", "role": role, "action": _raw(action),
                  "reason": reason, "by": by})
        return ActionResult(False, reason)
    reason = check(gov, role, action)
    if reason:
        gov.emit({"kind": "rejected", "role": role, "action": action_to_dict(action),
                  "reason": reason, "by": by})
        return ActionResult(False, reason)
    gov.emit({"kind": "action", "role": role, "action": action_to_dict(action), "by": by})
    HANDLERS[action.type][1](gov, role, action)
    return ActionResult(True)


def check(gov: Governance, role: str, action: BaseModel) -> str:
    """Why this action may not be taken now ('' if it may)."""
    if role not in ROLES:
        return f"unknown role {role!r}"
    if gov.model.finished:
        return "the season is over"
    if role not in ALLOWED_ROLES[action.type]:
        return f"{action.type} is not an action of the {role}"
    ref_field = REF_FIELDS.get(action.type)
    if ref_field is not None:
        point = gov.board.find(role, action.type, getattr(action, ref_field))
        if point is None:
            return f"no open decision point for {action.type} {getattr(action, ref_field)}"
    subject_check = HANDLERS[action.type][0]
    return subject_check(gov, role, action) if subject_check is not None else ""


def legal_actions(gov: Governance, role: str) -> list[dict]:
    """Action templates valid now: answers to open decision points, then free actions."""
    out = [dict(option) for p in gov.board.open_for(role) for option in p.options]
    out += rulechange.templates(gov, role)
    probes = {
        "regisseur": [{"type": "inspect"}, {"type": "direct_contact"},
                      {"type": "request_extra_round", "priority": 1},
                      {"type": "launch_campaign"}, {"type": "micromanage",
                                                    "instruction": "timing"},
                      {"type": "call_meeting", "level": "operational"},
                      {"type": "impose_penalty",
                       "amount_eur": invoices.penalty_cap(gov)}],
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
        if not check(gov, role, action):
            out.append(probe)
    return out


def _raw(action: object) -> object:
    if isinstance(action, BaseModel):
        return action.model_dump(mode="json")
    return action if isinstance(action, dict) else repr(action)
